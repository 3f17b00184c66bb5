package org.webrtcgateway.websocket.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.Attacker;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.RawWebSocket;
import org.webrtcgateway.testing.TestClient;
import org.webrtcgateway.testing.metrics.Exposition;

/**
 * What held abusive clients off, as an operator sees it: each connection the gateway refused or cut off
 * to protect itself counted once by the bound that did it (gateway_connections_refused_total), sessions
 * ended by how (gateway_sessions_ended_total), and the bytes all session queues hold.
 */
class ProtectionMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static void awaitRefused(GatewayExtension gateway, String reason, int count) {
        await("gateway_connections_refused_total{reason=" + reason + "} = " + count).atMost(WAIT)
                .until(() -> scrape(gateway).value("gateway_connections_refused_total", "reason", reason) == count);
    }

    private static Exposition scrape(GatewayExtension gateway) {
        return Exposition.scrape(gateway.httpUri("/metrics"));
    }

    @Nested
    class PerAddress {
        /** The metrics on a port of their own: a scrape on the main port would take a place of the address's. */
        private final int metricsPort = FreePort.onLoopback();
        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension()
                .with("websocket.max-connections-per-address", "2")
                .with("metrics.port", Integer.toString(metricsPort));

        @Test
        void connectionsOverThePerAddressLimitAreCountedAsRefusedPerAddress() throws IOException {
            gateway.client();
            gateway.client();
            for (int i = 0; i < 3; i++) {
                // a plain socket: the JDK's WebSocket client tries a refused upgrade twice
                assertThat(answer(gateway, Attacker.upgrade("Sec-WebSocket-Version: 13"))).as("closed at once, unanswered").isEmpty();
            }

            await().atMost(WAIT).until(() -> Exposition.scrape(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                    .value("gateway_connections_refused_total", "reason", "per-address") == 3);
        }
    }

    /** Sends {@code request} on a new connection and reads until the gateway closes it; returns the status line, if any. */
    private static String answer(GatewayExtension gateway, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", gateway.port()), 5000);
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return response.lines().findFirst().orElse("");
        } catch (SocketException reset) {
            return ""; // closed before the request was all written or read: no answer
        }
    }

    @Nested
    class Refusals {
        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension()
                .with("websocket.handshake-timeout", "500ms");

        @Test
        void aConnectionThatSendsNothingIsCountedAtTheHandshakeTimeout() throws IOException {
            try (Socket silent = new Socket()) {
                silent.connect(new InetSocketAddress("127.0.0.1", gateway.port()), 5000);
                silent.setSoTimeout((int) WAIT.toMillis());
                assertThat(silent.getInputStream().read()).as("closed without a byte").isEqualTo(-1);
            }

            awaitRefused(gateway, "handshake-timeout", 1);
        }

        @Test
        void unreadableRequestsAndRefusedUpgradesAreCountedApart() throws IOException {
            assertThat(answer(gateway, "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + "a".repeat(9000) + "\r\n\r\n"))
                    .startsWith("HTTP/1.1 431");
            assertThat(answer(gateway, "GET /ws HTTP/1.1\nHost: 127.0.0.1\n\n")).startsWith("HTTP/1.1 400");
            assertThat(answer(gateway, Attacker.upgrade("Sec-WebSocket-Version: 8"))).startsWith("HTTP/1.1 426");

            awaitRefused(gateway, "bad-request", 2);
            awaitRefused(gateway, "bad-upgrade", 1);
            assertThat(scrape(gateway).value("gateway_connections_refused_total", "reason", "handshake-timeout")).isZero();
        }
    }

    @Nested
    class Sessions {
        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension()
                .with("websocket.ping-interval", "200ms")
                .with("websocket.idle-timeout", "700ms")
                .with("session.resume-grace", "10s");

        @Test
        void aHalfOpenConnectionIsCountedAtTheIdleTimeoutAndItsQueueInTheQueuesBytes() throws IOException {
            TestClient alice = gateway.login("alice");
            try (RawWebSocket silent = RawWebSocket.connect(gateway.port(), 0)) {
                silent.login("silent"); // then nothing, not even a pong
                gateway.awaitDropped("silent");
            }
            awaitRefused(gateway, "idle-timeout", 1);

            alice.requestOk("type", "message", "to", "silent", "data", "x".repeat(1000));
            assertThat(scrape(gateway).value("gateway_session_queues_used_bytes")).as("the dropped session's queue")
                    .isGreaterThan(1000);
        }

        @Test
        void sessionsAreCountedByHowTheyEnded() {
            TestClient alice = gateway.login("alice");
            alice.closeNormally();
            alice.awaitClose();

            await().atMost(WAIT).until(() -> scrape(gateway).value("gateway_sessions_ended_total", "end", "closed") == 1);
            assertThat(scrape(gateway).value("gateway_sessions_ended_total", "end", "too-slow")).isZero();
        }
    }
}
