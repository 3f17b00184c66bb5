package org.webrtcgateway.core.api;

import java.util.List;

/**
 * Whether a bridge is in working order now, for {@code /readyz}: ready, or not with one line per problem an
 * operator can act on, e.g. {@code "sip: 2 of 3 accounts not registered (alice: 408 from 127.0.0.1:5060)"}.
 */
public record BridgeHealth(boolean ready, List<String> problems) {

    public static final BridgeHealth READY = new BridgeHealth(true, List.of());

    public BridgeHealth {
        problems = List.copyOf(problems);
        if (ready != problems.isEmpty()) {
            throw new IllegalArgumentException("a bridge is ready exactly when it has no problem: " + problems);
        }
    }

    /** Ready when {@code problems} is empty. */
    public static BridgeHealth of(List<String> problems) {
        return problems.isEmpty() ? READY : new BridgeHealth(false, problems);
    }
}
