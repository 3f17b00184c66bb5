package org.webrtcgateway.core.routing;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.Bridge;
import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.session.Session;
import org.webrtcgateway.core.session.SessionRegistry;

/** Finds who owns an address: a plain name is a local session, a scheme belongs to its bridge. */
@Singleton
public final class Router {

    private final SessionRegistry sessions;
    private final BridgeRegistry bridges;

    @Inject
    public Router(SessionRegistry sessions, BridgeRegistry bridges) {
        this.sessions = sessions;
        this.bridges = bridges;
    }

    public Destination resolve(Address to) {
        if (to instanceof Address.Local local) {
            Session session = sessions.byName(local.name());
            return session != null
                    ? new Destination.LocalUser(to, session)
                    : new Destination.Nowhere(to, ErrorCode.UNKNOWN_PEER, "no user '" + local.name() + "' is logged in");
        }
        String scheme = ((Address.External) to).scheme();
        Bridge bridge = bridges.forScheme(scheme).orElse(null);
        return bridge != null
                ? new Destination.Bridged(to, bridge)
                : new Destination.Nowhere(to, ErrorCode.UNREACHABLE, "this gateway has no bridge for " + scheme + ": addresses");
    }
}
