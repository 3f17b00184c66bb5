package org.webrtcgateway.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.core.Lifecycle;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.Sdps;
import org.webrtcgateway.testing.TestClient;
import org.webrtcgateway.xmpp.jingle.jmi.element.JingleMessage;
import org.webrtcgateway.xmpp.testing.ProsodyExtension;
import org.webrtcgateway.xmpp.testing.SlixmppClient;
import org.webrtcgateway.xmpp.testing.XmppFarSide;

/**
 * The gateway's stop (as at SIGTERM) ends what the XMPP bridge carries the way XMPP expects, through Prosody, and
 * waits for it: an established Jingle call gets session-terminate with {@code <gone/>} (which the peer acknowledges),
 * a call still proposed (XEP-0353) gets its retract, and contacts see the user go unavailable.
 * Browser user alice is account alice@localhost; bob is a Smack client of the test's, carol a slixmpp one.
 */
@Tag("xmpp")
class StopEndsXmppSessionsTest {

    @RegisterExtension
    static final ProsodyExtension prosody = new ProsodyExtension();

    @RegisterExtension
    final XmppFarSide bob = new XmppFarSide(prosody, "bob");

    @RegisterExtension
    final GatewayExtension gateway = prosody.gatewayWithAccounts("alice").with("shutdown.timeout", "10s");

    @BeforeEach
    void alicesAccountIsLoggedIn() {
        ProsodyExtension.awaitLoggedIn(gateway, "alice");
    }

    @Test
    void anEstablishedJingleCallGetsSessionTerminateWithGone() {
        TestClient alice = gateway.login("alice");
        alice.requestOk("type", "offer", "to", bob.address(), "sdp", Sdps.ONE_AUDIO_STREAM);
        XmppFarSide.Call call = (XmppFarSide.Call) bob.nextCall();
        call.answer(Sdps.ONE_AUDIO_STREAM);
        alice.nextOfType("answer");

        List<String> undone = stop();

        assertThat(call.awaitTerminateReason().asEnum()).isEqualTo(JingleReason.Reason.gone);
        assertThat(undone).as("bob acknowledged the session-terminate, the stream closed").isEmpty();
    }

    @Test
    void aCallStillProposedIsRetracted() {
        TestClient alice = gateway.login("alice");
        alice.requestOk("type", "offer", "to", bob.address(), "sdp", Sdps.ONE_AUDIO_STREAM);
        String sid = JingleMessage.from(bob.nextProposal()).getId();

        List<String> undone = stop();

        assertThat(bob.nextJingleMessage(JingleMessage.Action.retract).getId()).isEqualTo(sid);
        assertThat(undone).isEmpty();
    }

    @Test
    void aContactSeesTheUserGoUnavailable() throws Exception {
        TestClient alice = gateway.login("alice");
        try (SlixmppClient carol = SlixmppClient.online(prosody, "carol", "chat", "here")) {
            carol.awaitLine("READY");
            // carol approves alice's request and asks back, which alice's account approves: each sees the other.
            alice.send("type", "subscribe", "to", "xmpp:carol@localhost");
            assertThat(carol.awaitLine("PRESENCE alice@localhost/")).contains(" available "); // from her resource, not the bare subscribe

            List<String> undone = stop();

            assertThat(carol.awaitLine("PRESENCE alice@localhost/"))
                    .as("said by the gateway: a dropped connection makes Prosody say it, with a status \"Disconnected: ...\"")
                    .endsWith(" unavailable - -");
            assertThat(undone).isEmpty();
        }
    }

    private List<String> stop() {
        return gateway.injector().getInstance(Lifecycle.class).stop();
    }
}
