package org.webrtcgateway.core.metrics;

import java.util.Set;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;

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
        // ProcessorMetrics' CPU time counts nanoseconds, rendered process_cpu_time_ns_total: no base unit, which
        // promtool's lint refuses. process_cpu_usage says the same as a ratio.
        registry.config().meterFilter(MeterFilter.deny(id -> id.getName().equals("process.cpu.time")));
        // system_cpu_count would read as the _count of a histogram (promtool again): system_cpus.
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().equals("system.cpu.count") ? id.withName("system.cpus") : id;
            }
        });
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
