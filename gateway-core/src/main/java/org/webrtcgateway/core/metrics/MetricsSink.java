package org.webrtcgateway.core.metrics;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.inject.Qualifier;

/**
 * Marks the registries that receive what the gateway measures: the part that serves the metrics adds
 * its registry (the WebSocket frontend its Prometheus one), a test may add a {@code SimpleMeterRegistry},
 * with {@code Multibinder.newSetBinder(binder(), MeterRegistry.class, MetricsSink.class).addBinding()}.
 * Everything instruments through the one {@code MeterRegistry} the core binds, which feeds them all.
 */
@Qualifier
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, METHOD})
public @interface MetricsSink {
}
