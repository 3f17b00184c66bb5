package org.webrtcgateway.core.metrics;

import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

/**
 * The gateway's one {@link MeterRegistry}: a composite that feeds every {@link MetricsSink}, with the
 * JVM's own meters (memory, GC, threads, class loading, CPU, uptime) bound. With no sink every meter
 * is a no-op, so instrumented code costs next to nothing when metrics are off.
 */
public final class GatewayMeters implements AutoCloseable {

    private final CompositeMeterRegistry registry = new CompositeMeterRegistry();
    /** Listens to the JVM's GC notifications: removed on close, or every gateway a test starts would leave one. */
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public GatewayMeters(Set<MeterRegistry> sinks) {
        sinks.forEach(registry::add);
        if (!sinks.isEmpty()) {
            new JvmMemoryMetrics().bindTo(registry);
            gc.bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ClassLoaderMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new UptimeMetrics().bindTo(registry);
        }
    }

    public MeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        gc.close();
    }
}
