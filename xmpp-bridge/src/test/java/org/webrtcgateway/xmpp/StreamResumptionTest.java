package org.webrtcgateway.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.Sdps;
import org.webrtcgateway.testing.TestClient;
import org.webrtcgateway.testing.contract.FarCall;
import org.webrtcgateway.xmpp.testing.CuttableTcpProxy;
import org.webrtcgateway.xmpp.testing.ProsodyExtension;
import org.webrtcgateway.xmpp.testing.XmppFarSide;

/**
 * A short network loss between the gateway and the XMPP server (XEP-0198): the stream is resumed, the call goes on,
 * and what the server held for the account meanwhile arrives. The gateway reaches Prosody through a relay the test cuts.
 */
@Tag("xmpp")
class StreamResumptionTest {

    private static final String SDP = Sdps.ONE_AUDIO_STREAM;

    @RegisterExtension
    static final ProsodyExtension prosody = new ProsodyExtension();

    private static final CuttableTcpProxy network = proxyTo(prosody);

    @RegisterExtension
    final XmppFarSide bob = new XmppFarSide(prosody, "bob");

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension()
            .with("xmpp.enabled", "true")
            .with("xmpp.server", network.hostPort())
            .with("xmpp.trust-certificate", prosody.certificate().toString())
            .with("xmpp.account.alice.jid", "alice@localhost")
            .with("xmpp.account.alice.password", "alicepw");

    @AfterAll
    static void closeNetwork() throws IOException {
        network.close();
    }

    @Test
    void aCallSurvivesAShortNetworkLossAndWhatCameMeanwhileArrives() {
        XmppBridge bridge = gateway.injector().getInstance(XmppBridge.class);
        await().atMost(Duration.ofSeconds(15)).until(() -> bridge.isLoggedIn("alice"));
        TestClient alice = gateway.login("alice");
        String call = alice.requestOk("type", "offer", "to", bob.address(), "sdp", SDP).path("call").asText();
        FarCall far = bob.nextCall();
        far.answer(SDP);
        awaitType(alice, "answer");

        network.cut();
        await().atMost(Duration.ofSeconds(10)).until(() -> !bridge.isLoggedIn("alice"));
        bob.message("alice", "sent while you were away");
        // Smack's reconnection comes after a random 2 to 14 s; the server keeps the session meanwhile.
        await().atMost(Duration.ofSeconds(40)).until(() -> bridge.isLoggedIn("alice"));

        assertThat(awaitType(alice, "message").path("data").asText()).isEqualTo("sent while you were away");
        far.hangUp();
        assertThat(awaitType(alice, "bye").path("call").asText()).isEqualTo(call);
    }

    private static JsonNode awaitType(TestClient client, String type) {
        for (int i = 0; i < 20; i++) {
            JsonNode next = client.next();
            if (next.path("type").asText().equals(type)) {
                return next;
            }
            assertThat(next.path("type").asText()).as("the call must not end before its far side hangs up").isNotEqualTo("bye");
        }
        throw new AssertionError("no " + type);
    }

    private static CuttableTcpProxy proxyTo(ProsodyExtension prosody) {
        try {
            return new CuttableTcpProxy(prosody.c2sPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
