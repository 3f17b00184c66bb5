package org.webrtcgateway.websocket.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;
import org.webrtcgateway.testing.metrics.Exposition;

/** Frames over the rate limit: counted as refused, as error replies, and the close (1008) of a client that keeps on. */
class RateLimitMetricsTest {

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension()
            .with("websocket.messages-per-second", "1")
            .with("websocket.message-burst", "5");

    private Exposition scrape() {
        return Exposition.scrape(gateway.httpUri("/metrics"));
    }

    @Test
    void refusedFramesAreCountedAndNotAsRequests() {
        TestClient client = gateway.login("alice");
        for (int i = 0; i < 8; i++) {
            client.send("type", "ping", "id", i);
        }
        int limited = 0;
        for (int i = 0; i < 8; i++) {
            if (client.next().path("code").asText().equals("rate-limited")) {
                limited++;
            }
        }

        Exposition after = scrape();
        assertThat(limited).isPositive();
        assertThat(after.value("gateway_rate_limited_total", "action", "refused")).isEqualTo(limited);
        assertThat(after.value("gateway_errors_total", "code", "rate-limited")).isEqualTo(limited);
        assertThat(after.value("gateway_messages_received_total", "type", "ping")).isEqualTo(8 - limited);
        assertThat(after.value("gateway_messages_received_total", "type", "invalid")).isZero();
    }

    @Test
    void aClientClosedForPushingOnIsCountedWithItsCloseCode() {
        TestClient client = gateway.login("alice");
        for (int i = 0; i < 20 && !client.isClosed(); i++) {
            client.sendRaw("{\"type\":\"ping\"}");
        }
        assertThat(client.awaitClose().code()).isEqualTo(1008);

        await().atMost(Duration.ofSeconds(5)).until(() -> scrape().value("gateway_connections_closed_total", "code", "1008") == 1);
        assertThat(scrape().value("gateway_rate_limited_total", "action", "closed")).isEqualTo(1);
    }
}
