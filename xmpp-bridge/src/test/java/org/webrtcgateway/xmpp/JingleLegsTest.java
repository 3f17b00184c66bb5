package org.webrtcgateway.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.core.api.BridgeLeg;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.Sdps;
import org.webrtcgateway.testing.TestClient;
import org.webrtcgateway.xmpp.testing.ProsodyExtension;
import org.webrtcgateway.xmpp.testing.XmppFarSide;

/** What the admin API lists of a call through XMPP: the browser's call id with its Jingle sid and state, through Prosody. */
@Tag("xmpp")
class JingleLegsTest {

    @RegisterExtension
    static final ProsodyExtension prosody = new ProsodyExtension();

    @RegisterExtension
    final XmppFarSide bob = new XmppFarSide(prosody, "bob");

    @RegisterExtension
    final GatewayExtension gateway = prosody.gatewayWithAccounts("alice");

    @Test
    void aCallsLegCarriesItsJingleSidAndGoesFromPendingToActiveWhenAnswered() {
        ProsodyExtension.awaitLoggedIn(gateway, "alice");
        TestClient alice = gateway.login("alice");
        String call = alice.requestOk("type", "offer", "to", bob.address(), "sdp", Sdps.ONE_AUDIO_STREAM).path("call").asText();
        XmppFarSide.Call atBob = (XmppFarSide.Call) bob.nextCall();

        assertThat(bridge().legs()).containsExactly(new BridgeLeg("alice", call, atBob.sid(), "pending"));

        atBob.answer(Sdps.ONE_AUDIO_STREAM);
        alice.nextOfType("answer");
        await().atMost(Duration.ofSeconds(5)).until(() -> bridge().legs().equals(
                java.util.List.of(new BridgeLeg("alice", call, atBob.sid(), "active"))));
    }

    private XmppBridge bridge() {
        return gateway.injector().getInstance(XmppBridge.class);
    }
}
