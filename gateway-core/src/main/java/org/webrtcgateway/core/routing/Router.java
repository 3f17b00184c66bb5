package org.webrtcgateway.core.routing;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.Bridge;
import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.call.BridgedParty;
import org.webrtcgateway.core.cluster.Cluster;
import org.webrtcgateway.core.health.HeapPressure;
import org.webrtcgateway.core.session.Session;
import org.webrtcgateway.core.session.SessionRegistry;

/**
 * Names the party that takes signals for an address: a plain name is a session of this gateway (or, in a
 * cluster, of the node that holds the name), a scheme belongs to its bridge. Services hand signals to the
 * party and never ask where it lives.
 */
@Singleton
public final class Router {

    private final SessionRegistry sessions;
    private final BridgeRegistry bridges;
    private final HeapPressure heap;
    private final Cluster cluster;

    @Inject
    public Router(SessionRegistry sessions, BridgeRegistry bridges, HeapPressure heap, Cluster cluster) {
        this.cluster = cluster;
        this.sessions = sessions;
        this.bridges = bridges;
        this.heap = heap;
    }

    public Route resolve(Address to) {
        if (to instanceof Address.Local local) {
            Session session = sessions.byName(local.name());
            if (session != null) {
                return new Route.Reached(session);
            }
            return cluster.isShared() ? onAnotherNode(local) : nobody(local);
        }
        String scheme = ((Address.External) to).scheme();
        return bridges.forScheme(scheme)
                .<Route>map(bridge -> new Route.Reached(bridgedParty(to, bridge)))
                .orElseGet(() -> new Route.Refused(ErrorCode.UNREACHABLE, "this gateway has no bridge for " + scheme + ": addresses"));
    }

    /** A user no session of this node holds, in a cluster: the party on its node, or why there is none. */
    private Route onAnotherNode(Address.Local user) {
        Cluster.Located located = cluster.locate(user.name());
        if (located instanceof Cluster.Elsewhere elsewhere) {
            return new Route.Reached(elsewhere.party());
        }
        if (located instanceof Cluster.Unavailable unavailable) {
            return new Route.Refused(unavailable.code(), unavailable.message());
        }
        return nobody(user);
    }

    private static Route nobody(Address.Local user) {
        return new Route.Refused(ErrorCode.UNKNOWN_PEER, "no user '" + user.name() + "' is logged in");
    }

    /** The party for {@code address} behind {@code bridge}: a call to it is refused while the gateway is short of memory. */
    public BridgedParty bridgedParty(Address address, Bridge bridge) {
        return new BridgedParty(address, bridge, heap);
    }
}
