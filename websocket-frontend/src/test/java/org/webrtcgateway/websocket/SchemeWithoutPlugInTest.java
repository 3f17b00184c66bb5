package org.webrtcgateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.RecordingBridge;
import org.webrtcgateway.testing.TestClient;

/**
 * A scheme the core does not know is an address only when a plug-in brings its form. The distribution's
 * tests have one on their class path for {@code echo:} (PluggedSchemeTest); this class path has none, so
 * {@code echo:x} is no address here.
 */
class SchemeWithoutPlugInTest {

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension();

    @Test
    void anAddressOfASchemeNoPlugInBringsIsBadMessage() {
        TestClient alice = gateway.login("alice");

        String message = alice.requestError("bad-message", "type", "offer", "to", "echo:x", "sdp", "v=0\r\n")
                .path("message").asText();

        assertThat(message).contains("'to'").doesNotContain("echo:...");
        alice.requestError("bad-message", "type", "message", "to", "echo:x", "data", "hi");
    }

    @Test
    void aBridgeForTheSchemeAloneDoesNotMakeItAnAddress() throws Exception {
        RecordingBridge echo = new RecordingBridge("echo", "echo");
        GatewayExtension bridged = new GatewayExtension().withModule(echo.module());
        bridged.start();
        try {
            TestClient alice = bridged.login("alice");

            alice.requestError("bad-message", "type", "offer", "to", "echo:x", "sdp", "v=0\r\n");

            assertThat(echo.poll()).as("nothing reached the bridge").isNull();
        } finally {
            bridged.stop();
        }
    }
}
