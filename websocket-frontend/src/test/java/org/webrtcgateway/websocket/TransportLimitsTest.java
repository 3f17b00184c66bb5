package org.webrtcgateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import ch.qos.logback.classic.Level;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.LogCapture;
import org.webrtcgateway.testing.RawWebSocket;
import org.webrtcgateway.testing.TestClient;

/** PROTOCOL.md, Transport and Limits the gateway enforces. */
class TransportLimitsTest {

    @Nested
    class Frames {
        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension().with("websocket.max-frame-size", "1024");

        @Test
        void aBinaryFrameClosesTheConnectionWith1003() {
            TestClient client = gateway.login("alice");

            client.sendBinary(new byte[] {1, 2, 3});

            assertThat(client.awaitClose().code()).isEqualTo(1003);
        }

        @Test
        void aTextFrameThatIsNotUtf8ClosesTheConnectionWith1007() throws IOException {
            try (RawWebSocket raw = RawWebSocket.connect(gateway.port(), 0)) {
                raw.sendFrame(0x1, new byte[] {'{', '"', (byte) 0xc3, '"', '}'});

                RawWebSocket.Frame close = raw.readUntil(0x8);
                assertThat(close).isNotNull();
                assertThat(((close.payload()[0] & 0xff) << 8) | (close.payload()[1] & 0xff)).isEqualTo(1007);
            }
        }

        @Test
        void aFrameOverTheSizeLimitClosesTheConnectionWith1009() {
            TestClient client = gateway.login("alice");

            client.sendRaw("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(2000) + "\"}");

            assertThat(client.awaitClose().code()).isEqualTo(1009);
        }

        @Test
        void aFragmentedMessageOverTheSizeLimitClosesTheConnectionWith1009() {
            TestClient client = gateway.login("alice");

            client.sendFragmented("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(600), "x".repeat(600) + "\"}");

            assertThat(client.awaitClose().code()).isEqualTo(1009);
        }

        @Test
        void aFragmentedMessageWithinTheLimitIsReassembled() {
            TestClient client = gateway.login("alice");

            client.sendFragmented("{\"type\":\"pi", "ng\",\"id\":", "7}");

            JsonNode pong = client.next("pong");
            assertThat(pong.path("id").asInt()).isEqualTo(7);
        }

        @Test
        void aClientGoneInTheMiddleOfAFragmentedMessageIsNoErrorOfTheGateway() throws IOException {
            // The drop's own line (INFO) says when the gateway is done with the connection.
            try (LogCapture log = LogCapture.everything(Level.INFO, "org.webrtcgateway.sessions")) {
                try (RawWebSocket raw = RawWebSocket.connect(gateway.port(), 0)) {
                    raw.login("alice");
                    byte[] first = RawWebSocket.clientFrame(0x1, "{\"type\":\"pi".getBytes(StandardCharsets.UTF_8));
                    first[0] &= 0x7f; // the first fragment of a message whose rest never comes
                    raw.sendBytes(first);
                } // the connection drops, without a close frame

                await().atMost(Duration.ofSeconds(10)).until(() -> LogCapture.lines(log.all()).stream()
                        .anyMatch(line -> line.contains("event=drop user=alice ")));
                assertThat(LogCapture.lines(log.atLeast(Level.WARN))).as("a network loss is no warning, let alone a bug").isEmpty();
            }
        }

        @Test
        void aSessionClosedForABadFrameEndsAtOnce() {
            TestClient alice = gateway.login("alice");
            TestClient bob = gateway.login("bob");
            bob.requestOk("type", "subscribe", "to", "alice");

            alice.sendBinary(new byte[] {0});

            assertThat(bob.next("presence").path("status").asText()).isEqualTo("offline");
        }
    }

    @Nested
    class RateLimit {
        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension()
                .with("websocket.messages-per-second", "1")
                .with("websocket.message-burst", "5");

        @Test
        void messagesOverTheRateAreAnsweredRateLimitedWithTheirIdAndDropped() {
            TestClient client = gateway.login("alice"); // the login took one token

            int pongs = 0;
            int limited = 0;
            for (int i = 0; i < 8; i++) {
                client.send("type", "ping", "id", i);
            }
            for (int i = 0; i < 8; i++) {
                JsonNode reply = client.next();
                assertThat(reply.path("id").asInt()).isEqualTo(i);
                if (reply.path("type").asText().equals("pong")) {
                    pongs++;
                } else {
                    assertThat(reply.path("code").asText()).isEqualTo("rate-limited");
                    limited++;
                }
            }

            assertThat(pongs).as("the burst, and at most one refilled token").isBetween(4, 5);
            assertThat(limited).isEqualTo(8 - pongs);
        }

        @Test
        void textThatIsNotUtf8IsRefusedWith1007EvenOverTheRate() throws IOException {
            try (RawWebSocket raw = RawWebSocket.connect(gateway.port(), 0)) {
                raw.login("alice"); // the login took one token of five
                byte[] ping = RawWebSocket.clientFrame(0x1, "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
                byte[] notUtf8 = RawWebSocket.clientFrame(0x1, new byte[] {'{', '"', (byte) 0xc3, '"', '}'});
                ByteArrayOutputStream burst = new ByteArrayOutputStream();
                for (int i = 0; i < 6; i++) {
                    burst.writeBytes(ping); // four take the tokens left, two are over the rate
                }
                burst.writeBytes(notUtf8); // over the rate too

                raw.sendBytes(burst.toByteArray());

                RawWebSocket.Frame close = raw.readUntil(0x8);
                assertThat(close).as("a close frame, not only 'rate-limited' answers").isNotNull();
                assertThat(((close.payload()[0] & 0xff) << 8) | (close.payload()[1] & 0xff)).isEqualTo(1007);
            }
        }

        @Test
        void aClientThatKeepsPushingPastTheLimitIsClosedWithPolicyViolation() {
            TestClient client = gateway.login("alice");

            for (int i = 0; i < 20 && !client.isClosed(); i++) {
                client.sendRaw("{\"type\":\"ping\"}");
            }

            assertThat(client.awaitClose().code()).isEqualTo(1008);
        }
    }

    @Nested
    class Flooding {
        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension();

        @Test
        void aClientFloodingBadFramesIsCutOffWhileOtherClientsLoseNothing() throws Exception {
            TestClient alice = gateway.login("alice");
            TestClient bob = gateway.login("bob");
            TestClient flooder = gateway.login("flooder");

            Thread flood = new Thread(() -> {
                for (int i = 0; i < 5000 && !flooder.isClosed(); i++) {
                    try {
                        flooder.sendRaw("{not json" + i);
                    } catch (RuntimeException closedUnderUs) {
                        return;
                    }
                }
            });
            flood.start();
            for (int i = 0; i < 100; i++) {
                alice.send("type", "message", "to", "bob", "data", i);
            }

            for (int i = 0; i < 100; i++) {
                assertThat(bob.next("message").path("data").asInt()).isEqualTo(i);
            }
            flood.join(10_000);
            // 1008, or -1 when the flooder's own writes ran into the closed socket before it read the close frame
            assertThat(flooder.awaitClose().code()).isIn(1008, -1);
            alice.expectNothing(Duration.ofMillis(50));
        }
    }

    @Nested
    class Idle {
        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension()
                .with("websocket.ping-interval", "200ms")
                .with("websocket.idle-timeout", "700ms");

        @Test
        void aQuietConnectionIsPingedAndOneThatNeverAnswersIsDropped() throws IOException {
            try (RawWebSocket silent = RawWebSocket.connect(gateway.port(), 0)) {
                silent.sendText("{\"type\":\"login\",\"name\":\"silent\"}");
                assertThat(silent.readFrame().text()).contains("\"ok\"");

                assertThat(silent.readUntil(0x9)).as("a ping").isNotNull();
                assertThat(silent.closedByServer()).isTrue();
            }
        }

        @Test
        void aClientThatAnswersPingsStaysConnectedPastTheIdleTimeout() {
            TestClient client = gateway.login("alice");

            client.expectNothing(Duration.ofMillis(1500)); // two idle timeouts, answered by the client's pongs

            client.request("type", "ping");
            assertThat(client.isClosed()).isFalse();
        }

        @Test
        void aDroppedIdleConnectionLeavesItsSessionWaitingToBeResumed() throws IOException {
            String session;
            try (RawWebSocket silent = RawWebSocket.connect(gateway.port(), 0)) {
                silent.sendText("{\"type\":\"login\",\"name\":\"silent\"}");
                session = TestClient.parse(silent.readFrame().text()).path("session").asText();
                assertThat(silent.closedByServer()).isTrue();
            }

            TestClient back = gateway.client();
            assertThat(back.requestOk("type", "login", "resume", session).path("name").asText()).isEqualTo("silent");
        }
    }

    @Nested
    class ConnectionsPerAddress {
        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension().with("websocket.max-connections-per-address", "2");

        @Test
        void connectionsOverTheLimitFromOneAddressAreRefusedAndFreedSlotsAreReused() {
            TestClient first = gateway.client();
            gateway.client();

            assertThatThrownBy(gateway::client).isInstanceOf(IllegalStateException.class);

            first.closeNormally();
            first.awaitClose();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
                    .until(() -> gateway.client() != null);
        }
    }
}
