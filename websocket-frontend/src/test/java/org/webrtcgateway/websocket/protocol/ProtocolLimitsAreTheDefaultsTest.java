package org.webrtcgateway.websocket.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;

/**
 * At its default settings the gateway takes everything the protocol allows: its only size limit is the
 * frame's (64 KiB), so a message or an offer that fits in a frame is relayed whole.
 */
class ProtocolLimitsAreTheDefaultsTest {

    /** Room in a 64 KiB frame for the envelope around the large field. */
    private static final int FIELD = 65536 - 200;

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension();

    @Test
    void aMessageWhoseFrameFitsIsRelayedIntact() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        String data = "d".repeat(FIELD);
        String frame = TestClient.json("type", "message", "to", "bob", "data", data, "id", 1);
        assertThat(frame.getBytes(StandardCharsets.UTF_8).length).isBetween(65536 - 256, 65536);

        alice.requestOk("type", "message", "to", "bob", "data", data);

        assertThat(bob.next("message").path("data").asText()).isEqualTo(data);
    }

    @Test
    void anOfferWhoseFrameFitsIsRelayedIntact() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        String sdp = "v=0\r\n" + "a=x\r\n".repeat((FIELD - 7) / 7); // CRLF is escaped: 7 bytes of JSON a line
        String frame = TestClient.json("type", "offer", "to", "bob", "sdp", sdp, "id", 1);
        assertThat(frame.getBytes(StandardCharsets.UTF_8).length).isBetween(65536 - 256, 65536);

        alice.requestOk("type", "offer", "to", "bob", "sdp", sdp);

        assertThat(bob.next("offer").path("sdp").asText()).isEqualTo(sdp);
    }
}
