package org.webrtcgateway.websocket.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.LegitimatePair;
import org.webrtcgateway.testing.RawWebSocket;
import org.webrtcgateway.testing.TestClient;

/**
 * A session that comes back to a backlog larger than a connection's write buffer: the backlog used to
 * be written all at once, tripping the slow-reader cut-off, and the rest was lost. PROTOCOL.md promises
 * the queued messages in order, or a session that ends: never a gap.
 */
class ResumeBacklogTest {

    private static final String PAD = "x".repeat(16_000);
    private static final int TEXT = 0x1;
    private static final int CLOSE = 0x8;

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension()
            .with("websocket.messages-per-second", "0")
            .with("session.resume-queue-bytes", String.valueOf(8 << 20));

    @Test
    void aResumedSessionReceivesABacklogSixTimesItsWriteBufferWholeAndInOrder() {
        TestClient alice = gateway.client();
        String token = alice.login("alice").path("session").asText();
        TestClient bob = gateway.login("bob");
        alice.drop();
        gateway.awaitDropped("alice");
        int backlog = 400; // 6.4 MB against the default 1 MiB write buffer
        for (int n = 0; n < backlog; n++) {
            bob.requestOk("type", "message", "to", "alice", "data", Map.of("n", n, "pad", PAD));
        }

        TestClient resumed = gateway.client();
        resumed.requestOk("type", "login", "resume", token);

        for (int n = 0; n < backlog; n++) {
            assertThat(resumed.next("message").path("data").path("n").asInt()).isEqualTo(n);
        }
        assertThat(resumed.isClosed()).isFalse();
        assertThat(resumed.request("type", "ping").path("type").asText()).isEqualTo("pong");
    }

    @Test
    void aResumedClientThatDoesNotReadItsBacklogEndsWithAReasonAfterEveryMessageBeforeIt() throws IOException {
        TestClient alice = gateway.client();
        String token = alice.login("alice").path("session").asText();
        TestClient bob = gateway.login("bob");
        alice.drop();
        gateway.awaitDropped("alice");
        LegitimatePair pair = LegitimatePair.loggedIn(gateway, "1");

        try (RawWebSocket resumed = RawWebSocket.connect(gateway.port(), 4096)) {
            resumed.sendText("{\"type\":\"login\",\"resume\":\"" + token + "\"}");
            // It reads nothing more for now; bob writes until alice's session is at its bound and ends.
            int sent = 0;
            for (JsonNode reply = null; sent < 1024 && (reply == null || reply.path("type").asText().equals("ok")); sent++) {
                reply = bob.request("type", "message", "to", "alice", "data", Map.of("n", sent, "pad", PAD));
            }
            assertThat(sent).as("messages until alice's session ended").isLessThan(1024);
            pair.call();

            RawWebSocket.Frame first = resumed.readFrame();
            assertThat(first.text()).contains("\"ok\"");
            int expected = 0;
            RawWebSocket.Frame frame;
            while ((frame = resumed.readFrame()) != null && frame.opcode() == TEXT) {
                assertThat(TestClient.parse(frame.text()).path("data").path("n").asInt()).as("no gap").isEqualTo(expected++);
            }
            assertThat(expected).as("messages received before the end").isPositive();
            assertThat(frame).as("a close frame says why the session ended").isNotNull();
            assertThat(frame.opcode()).isEqualTo(CLOSE);
            assertThat(((frame.payload()[0] & 0xff) << 8) | (frame.payload()[1] & 0xff)).isEqualTo(1008);
        }
    }
}
