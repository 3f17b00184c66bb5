package org.webrtcgateway.core.protocol;

import static java.util.Objects.requireNonNull;

import org.webrtcgateway.core.api.ErrorCode;

/** One decoded frame: a well-formed request, or a malformed one that is answered with an error. */
public sealed interface Inbound {

    /** The request's {@code id}, null when it had none (or none could be read). */
    RequestId id();

    record Request(RequestId id, ClientMessage message) implements Inbound {
        public Request {
            requireNonNull(message, "message");
        }
    }

    record Malformed(RequestId id, ErrorCode code, String message) implements Inbound {
        public Malformed {
            requireNonNull(code, "code");
            requireNonNull(message, "message");
        }
    }

    /** A request the frontend dropped because its client sends faster than its rate limit: {@code rate-limited}. */
    static Inbound rateLimited(RequestId id, String why) {
        return new Malformed(id, ErrorCode.RATE_LIMITED, why);
    }
}
