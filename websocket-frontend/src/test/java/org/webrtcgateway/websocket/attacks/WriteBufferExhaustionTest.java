package org.webrtcgateway.websocket.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.RawWebSocket;
import org.webrtcgateway.testing.TestClient;
import org.webrtcgateway.websocket.WriteBuffers;

/**
 * Many connections that read nothing, each fed up to its write-buffer limit: each buffer is bounded,
 * but together they could fill the direct memory the buffers live in, and then no write would succeed
 * for anybody.
 */
class WriteBufferExhaustionTest {

    private static final int HOGS = 4;
    private static final int MESSAGES_PER_HOG = 400; // 6.4 MB each: past the kernel's buffers and the 1 MiB write buffer
    private static final String PAD = "x".repeat(16_000);

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension()
            .with("websocket.messages-per-second", "0")
            .with("websocket.write-buffers-total", String.valueOf(2 << 20));

    @Test
    void clientsThatReadNothingStopGrowingOnceAllBuffersAreFullWhileAReaderIsServedInOrder() throws IOException {
        WriteBuffers buffers = gateway.injector().getInstance(WriteBuffers.class);
        List<RawWebSocket> hogs = new ArrayList<>();
        try {
            for (int i = 0; i < HOGS; i++) {
                RawWebSocket hog = RawWebSocket.connect(gateway.port(), 4096);
                hog.sendText("{\"type\":\"login\",\"name\":\"hog" + i + "\"}");
                hogs.add(hog); // never reads again
            }
            TestClient sender = gateway.login("sender");
            TestClient reader = gateway.login("reader");
            long most = 0;
            for (int n = 0; n < MESSAGES_PER_HOG; n++) {
                for (int i = 0; i < HOGS; i++) {
                    sender.requestOk("type", "message", "to", "hog" + i, "data", Map.of("n", n, "pad", PAD));
                }
                sender.requestOk("type", "message", "to", "reader", "data", Map.of("n", n));
                most = Math.max(most, buffers.used());
            }

            // Past the bound, each connection holds at most its small share plus the message that crossed it.
            long slack = HOGS * (64 * 1024 + 17_000L);
            assertThat(most).as("bytes in all write buffers at the most").isLessThanOrEqualTo(buffers.limit() + slack);
            for (int n = 0; n < MESSAGES_PER_HOG; n++) {
                assertThat(reader.next("message").path("data").path("n").asInt()).isEqualTo(n);
            }
        } finally {
            for (RawWebSocket hog : hogs) {
                hog.close();
            }
        }
    }
}
