package org.webrtcgateway.websocket.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.core.session.Session;
import org.webrtcgateway.core.session.SessionRegistry;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.RawWebSocket;
import org.webrtcgateway.testing.TestClient;
import org.webrtcgateway.testing.metrics.Exposition;

/**
 * A client that keeps sending (so it never looks idle) but reads nothing of what waits for it: it used
 * to hold its connection, and its buffers, for as long as it liked. Now it is dropped, counted as
 * refused for not reading, and what it held in the write buffers is given back.
 */
class StalledReaderTest {

    private static final int PING = 0x9;

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension()
            .with("websocket.ping-interval", "1s")
            .with("websocket.idle-timeout", "2s")
            .with("websocket.write-buffer-limit", "65536")
            .with("websocket.messages-per-second", "0");

    private Exposition metrics() {
        return Exposition.scrape(gateway.httpUri("/metrics"));
    }

    @Test
    void aClientThatSendsButReadsNothingIsDroppedAfterTheIdleTimeout() throws IOException {
        ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor();
        try (RawWebSocket stalled = RawWebSocket.connect(gateway.port(), 4096)) {
            stalled.sendText("{\"type\":\"login\",\"name\":\"stalled\"}");
            // From here on it never reads; it pings five times a second, so it is never quiet.
            pinger.scheduleAtFixedRate(() -> {
                try {
                    stalled.sendFrame(PING, new byte[0]);
                } catch (IOException dropped) {
                    // the gateway closed it: what the test waits for
                }
            }, 0, 200, TimeUnit.MILLISECONDS);
            TestClient sender = gateway.login("sender");
            String pad = "x".repeat(16_000);
            for (int n = 0; n < 400; n++) { // 6.4 MB: past the kernel's buffers (up to 4 MB) and the write buffer
                sender.requestOk("type", "message", "to", "stalled", "data", Map.of("n", n, "pad", pad));
            }

            // What waits in its write buffer shows in the bytes of all write buffers, until it is dropped.
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> metrics().value("gateway_write_buffers_used_bytes") > 0);

            SessionRegistry sessions = gateway.injector().getInstance(SessionRegistry.class);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                Session session = sessions.byName("stalled");
                return session == null || !session.isConnected();
            });
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> metrics().value("gateway_connections_refused_total", "reason", "not-reading") == 1);
            assertThat(metrics().value("gateway_write_buffers_used_bytes")).as("nothing left of it in the write buffers").isZero();
        } finally {
            pinger.shutdownNow();
        }
    }
}
