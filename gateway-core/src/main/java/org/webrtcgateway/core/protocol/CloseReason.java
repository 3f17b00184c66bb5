package org.webrtcgateway.core.protocol;

/**
 * Why the gateway closes a client's connection, with the close code and reason the protocol gives it
 * (docs/protocol.md, close codes: RFC 6455's where it has one, the private 4000 range where it has not).
 */
public enum CloseReason {
    /** The gateway is shutting down. */
    SHUTDOWN(1001, "the gateway is shutting down"),
    /** The session ended because more messages waited for it than the gateway keeps. */
    TOO_SLOW(1008, "the session ended: more messages waited for it than the gateway keeps"),
    /** Another connection resumed this session. */
    RESUMED_ELSEWHERE(4001, "the session was resumed on another connection"),
    /** The session ended while this connection was attached, e.g. replaced by a fresh login. */
    SESSION_ENDED(4002, "the session was ended by a newer login"),
    /** The gateway's operator disconnected the user (the admin API). */
    DISCONNECTED(4003, "the session was ended by the gateway's operator");

    private final int code;
    private final String reason;

    CloseReason(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    /** The close code, e.g. 1001. */
    public int code() {
        return code;
    }

    /** The close frame's reason text. */
    public String reason() {
        return reason;
    }
}
