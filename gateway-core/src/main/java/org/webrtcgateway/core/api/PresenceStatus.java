package org.webrtcgateway.core.api;

import java.util.Optional;

/** A user's presence as PROTOCOL.md spells it. */
public enum PresenceStatus {
    AVAILABLE("available"),
    AWAY("away"),
    BUSY("busy"),
    OFFLINE("offline");

    private final String wireName;

    PresenceStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<PresenceStatus> fromWireName(String name) {
        for (PresenceStatus status : values()) {
            if (status.wireName.equals(name)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
