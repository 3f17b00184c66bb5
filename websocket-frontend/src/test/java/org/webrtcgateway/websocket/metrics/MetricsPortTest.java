package org.webrtcgateway.websocket.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.webrtcgateway.websocket.metrics.MetricsEndpointTest.status;

import java.net.InetSocketAddress;
import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.metrics.Exposition;
import org.webrtcgateway.websocket.MetricsServer;

/** metrics.port: a port of its own on loopback serves /metrics, and the main port then does not. */
class MetricsPortTest {

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension().with("metrics.port", Integer.toString(FreePort.onLoopback()));

    @Test
    void aSeparatePortServesTheMetricsOnLoopbackAndTheMainPortNoLonger() throws Exception {
        InetSocketAddress address = gateway.injector().getInstance(MetricsServer.class).address();
        gateway.login("alice");

        Exposition exposition = Exposition.scrape(URI.create("http://127.0.0.1:" + address.getPort() + "/metrics"));

        assertThat(address.getAddress().isLoopbackAddress()).isTrue();
        assertThat(exposition.value("gateway_logins_total", "result", "ok")).isEqualTo(1);
        assertThat(status(gateway.httpUri("/metrics"))).isEqualTo(404);
        assertThat(status(URI.create("http://127.0.0.1:" + address.getPort() + "/health"))).isEqualTo(404);
    }
}
