package org.webrtcgateway.websocket;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The Prometheus registry that the gateway's meters feed (a {@code MetricsSink}), and its text
 * exposition for a scrape. With {@code metrics.enabled: false} it accepts no meter at all.
 */
@Singleton
public final class MetricsExposition {

    /** The content type of the text format 0.0.4, what {@link PrometheusMeterRegistry#scrape()} writes. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Inject
    public MetricsExposition(MetricsConfig config) {
        if (!config.enabled()) {
            registry.config().meterFilter(MeterFilter.deny());
        }
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Every meter now, in the Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }
}
