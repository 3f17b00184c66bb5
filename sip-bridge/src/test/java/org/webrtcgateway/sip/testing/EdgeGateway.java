package org.webrtcgateway.sip.testing;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.metrics.Exposition;
import org.webrtcgateway.testing.metrics.MetricsSinks;

/**
 * The gateway the SIP edge's tests send requests to from loopback addresses: UDP on {@code sipPort}, a proxy on a
 * port nobody listens on (so only listed sources are trusted beside 127.0.0.1), no OPTIONS probe, user bob
 * without registration, its meters in {@code meters}. Each test adds its own edge settings.
 */
public final class EdgeGateway {

    private EdgeGateway() {
    }

    public static GatewayExtension on(int sipPort, PrometheusMeterRegistry meters) {
        return new GatewayExtension()
                .with("sip.enabled", "true")
                .with("sip.port", String.valueOf(sipPort))
                .with("sip.transports", "udp")
                .with("sip.proxy", "127.0.0.1:" + FreePorts.udpAndTcp())
                .with("sip.options-interval", "0")
                .with("sip.account.bob.aor", "sip:1003@localhost")
                .with("sip.account.bob.register", "false")
                .withModule(MetricsSinks.into(meters));
    }

    /** SIP requests refused at the edge for {@code reason} ({@code untrusted}, {@code rate-limited}), as scraped. */
    public static double refused(PrometheusMeterRegistry meters, String reason) {
        return Exposition.parse(meters.scrape()).value("gateway_sip_requests_refused_total", "reason", reason);
    }
}
