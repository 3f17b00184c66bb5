package org.webrtcgateway.core.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A gateway to another signaling network (SIP, XMPP, another gateway node). The router hands a
 * bridge every signal addressed to one of its {@link #schemes()}; the bridge hands signals from
 * its network to gateway users through the {@link BridgeContext} it gets at start.
 *
 * <p>Bridges are registered with a Guice multibinder, so adding one touches no existing class.
 * Per-call state belongs in a per-call object inside the bridge, keyed by call id.
 */
public interface Bridge {

    /** A short name for logs and configuration, e.g. {@code "sip"}. */
    String name();

    /** The address schemes this bridge owns, in lower case, e.g. {@code sip}, {@code sips}, {@code tel}. */
    Set<String> schemes();

    /**
     * Whether the configuration turns this bridge on. A bridge that is off is still started and
     * stopped, so that its addresses get a clear refusal ("not enabled") rather than none, but it
     * opens nothing and the start-up log does not count it.
     */
    default boolean enabled() {
        return true;
    }

    /** Starts the bridge's own stack. Called once, before any {@link #send}. */
    void start(BridgeContext context) throws Exception;

    /**
     * Stops the bridge, called once, at shutdown, after every session ended (so the {@code bye}s of their
     * calls were handed to {@link #send} already). Ends what is left of its calls and registrations with
     * its protocol's goodbyes (SIP: BYE, CANCEL, a final response, un-REGISTER; XMPP: session-terminate,
     * retract, unavailable presence, the stream's end), then <em>waits</em> until they went out and, where
     * the protocol answers them, were answered, but never past {@code deadline}; then releases its threads,
     * none of which may keep the JVM alive afterwards.
     *
     * @return what was left undone when the deadline passed or was cut short (one line, e.g.
     *         {@code "2 BYEs unanswered"}), empty when everything was done
     */
    Optional<String> stop(Deadline deadline);

    /**
     * Takes a signal from a gateway user ({@code signal.from()}) to an address this bridge owns.
     * Must not block: the caller is a network event loop. A call that later fails comes back as a
     * {@link Signal.Bye} through the context.
     */
    RouteResult send(Address to, Signal signal);

    /**
     * A user logged in (a fresh login, not a resume); {@code claims} are its login token's claims
     * (empty when tokens are not in use). A SIP bridge may REGISTER the user's account now.
     * Must not block.
     */
    default void userOnline(Address.Local user, Map<String, Object> claims) {
    }

    /** A user's session ended (logout, close, grace period over, shutdown). Must not block. */
    default void userOffline(Address.Local user) {
    }

    /**
     * A user set its presence (the {@code presence} message), for a bridge that publishes gateway users
     * in its network (an XMPP account's presence). Logging in ({@code available}) and ending
     * ({@code offline}) come as {@link #userOnline} and {@link #userOffline}. Must not block.
     */
    default void userPresence(Address.Local user, PresenceStatus status, String note) {
    }

    /**
     * Whether the bridge is in working order now (its registrations up, its trunk reachable, its streams
     * connected), for {@code /readyz}. Asked only of an {@link #enabled} bridge, after its start. Any thread;
     * must not block: a frontend's event loop asks, so it reads what the bridge keeps up to date.
     */
    default BridgeHealth health() {
        return BridgeHealth.READY;
    }

    /**
     * The bridge's side of each call it carries now, for the admin API. Asked from the admin API's own thread
     * (never an event loop): it may wait briefly (a few seconds at most) for the bridge's thread.
     */
    default List<BridgeLeg> legs() {
        return List.of();
    }
}
