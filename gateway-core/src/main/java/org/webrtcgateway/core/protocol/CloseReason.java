package org.webrtcgateway.core.protocol;

/** Why the gateway closes a client's connection; a frontend maps each to its own close code. */
public enum CloseReason {
    /** The gateway is shutting down (WebSocket 1001). */
    SHUTDOWN,
    /** The client could not keep up with its messages (WebSocket 1008). */
    TOO_SLOW,
    /** Another connection resumed this session (WebSocket 4001). */
    RESUMED_ELSEWHERE,
    /** The session ended while this connection was attached, e.g. replaced by a fresh login (WebSocket 4002). */
    SESSION_ENDED
}
