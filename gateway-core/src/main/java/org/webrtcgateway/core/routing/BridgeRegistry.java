package org.webrtcgateway.core.routing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.webrtcgateway.core.api.Bridge;

/** The bridges bound into the injector, by the address schemes they own. */
@Singleton
public final class BridgeRegistry {

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
}
