package org.webrtcgateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.core.session.SessionRegistry;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.RawWebSocket;
import org.webrtcgateway.testing.TestClient;

/** A client that stops reading is cut off, and what waits for it stays bounded. */
class SlowConsumerTest {

    private static final int DATA_SIZE = 8000;
    /** Far more than the write buffer limit, the resume queue and the kernel's socket buffers together. */
    private static final int MAX_MESSAGES = 5000;

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension()
            .with("websocket.write-buffer-limit", "65536")
            .with("websocket.messages-per-second", "0")
            .with("session.resume-queue", "32");

    @Test
    void aClientThatDoesNotReadIsCutOffAndItsSessionEndsBeforeBuffersGrowWithoutBound() throws IOException {
        TestClient sender = gateway.login("sender");
        String payload = "x".repeat(DATA_SIZE);
        try (RawWebSocket slow = RawWebSocket.connect(gateway.port(), 4096)) {
            slow.sendText("{\"type\":\"login\",\"name\":\"slow\"}");
            assertThat(slow.readFrame().text()).contains("\"ok\"");
            // From here on, slow never reads again.

            int accepted = 0;
            String refusal = null;
            while (refusal == null && accepted < MAX_MESSAGES) {
                JsonNode reply = sender.request("type", "message", "to", "slow", "data", payload);
                if (reply.path("type").asText().equals("ok")) {
                    accepted++;
                } else {
                    refusal = reply.path("code").asText();
                }
            }

            assertThat(refusal).as("refused after %d messages", accepted).isEqualTo("unknown-peer");
            assertThat(accepted).isLessThan(MAX_MESSAGES);
            assertThat(gateway.injector().getInstance(SessionRegistry.class).byName("slow")).isNull();
            assertThat(slow.closedByServer()).isTrue();
        }
        sender.request("type", "ping");
    }
}
