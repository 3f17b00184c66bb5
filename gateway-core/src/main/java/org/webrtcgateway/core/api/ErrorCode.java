package org.webrtcgateway.core.api;

/** The error codes of PROTOCOL.md; {@link #wireName()} is what a client sees in {@code error.code}. */
public enum ErrorCode {
    BAD_JSON("bad-json"),
    BAD_MESSAGE("bad-message"),
    UNKNOWN_TYPE("unknown-type"),
    NOT_LOGGED_IN("not-logged-in"),
    BAD_NAME("bad-name"),
    NAME_TAKEN("name-taken"),
    UNAUTHORIZED("unauthorized"),
    FORBIDDEN("forbidden"),
    UNKNOWN_PEER("unknown-peer"),
    UNKNOWN_CALL("unknown-call"),
    UNREACHABLE("unreachable"),
    BUSY("busy"),
    ROOM_FULL("room-full"),
    RATE_LIMITED("rate-limited"),
    TOO_LARGE("too-large"),
    INTERNAL("internal");

    private final String wireName;

    ErrorCode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
