package org.webrtcgateway.core;

import static java.util.Objects.requireNonNull;

import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.protocol.ServerMessage;

/**
 * What handling one client request came to: done (answered with {@code ok} when the request had an
 * {@code id}, or always when the result carries something the client needs), or failed with an error
 * code. A failed request changes nothing.
 */
public sealed interface Outcome {

    static Outcome ok() {
        return new Done(ServerMessage.NoResult.INSTANCE, false);
    }

    /** Replied with {@code ok} only when the request had an {@code id}. */
    static Outcome ok(ServerMessage.Result result) {
        return new Done(result, false);
    }

    /** Replied with {@code ok} even without an {@code id}: the result is something the client cannot do without. */
    static Outcome always(ServerMessage.Result result) {
        return new Done(result, true);
    }

    static Outcome failed(ErrorCode code, String message) {
        return new Failed(code, message);
    }

    /**
     * Answered later, by whoever takes the request on: the reply depends on another network (a SIP transfer's
     * NOTIFY), so nothing is sent now.
     */
    static Outcome deferred() {
        return Deferred.INSTANCE;
    }

    static Outcome of(RouteResult result) {
        return result instanceof RouteResult.Rejected rejected ? failed(rejected.code(), rejected.message()) : ok();
    }

    record Done(ServerMessage.Result result, boolean evenWithoutId) implements Outcome {
        public Done {
            requireNonNull(result, "result");
        }
    }

    enum Deferred implements Outcome {
        INSTANCE
    }

    record Failed(ErrorCode code, String message) implements Outcome {
        public Failed {
            requireNonNull(code, "code");
            requireNonNull(message, "message");
        }
    }
}
