package org.webrtcgateway.websocket;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * The WebSocket frontend's meters: connections opened, open and closed (by the close code the gateway
 * sent: a known code, {@code other}, or {@code none} for a connection that ended without a close frame),
 * connections refused or cut off to protect the gateway (by {@link Refusal}), frames refused over the rate
 * limit, the bytes in all write buffers, and the memory of Netty's buffer allocator.
 */
@Singleton
final class FrontendMeters {

    /** The codes the gateway sends (PROTOCOL.md, section 11); any other becomes {@code other}. */
    private static final int[] KNOWN_CODES = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1011, 4001, 4002};
    private static final AttributeKey<Integer> CLOSE_CODE = AttributeKey.valueOf("metrics.close-code");

    private final Counter opened;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<Integer, Counter> closedByCode = new HashMap<>();
    private final Counter closedOther;
    private final Counter closedWithoutFrame;
    private final Counter rateLimited;
    private final Counter closedForRate;
    private final Map<Refusal, Counter> refused = new EnumMap<>(Refusal.class);

    @Inject
    FrontendMeters(MeterRegistry registry, WriteBuffers writeBuffers) {
        opened = Counter.builder("gateway.connections").description("Connections accepted (HTTP and WebSocket)")
                .register(registry);
        Gauge.builder("gateway.connections.open", open, AtomicInteger::get).description("Connections open now")
                .register(registry);
        for (int code : KNOWN_CODES) {
            closedByCode.put(code, closed(registry, Integer.toString(code)));
        }
        closedOther = closed(registry, "other");
        closedWithoutFrame = closed(registry, "none");
        for (Refusal reason : Refusal.values()) {
            refused.put(reason, Counter.builder("gateway.connections.refused")
                    .description("Connections refused or cut off to protect the gateway, by reason").tag("reason", reason.label())
                    .register(registry));
        }
        // How close the clients that do not read bring all write buffers to websocket.write-buffers-total.
        Gauge.builder("gateway.write.buffers.used", writeBuffers, WriteBuffers::used)
                .description("Bytes of messages waiting in the write buffers of all connections").baseUnit("bytes")
                .register(registry);
        rateLimited = Counter.builder("gateway.rate.limited").description("Frames refused over the rate limit, by what followed")
                .tag("action", "refused").register(registry);
        closedForRate = Counter.builder("gateway.rate.limited").description("Frames refused over the rate limit, by what followed")
                .tag("action", "closed").register(registry);
        if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider) {
            ByteBufAllocatorMetric metric = provider.metric();
            Gauge.builder("gateway.netty.buffer.memory.used", metric, ByteBufAllocatorMetric::usedDirectMemory)
                    .description("Memory held by Netty's buffer allocator").tag("type", "direct").baseUnit("bytes")
                    .register(registry);
            Gauge.builder("gateway.netty.buffer.memory.used", metric, ByteBufAllocatorMetric::usedHeapMemory)
                    .description("Memory held by Netty's buffer allocator").tag("type", "heap").baseUnit("bytes")
                    .register(registry);
        }
    }

    private static Counter closed(MeterRegistry registry, String code) {
        return Counter.builder("gateway.connections.closed")
                .description("Connections closed, by the WebSocket close code the gateway sent (none: no close frame)")
                .tag("code", code).register(registry);
    }

    /** A new connection: counted now, and as closed when it ends. */
    void opened(Channel channel) {
        opened.increment();
        open.incrementAndGet();
        channel.closeFuture().addListener(closed -> {
            open.decrementAndGet();
            Integer code = channel.attr(CLOSE_CODE).get();
            if (code == null) {
                closedWithoutFrame.increment();
            } else {
                closedByCode.getOrDefault(code, closedOther).increment();
            }
            Refusal reason = Refusal.of(channel);
            if (reason != null) {
                refused.get(reason).increment();
            }
        });
    }

    /** The gateway writes a close frame with {@code code}; the first one is the connection's. */
    void closing(Channel channel, int code) {
        channel.attr(CLOSE_CODE).setIfAbsent(code);
    }

    /** A frame refused over the rate limit; {@code closed}: and the connection closed for it (1008). */
    void rateLimited(boolean closed) {
        (closed ? closedForRate : rateLimited).increment();
    }
}
