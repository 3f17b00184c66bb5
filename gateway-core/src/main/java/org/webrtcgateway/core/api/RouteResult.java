package org.webrtcgateway.core.api;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of handing a signal to its destination. Boundaries return this instead of
 * throwing, and each side maps a rejection into its own terms (a PROTOCOL.md error, a SIP
 * status, an XMPP stanza error).
 */
public sealed interface RouteResult {

    Accepted ACCEPTED = new Accepted();

    static RouteResult accepted() {
        return ACCEPTED;
    }

    static RouteResult rejected(ErrorCode code, String message) {
        return new Rejected(code, message);
    }

    default boolean isAccepted() {
        return this instanceof Accepted;
    }

    record Accepted() implements RouteResult {
    }

    record Rejected(ErrorCode code, String message) implements RouteResult {
        public Rejected {
            requireNonNull(code, "code");
            requireNonNull(message, "message");
        }
    }
}
