package org.webrtcgateway.core.api;

/** What the gateway offers a bridge. Thread-safe; never blocks. */
public interface BridgeContext {

    /**
     * Delivers a signal from the bridge's network to a gateway user. An {@link Signal.Offer} with a
     * call id the user does not know starts an incoming call whose far end is {@code signal.from()}.
     * Rejected with {@link ErrorCode#UNKNOWN_PEER} when no such user is logged in, with
     * {@link ErrorCode#UNKNOWN_CALL} for a call signal of a call that does not exist.
     */
    RouteResult deliver(Address.Local to, Signal signal);

    /** Whether a user of this name is logged in now (for SIP 480 versus 404 decisions and the like). */
    boolean isOnline(Address.Local user);

    /**
     * Whether the gateway is short of memory: a bridge then refuses new calls (SIP with 503 and
     * Retry-After) and keeps serving the ones it has. See {@code bridge.heap-limit-percent}.
     */
    boolean overloaded();
}
