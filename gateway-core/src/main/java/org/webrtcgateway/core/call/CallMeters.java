package org.webrtcgateway.core.call;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.webrtcgateway.core.api.Bridge;
import org.webrtcgateway.core.routing.BridgeRegistry;

/**
 * Calls by bridge: started, active, ended (by reason) and the time from offer to answer. The
 * {@code bridge} label is {@value #BROWSER} for a call between two users of this gateway, else the
 * name of the bridge that carries the far end ({@code sip}, {@code xmpp}).
 */
@Singleton
final class CallMeters {

    static final String BROWSER = "browser";

    /** Offer to answer: from a LAN phone's tenth of a second to a person picking up after 30 s of ringing. */
    private static final Duration[] SETUP_BUCKETS = {
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofSeconds(20), Duration.ofSeconds(30)};

    private final MeterRegistry registry;
    private final Map<String, PerBridge> bridges = new ConcurrentHashMap<>();

    @Inject
    CallMeters(MeterRegistry registry, BridgeRegistry bridgeRegistry) {
        this.registry = registry;
        perBridge(BROWSER);
        bridgeRegistry.all().forEach(bridge -> perBridge(bridge.name()));
    }

    /**
     * The offer goes to the callee now: active before it can be answered or ended on another thread, so
     * the gauge never dips below zero.
     */
    void placing(Call call) {
        perBridge(bridgeOf(call)).active.incrementAndGet();
    }

    /** The callee took the offer (started), or refused it (no longer active, never started). */
    void placed(Call call, boolean accepted) {
        PerBridge meters = perBridge(bridgeOf(call));
        if (accepted) {
            meters.started.increment();
        } else {
            meters.active.decrementAndGet();
        }
    }

    /** An answer went to the caller; only the call's first counts, a renegotiation's is no set-up. */
    void answered(Call call) {
        if (call.firstAnswer()) {
            perBridge(bridgeOf(call)).setup.record(call.age(), TimeUnit.NANOSECONDS);
        }
    }

    /** A placed call ended, once, with the {@code reason} its bye carries (null: none). */
    void ended(Call call, String reason) {
        String bridge = bridgeOf(call);
        PerBridge meters = perBridge(bridge);
        meters.active.decrementAndGet();
        meters.ended.computeIfAbsent(CallEndReasons.label(reason), label -> Counter.builder("gateway.calls.ended")
                .description("Calls ended, by bridge and by the reason of the bye (none: a hang-up without reason)")
                .tags("bridge", bridge, "reason", label).register(registry)).increment();
    }

    static String bridgeOf(Call call) {
        Bridge bridge = bridgeOf(call.caller());
        if (bridge == null) {
            bridge = bridgeOf(call.callee());
        }
        return bridge == null ? BROWSER : bridge.name();
    }

    private static Bridge bridgeOf(CallParty party) {
        return party instanceof BridgedParty bridged ? bridged.bridge() : null;
    }

    private PerBridge perBridge(String bridge) {
        PerBridge meters = bridges.get(bridge);
        return meters != null ? meters : bridges.computeIfAbsent(bridge, name -> new PerBridge(registry, name));
    }

    /** One bridge's meters, made when it is first seen. */
    private static final class PerBridge {
        final Counter started;
        final AtomicInteger active = new AtomicInteger();
        final Timer setup;
        final Map<String, Counter> ended = new ConcurrentHashMap<>();

        PerBridge(MeterRegistry registry, String bridge) {
            started = Counter.builder("gateway.calls.started").description("Calls placed (the callee got the offer), by bridge")
                    .tag("bridge", bridge).register(registry);
            Gauge.builder("gateway.calls.active", active, AtomicInteger::get).description("Calls under way, by bridge")
                    .tag("bridge", bridge).register(registry);
            setup = Timer.builder("gateway.call.setup").description("Call set-up time, from the offer to the first answer, by bridge")
                    .tag("bridge", bridge).serviceLevelObjectives(SETUP_BUCKETS)
                    .minimumExpectedValue(SETUP_BUCKETS[0]).maximumExpectedValue(SETUP_BUCKETS[SETUP_BUCKETS.length - 1])
                    .register(registry);
        }
    }
}
