package org.webrtcgateway.sip.media;

import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code gateway.sip.media.relays{state=up|down}}: the rtpengine instances that answer their pings, and those that do not. */
public final class MediaMeters {

    private MediaMeters() {
    }

    /** Registers the gauges; {@code relays} is null until the bridge started (both read 0 then). */
    public static void register(MeterRegistry registry, Supplier<MediaRelays> relays) {
        Gauge.builder("gateway.sip.media.relays", () -> relays.get() == null ? 0 : relays.get().up())
                .description("rtpengine instances (sip.rtpengine.ng), by whether they answer").tag("state", "up").register(registry);
        Gauge.builder("gateway.sip.media.relays", () -> relays.get() == null ? 0 : relays.get().configured() - relays.get().up())
                .description("rtpengine instances (sip.rtpengine.ng), by whether they answer").tag("state", "down").register(registry);
    }
}
