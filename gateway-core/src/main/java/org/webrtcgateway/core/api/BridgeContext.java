package org.webrtcgateway.core.api;

import java.util.Optional;

/** What the gateway offers a bridge. Thread-safe; never blocks. */
public interface BridgeContext {

    /**
     * Delivers a signal from the bridge's network to a gateway user. An {@link Signal.Offer} with a
     * call id the user does not know starts an incoming call whose far end is {@code signal.from()}.
     * Rejected with {@link ErrorCode#UNKNOWN_PEER} when no such user is logged in, with
     * {@link ErrorCode#UNKNOWN_CALL} for a call signal of a call that does not exist.
     */
    RouteResult deliver(Address.Local to, Signal signal);

    /**
     * The correlation id the gateway gave the call {@code callId} of {@code user} (see {@link CallCorrelation}),
     * empty when the user has no such call. A bridge asks once the call exists (from {@link Bridge#send} of its
     * first offer, or after {@link #deliver} accepted a first offer), keeps the id with its own per-call state,
     * logs the link to its own id (SIP Call-ID, Jingle sid) once, and works on the call in its scope.
     */
    Optional<String> correlationId(Address.Local user, String callId);

    /** Whether a user of this name is logged in now (for SIP 480 versus 404 decisions and the like). */
    boolean isOnline(Address.Local user);

    /**
     * {@code follower}, an address of this bridge's network, follows the gateway user {@code user}
     * (logged in or not), as a browser does with {@code subscribe}: every change of the user's presence
     * then comes to the bridge's {@link Bridge#send} as a {@link Signal.Presence} from the user, addressed
     * to {@code follower}, until {@link #unfollow}. Returns the user's presence now ({@code offline}
     * when not logged in).
     *
     * @throws IllegalArgumentException when {@code follower} is not of this bridge's schemes
     */
    Signal.Presence follow(Address.External follower, Address.Local user);

    /** {@code follower} no longer follows {@code user}. */
    void unfollow(Address.External follower, Address.Local user);

    /**
     * Whether the gateway is short of memory: a bridge then refuses new calls (SIP with 503 and
     * Retry-After) and keeps serving the ones it has. See {@code bridge.heap-limit-percent}.
     */
    boolean overloaded();
}
