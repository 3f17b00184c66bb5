package org.webrtcgateway.websocket.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.HeapProbe;
import org.webrtcgateway.testing.LegitimatePair;
import org.webrtcgateway.testing.RawWebSocket;

/**
 * A client that sends WebSocket pings and never reads: each ping used to get a pong, counted by no
 * limit, until the heap was full (issue: one client takes the gateway down).
 */
class PingFloodTest {

    private static final int PING = 0x9;
    private static final int PONG = 0xA;
    /** Largest control-frame payload: the most pong bytes one ping can ask for. */
    private static final byte[] PAYLOAD = new byte[125];
    /** Pongs for this many pings would be 25 MB: far past any bound, few enough to send in a second or two. */
    private static final int FLOOD = 200_000;

    /** Sends pings without reading until the gateway ends the connection or {@code count} are sent; returns how many went. */
    static int floodPings(RawWebSocket flooder, int count) {
        int sent = 0;
        try {
            while (sent < count) {
                flooder.sendFrame(PING, PAYLOAD);
                sent++;
            }
        } catch (IOException closedByTheGateway) {
            // the gateway cut the connection: what the test waits for
        }
        return sent;
    }

    @Nested
    class AtDefaultSettings {
        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension();

        @Test
        void aPingFloodWithoutReadingIsCutOffAndTheHeapReturnsToItsLevel() throws IOException {
            LegitimatePair pair = LegitimatePair.loggedIn(gateway, "1");
            pair.call();
            long before = HeapProbe.usedAfterGc();

            try (RawWebSocket flooder = RawWebSocket.connect(gateway.port(), 4096)) {
                int sent = floodPings(flooder, FLOOD);

                assertThat(sent).as("pings sent before the gateway cut the flooder off").isLessThan(FLOOD);
            }
            pair.call();
            assertThat(HeapProbe.usedAfterGc() - before).isLessThan(HeapProbe.TOLERANCE);
        }

        @Test
        void aPingWithinTheRateLimitIsAnsweredWithItsPayload() throws IOException {
            try (RawWebSocket client = RawWebSocket.connect(gateway.port(), 0)) {
                client.sendFrame(PING, "are you there".getBytes(StandardCharsets.UTF_8));

                assertThat(client.readUntil(PONG).text()).isEqualTo("are you there");
            }
        }
    }

    @Nested
    class WithoutARateLimit {
        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension().with("websocket.messages-per-second", "0");

        @Test
        void pongsToAClientThatDoesNotReadThemDoNotPileUp() throws IOException {
            LegitimatePair pair = LegitimatePair.loggedIn(gateway, "1");
            long before = HeapProbe.usedAfterGc();

            try (RawWebSocket flooder = RawWebSocket.connect(gateway.port(), 4096)) {
                floodPings(flooder, FLOOD);
                pair.call(); // the flood's frames are all read by the time the gateway answers a later request

                assertThat(HeapProbe.usedAfterGc() - before)
                        .as("heap held while the flooder is still connected, its pongs unread").isLessThan(HeapProbe.TOLERANCE);
            }
        }
    }
}
