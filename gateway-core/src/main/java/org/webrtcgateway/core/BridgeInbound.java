package org.webrtcgateway.core;

import java.util.Optional;

import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.Bridge;
import org.webrtcgateway.core.api.BridgeContext;
import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.core.call.BridgedParty;
import org.webrtcgateway.core.call.Call;
import org.webrtcgateway.core.call.CallService;
import org.webrtcgateway.core.health.HeapPressure;
import org.webrtcgateway.core.presence.PresenceService;
import org.webrtcgateway.core.routing.Router;
import org.webrtcgateway.core.session.Session;
import org.webrtcgateway.core.session.SessionRegistry;

/** The {@link BridgeContext} one bridge gets: signals from its network, delivered to local users. */
final class BridgeInbound implements BridgeContext {

    private final Bridge bridge;
    private final SessionRegistry sessions;
    private final CallService calls;
    private final PresenceService presence;
    private final HeapPressure heap;
    private final Router router;

    BridgeInbound(Bridge bridge, SessionRegistry sessions, CallService calls, PresenceService presence, HeapPressure heap,
                  Router router) {
        this.router = router;
        this.bridge = bridge;
        this.sessions = sessions;
        this.calls = calls;
        this.presence = presence;
        this.heap = heap;
    }

    @Override
    public RouteResult deliver(Address.Local to, Signal signal) {
        if (!(signal.from() instanceof Address.External external) || !bridge.schemes().contains(external.scheme())) {
            return RouteResult.rejected(ErrorCode.FORBIDDEN, "bridge '" + bridge.name() + "' cannot send from " + signal.from());
        }
        Session session = sessions.byName(to.name());
        if (session == null) {
            // In a cluster the user may be on another node: the signal goes there, and what comes back reaches this bridge.
            return router.resolve(to).deliver(signal);
        }
        if (signal instanceof Signal.CallSignal callSignal) {
            return calls.fromBridge(bridge, session, callSignal);
        }
        if (signal instanceof Signal.Text || signal instanceof Signal.Presence || signal instanceof Signal.Mailbox) {
            return session.deliver(signal);
        }
        return RouteResult.rejected(ErrorCode.BAD_MESSAGE, signal.getClass().getSimpleName() + " is not for bridges to deliver");
    }

    @Override
    public Optional<String> correlationId(Address.Local user, String callId) {
        Session session = sessions.byName(user.name());
        Call call = session == null ? null : session.call(callId);
        return call == null ? Optional.empty() : Optional.of(call.correlationId());
    }

    @Override
    public boolean isOnline(Address.Local user) {
        return sessions.byName(user.name()) != null;
    }

    @Override
    public Signal.Presence follow(Address.External follower, Address.Local user) {
        return presence.follow(followerParty(follower), user);
    }

    @Override
    public void unfollow(Address.External follower, Address.Local user) {
        presence.unfollow(followerParty(follower), user);
    }

    /** The follower as a party: what is sent to it goes to this bridge. Equal for equal addresses. */
    private BridgedParty followerParty(Address.External follower) {
        if (!bridge.schemes().contains(follower.scheme())) {
            throw new IllegalArgumentException("bridge '" + bridge.name() + "' cannot follow for " + follower);
        }
        return new BridgedParty(follower, bridge, heap);
    }

    @Override
    public boolean overloaded() {
        return heap.isHigh();
    }
}
