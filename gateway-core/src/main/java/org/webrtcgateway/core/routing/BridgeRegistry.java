package org.webrtcgateway.core.routing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.log.RepeatedCondition;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.Bridge;
import org.webrtcgateway.core.api.PresenceStatus;

/** The bridges bound into the injector, by the address schemes they own. */
@Singleton
public final class BridgeRegistry {

    private static final Logger log = LoggerFactory.getLogger(BridgeRegistry.class);
    /** Bugs in a bridge that every login may hit: each stack trace once a minute. */
    private final RepeatedCondition failedLogins = RepeatedCondition.error(log, "bridges failed on a login");
    private final RepeatedCondition failedPresence = RepeatedCondition.error(log, "bridges failed on a presence change");
    private final RepeatedCondition failedLogouts = RepeatedCondition.error(log, "bridges failed on the end of a session");

    private final Map<String, Bridge> byScheme = new HashMap<>();
    private final List<Bridge> bridges;

    @Inject
    public BridgeRegistry(Set<Bridge> bridges) {
        this.bridges = List.copyOf(bridges);
        for (Bridge bridge : bridges) {
            for (String scheme : bridge.schemes()) {
                Bridge previous = byScheme.putIfAbsent(scheme, bridge);
                if (previous != null) {
                    throw new IllegalStateException("bridges '" + previous.name() + "' and '" + bridge.name()
                            + "' both claim the scheme '" + scheme + ":'");
                }
            }
        }
    }

    public Optional<Bridge> forScheme(String scheme) {
        return Optional.ofNullable(byScheme.get(scheme));
    }

    public List<Bridge> all() {
        return bridges;
    }

    /** Tells every bridge a user logged in; a bridge that fails costs a log line, not the login. */
    public void userOnline(Address.Local user, Map<String, Object> claims) {
        for (Bridge bridge : bridges) {
            try {
                bridge.userOnline(user, claims);
            } catch (RuntimeException e) {
                failedLogins.occurred(bridge.name() + " on " + user + ": " + e, e);
            }
        }
    }

    /** Tells every bridge a user set its presence; a bridge that fails costs a log line. */
    public void userPresence(Address.Local user, PresenceStatus status, String note) {
        for (Bridge bridge : bridges) {
            try {
                bridge.userPresence(user, status, note);
            } catch (RuntimeException e) {
                failedPresence.occurred(bridge.name() + " on " + user + ": " + e, e);
            }
        }
    }

    /** Tells every bridge a user's session ended. */
    public void userOffline(Address.Local user) {
        for (Bridge bridge : bridges) {
            try {
                bridge.userOffline(user);
            } catch (RuntimeException e) {
                failedLogouts.occurred(bridge.name() + " on " + user + ": " + e, e);
            }
        }
    }
}
