package org.webrtcgateway.core.protocol;

/** How a connection ended, which decides whether its session may be resumed (PROTOCOL.md, Resuming). */
public enum DisconnectKind {
    /** The client sent a close frame: the session ends at once. */
    CLOSED,
    /** The socket dropped without a close frame (network loss, idle timeout): the session waits to be resumed. */
    DROPPED
}
