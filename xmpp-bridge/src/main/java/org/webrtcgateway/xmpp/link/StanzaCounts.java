package org.webrtcgateway.xmpp.link;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

/** Stanzas received from and sent to the XMPP server, all accounts (or the component's stream) together. */
public record StanzaCounts(Counter in, Counter out) {

    /** Counts nothing: for a component or account made outside the bridge (tests). */
    public static final StanzaCounts NONE = of(new CompositeMeterRegistry());

    public static StanzaCounts of(MeterRegistry registry) {
        return new StanzaCounts(counter(registry, "in"), counter(registry, "out"));
    }

    private static Counter counter(MeterRegistry registry, String direction) {
        return Counter.builder("gateway.xmpp.stanzas").description("XMPP stanzas, by direction (in: from the server)")
                .tag("direction", direction).register(registry);
    }
}
