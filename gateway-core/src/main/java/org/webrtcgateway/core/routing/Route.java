package org.webrtcgateway.core.routing;

import static java.util.Objects.requireNonNull;

import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.core.call.CallParty;

/**
 * What the router found for an address: the party that takes signals for it, or why there is none.
 * A value, never an exception, so a service hands it on without asking where a user lives.
 */
public sealed interface Route {

    /** Someone takes signals for the address: a session here, an address behind a bridge. */
    record Reached(CallParty party) implements Route {
        public Reached {
            requireNonNull(party, "party");
        }
    }

    /** Nobody does: {@code unknown-peer} for a name nobody uses, {@code unreachable} for a scheme no bridge owns. */
    record Refused(ErrorCode code, String message) implements Route {
        public Refused {
            requireNonNull(code, "code");
            requireNonNull(message, "message");
        }
    }

    /** Hands {@code signal} to the party reached, or answers with the refusal. */
    default RouteResult deliver(Signal signal) {
        if (this instanceof Reached reached) {
            return reached.party().deliver(signal);
        }
        Refused refused = (Refused) this;
        return RouteResult.rejected(refused.code(), refused.message());
    }
}
