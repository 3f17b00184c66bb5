package org.webrtcgateway.websocket.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.LogCapture;

import ch.qos.logback.classic.Level;

/**
 * A client that keeps trying what the gateway refuses (connecting over its address's limit, a web page
 * of a foreign Origin) gets the operator one line a minute for it, not one per attempt.
 */
class RepeatedRefusalLogTest {

    private static final int ATTEMPTS = 10;

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
}
