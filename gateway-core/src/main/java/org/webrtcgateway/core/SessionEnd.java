package org.webrtcgateway.core;

/** How a session ended: the {@code end=} field of the session log's end line. */
public enum SessionEnd {
    /**
     * The connection closed with a close frame and the session ended at once: the client logged out (its
     * close code, usually 1000 or 1001), or the frontend closed it for breaking a rule (1008 over the rate
     * limit, 1009 a frame too big, 1007 not UTF-8, 1003 binary).
     */
    CLOSED("closed"),
    /** The connection dropped without a close frame and nobody resumed the session within the grace period. */
    NOT_RESUMED("dropped"),
    /** More messages waited for the client than the gateway keeps (close code 1008). */
    TOO_SLOW("too-slow"),
    /** A newer login with a token for the same name took over (close code 4002). */
    REPLACED("replaced"),
    /** An operator ended it (the admin API). */
    KICKED("kicked"),
    /** The gateway shut down (close code 1001). */
    SHUTDOWN("shutdown"),
    /** A resume took it to another node of the cluster, which goes on with it (close code 4001 if still attached). */
    MOVED("moved");

    private final String label;

    SessionEnd(String label) {
        this.label = label;
    }

    /** The value in the log, stable for parsers. */
    public String label() {
        return label;
    }
}
