package org.webrtcgateway.core.protocol;

/**
 * One client connection's way into the core, as {@link Gateway#connect} hands it to the frontend. The
 * frontend calls it from the connection's own thread, one frame at a time.
 */
public interface ClientLink {

    /** A decoded frame from the client. */
    void receive(Inbound inbound);

    /** The connection can take messages again (its write buffer drained): a waiting backlog goes on. */
    void writable();

    /** The connection ended; {@link DisconnectKind} says what that means for the session. */
    void disconnected(DisconnectKind kind);
}
