package org.webrtcgateway.websocket.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.LogCapture;
import org.webrtcgateway.testing.RawWebSocket;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * A client that keeps trying what the gateway refuses (connecting over its address's limit, a web page
 * of a foreign Origin, frames that break RFC 6455, holding connections open and silent) gets the operator one line
 * a minute for it, not one per attempt.
 */
class RepeatedRefusalLogTest {

    private static final int ATTEMPTS = 10;
    /** The idle guard's logger (the class is package-private to the frontend). */
    private static final String IDLE_GUARD = "org.webrtcgateway.websocket.IdleGuard";

    private final LogCapture log = LogCapture.everything();

    @AfterEach
    void stopCapturing() {
        log.close();
    }

    @Nested
    class OverTheLimitPerAddress {
        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension().with("websocket.max-connections-per-address", "1");

        @Test
        void connectionsOverTheLimitAgainAndAgainWriteOneWarning() {
            gateway.client();
            for (int i = 0; i < ATTEMPTS; i++) {
                assertThatThrownBy(gateway::client).as("a connection over the limit").isInstanceOf(IllegalStateException.class);
            }
            gateway.stop();

            assertThat(LogCapture.lines(log.atLeast(Level.WARN))).as("warnings").singleElement().asString()
                    .contains("refused connections over websocket.max-connections-per-address: 127.0.0.1 has 1 already");
        }
    }

    @Nested
    class FramesAgainstTheProtocol {
        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension();

        /** One frame of each kind that fails a connection: binary (1003), not UTF-8 (1007), reserved bits (1002). */
        private final byte[][] violations = {
                RawWebSocket.clientFrame(0x2, new byte[] {1, 2, 3}),
                RawWebSocket.clientFrame(0x1, new byte[] {'{', (byte) 0xc3, '}'}),
                withReservedBits(RawWebSocket.clientFrame(0x1, "{}".getBytes(StandardCharsets.UTF_8)))};

        @Test
        void violationsAgainAndAgainWriteOneWarningPerOffendingAddress() throws IOException {
            String second = "127.0.0.2";
            for (int i = 0; i < ATTEMPTS; i++) {
                violate(RawWebSocket.connect(gateway.port(), 0), violations[i % violations.length]);
                violate(RawWebSocket.connectFrom(second, gateway.port()), violations[i % violations.length]);
            }
            gateway.stop();

            assertThat(LogCapture.lines(log.atLeast(Level.WARN))).as("warnings").satisfiesExactlyInAnyOrder(
                    line -> assertThat(line).contains("closed WebSocket connections for protocol violations from 127.0.0.1: 1003"),
                    line -> assertThat(line).contains("closed WebSocket connections for protocol violations from 127.0.0.2: 1003"));
        }

        /** Sends {@code frame} and waits for the gateway's close frame. */
        private void violate(RawWebSocket client, byte[] frame) throws IOException {
            try (client) {
                client.sendBytes(frame);
                assertThat(client.readUntil(0x8)).as("the gateway's close frame").isNotNull();
            }
        }

        private static byte[] withReservedBits(byte[] frame) {
            frame[0] |= 0x70;
            return frame;
        }
    }

    @Nested
    class ForeignOrigin {
        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension().with("websocket.allowed-origins", "https://app.example");

        @Test
        void upgradesFromAForeignOriginAgainAndAgainWriteOneWarning() {
            URI uri = gateway.wsUri();
            for (int i = 0; i < ATTEMPTS; i++) {
                assertThatThrownBy(() -> gateway.client(uri, Map.of("Origin", "https://evil.example")).close())
                        .as("an upgrade from a foreign page").isInstanceOf(IllegalStateException.class);
            }
            gateway.stop();

            assertThat(LogCapture.lines(log.atLeast(Level.WARN))).as("warnings").singleElement().asString()
                    .contains("refused WebSockets whose Origin is not in websocket.allowed-origins", "https://evil.example");
        }
    }

    @Nested
    class HalfOpenConnections {
        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension()
                .with("websocket.ping-interval", "200ms")
                .with("websocket.idle-timeout", "700ms");

        @Test
        void connectionsDroppedAtTheIdleTimeoutAgainAndAgainWriteOneLine() throws IOException {
            try (LogCapture idle = LogCapture.everything(Level.DEBUG, IDLE_GUARD)) {
                List<RawWebSocket> silent = new ArrayList<>();
                try {
                    for (int i = 0; i < ATTEMPTS; i++) {
                        RawWebSocket socket = RawWebSocket.connect(gateway.port(), 0);
                        silent.add(socket);
                        socket.login("silent-" + i); // then nothing, not even a pong
                    }
                    for (int i = 0; i < ATTEMPTS; i++) {
                        gateway.awaitDropped("silent-" + i);
                    }
                } finally {
                    for (RawWebSocket socket : silent) {
                        socket.close();
                    }
                }

                // One line a minute at INFO for the lot (none here if another test's drop had the minute's line), each at DEBUG.
                List<ILoggingEvent> drops = idle.of(IDLE_GUARD).stream()
                        .filter(event -> event.getFormattedMessage().contains("nothing received for")).toList();
                assertThat(drops).as("a line for each drop").hasSize(ATTEMPTS);
                assertThat(LogCapture.lines(drops.stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.INFO)).toList()))
                        .as("the idle guard's lines at INFO").hasSizeLessThanOrEqualTo(1)
                        .allMatch(line -> line.contains("dropped connections that sent nothing for websocket.idle-timeout"));
            }
        }
    }
}
