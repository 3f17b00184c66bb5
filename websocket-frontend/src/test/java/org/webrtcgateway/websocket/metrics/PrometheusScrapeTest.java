package org.webrtcgateway.websocket.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;
import org.webrtcgateway.testing.metrics.PrometheusExtension;

/** A real Prometheus on loopback scrapes the gateway and answers a query for the call counter. */
class PrometheusScrapeTest {

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension();
    @RegisterExtension
    final PrometheusExtension prometheus = new PrometheusExtension();

    @Test
    void prometheusScrapesTheGatewayAndCountsACall() throws Exception {
        prometheus.scrape("127.0.0.1:" + gateway.port());
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        String call = alice.requestOk("type", "offer", "to", "bob", "sdp", MetricsEndpointTest.OFFER_SDP).path("call").asText();
        bob.next("offer");
        bob.requestOk("type", "answer", "call", call, "sdp", MetricsEndpointTest.ANSWER_SDP);
        alice.next("answer");

        Awaitility.await("the call counter in Prometheus").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> prometheus.query("gateway_calls_started_total{bridge=\"browser\"}") == 1);

        assertThat(prometheus.targetHealth()).isEqualTo("up");
        assertThat(prometheus.query("gateway_calls_active{bridge=\"browser\"}")).isEqualTo(1);
        assertThat(prometheus.query("up{job=\"webrtc-gateway\"}")).isEqualTo(1);
    }
}
