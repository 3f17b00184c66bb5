package org.webrtcgateway.websocket.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.webrtcgateway.websocket.metrics.MetricsEndpointTest.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.websocket.MetricsExposition;

/** metrics.enabled: false: no /metrics, and the Prometheus registry keeps nothing. */
class MetricsOffTest {

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension().with("metrics.enabled", "false");

    @Test
    void switchedOffThereIsNoMetricsPathAndNothingIsMeasured() throws Exception {
        gateway.login("alice");

        assertThat(status(gateway.httpUri("/metrics"))).isEqualTo(404);
        assertThat(gateway.injector().getInstance(MetricsExposition.class).registry().getMeters()).isEmpty();
    }
}
