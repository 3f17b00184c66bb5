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

    /** {@link #disconnected(DisconnectKind, int)}'s code when no close frame went either way. */
    int NO_CLOSE_CODE = -1;

    /**
     * The connection ended; {@link DisconnectKind} says what that means for the session. {@code closeCode} is the
     * close frame's code (the client's, or the one the frontend closed with), {@link #NO_CLOSE_CODE} when none.
     */
    void disconnected(DisconnectKind kind, int closeCode);

    /** The connection ended, with no close code to tell. */
    default void disconnected(DisconnectKind kind) {
        disconnected(kind, NO_CLOSE_CODE);
    }
}
