package org.webrtcgateway.core.call;

import java.util.Set;

/**
 * A bye's reason as a metric label: a client may put any text of 128 characters there, so only the
 * reasons the gateway and its bridges use (PROTOCOL.md, "bye reasons", Jingle's conditions) keep their
 * name; no reason is {@code none}, anything else {@code other}.
 */
final class CallEndReasons {

    static final Set<String> KNOWN = Set.of(
            "decline", "busy", "gone", "cancel", "timeout", "unreachable", "not-found", "unavailable", "forbidden",
            "address-incomplete", "not-acceptable", "server-error", "failed", "overloaded", "transferred", "success",
            "connectivity-error", "failed-transport", "media-error", "security-error", "general-error",
            "alternative-session", "media-relay-unreachable");

    private CallEndReasons() {
    }

    static String label(String reason) {
        if (reason == null || reason.isEmpty()) {
            return "none";
        }
        return KNOWN.contains(reason) ? reason : "other";
    }
}
