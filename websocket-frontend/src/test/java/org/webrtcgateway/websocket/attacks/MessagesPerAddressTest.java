package org.webrtcgateway.websocket.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.RawWebSocket;
import org.webrtcgateway.testing.TestClient;

/**
 * {@code websocket.messages-per-second-per-address}: an address's connections share one rate, so opening more
 * connections buys no more messages; another address is not held back by it.
 */
class MessagesPerAddressTest {

    /** 20 a second, 40 at once, for an address; each connection alone may send 200 at once. */
    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension().with("websocket.messages-per-second-per-address", "20");

    /** Sends {@code count} pings at once, then reads their replies: how many were rate-limited. */
    private static int rateLimited(RawWebSocket client, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            client.sendText(TestClient.json("type", "ping", "id", i));
        }
        int refused = 0;
        for (int i = 0; i < count; i++) {
            JsonNode reply = TestClient.parse(client.readUntil(0x1).text());
            if ("rate-limited".equals(reply.path("code").asText())) {
                assertThat(reply.path("message").asText()).contains("from your address");
                refused++;
            }
        }
        return refused;
    }

    @Test
    void moreConnectionsFromOneAddressBuyNoMoreMessagesAndOtherAddressesAreNotHeldBack() throws IOException {
        List<RawWebSocket> crowd = new ArrayList<>();
        try (RawWebSocket other = RawWebSocket.connectFrom("127.0.0.3", gateway.port())) {
            int refusedFromTheCrowd = 0;
            for (int i = 0; i < 5; i++) {
                RawWebSocket connection = RawWebSocket.connectFrom("127.0.0.2", gateway.port());
                crowd.add(connection);
                refusedFromTheCrowd += rateLimited(connection, 20);
            }

            assertThat(refusedFromTheCrowd).as("100 messages at once against a burst of 40").isGreaterThanOrEqualTo(50);
            assertThat(rateLimited(other, 30)).as("127.0.0.3 has a bucket of its own").isZero();
        } finally {
            for (RawWebSocket connection : crowd) {
                connection.close();
            }
        }
    }
}
