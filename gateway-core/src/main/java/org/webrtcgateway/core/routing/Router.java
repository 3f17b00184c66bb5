package org.webrtcgateway.core.routing;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.Bridge;
import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.call.BridgedParty;
import org.webrtcgateway.core.health.HeapPressure;
import org.webrtcgateway.core.session.Session;
import org.webrtcgateway.core.session.SessionRegistry;

/**
 * Names the party that takes signals for an address: a plain name is a session of this gateway, a
 * scheme belongs to its bridge. Services hand signals to the party and never ask where it lives.
 */
@Singleton
public final class Router {

    private final SessionRegistry sessions;
    private final BridgeRegistry bridges;
    private final HeapPressure heap;

    @Inject
    public Router(SessionRegistry sessions, BridgeRegistry bridges, HeapPressure heap) {
        this.sessions = sessions;
        this.bridges = bridges;
        this.heap = heap;
    }

    public Route resolve(Address to) {
        if (to instanceof Address.Local local) {
            Session session = sessions.byName(local.name());
            return session != null
                    ? new Route.Reached(session)
                    : new Route.Refused(ErrorCode.UNKNOWN_PEER, "no user '" + local.name() + "' is logged in");
        }
        String scheme = ((Address.External) to).scheme();
        return bridges.forScheme(scheme)
                .<Route>map(bridge -> new Route.Reached(bridgedParty(to, bridge)))
                .orElseGet(() -> new Route.Refused(ErrorCode.UNREACHABLE, "this gateway has no bridge for " + scheme + ": addresses"));
    }

    /** The party for {@code address} behind {@code bridge}: a call to it is refused while the gateway is short of memory. */
    public BridgedParty bridgedParty(Address address, Bridge bridge) {
        return new BridgedParty(address, bridge, heap);
    }
}
