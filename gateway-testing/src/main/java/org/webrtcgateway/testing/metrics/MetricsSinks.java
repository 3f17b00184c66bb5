package org.webrtcgateway.testing.metrics;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;

import io.micrometer.core.instrument.MeterRegistry;

import org.webrtcgateway.core.metrics.MetricsSink;

/** The gateway's meters, handed to a test's registry too (a Prometheus one to read the exposition, or a simple one). */
public final class MetricsSinks {

    private MetricsSinks() {
    }

    /** A module for {@code GatewayExtension.withModule} that adds {@code registry} to the gateway's metrics sinks. */
    public static Module into(MeterRegistry registry) {
        return new AbstractModule() {
            @Override
            protected void configure() {
                Multibinder.newSetBinder(binder(), MeterRegistry.class, MetricsSink.class).addBinding().toInstance(registry);
            }
        };
    }
}
