package org.webrtcgateway.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.jivesoftware.smackx.jingle.element.JingleAction;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;
import org.webrtcgateway.xmpp.jingle.JingleIq;
import org.webrtcgateway.xmpp.jingle.iceudp.element.IceUdpTransport;
import org.webrtcgateway.xmpp.testing.ProsodyExtension;
import org.webrtcgateway.xmpp.testing.XmppFarSide;

/**
 * Renegotiation of an established call through Prosody: an ICE restart either way is XEP-0176's transport-replace and
 * transport-accept; an offer that adds media is not carried, and the call ends rather than hanging.
 */
@Tag("xmpp")
class IceRestartThroughProsodyTest {

    private static final String SDP = sdp("ufrag1", "0");
    private static final String RESTARTED = sdp("ufrag2", "0");

    @RegisterExtension
    static final ProsodyExtension prosody = new ProsodyExtension();

    @RegisterExtension
    final XmppFarSide bob = new XmppFarSide(prosody, "bob");

    @RegisterExtension
    final GatewayExtension gateway = prosody.gatewayWithAccounts("alice");

    private TestClient alice;
    private String call;
    private XmppFarSide.Call far;

    @BeforeEach
    void aCallIsEstablished() {
        ProsodyExtension.awaitLoggedIn(gateway, "alice");
        alice = gateway.login("alice");
        call = alice.requestOk("type", "offer", "to", bob.address(), "sdp", SDP).path("call").asText();
        far = (XmppFarSide.Call) bob.nextCall();
        far.answer(sdp("bobufrag1", "0"));
        alice.nextOfType("answer");
    }

    @Test
    void theBrowsersIceRestartIsATransportReplaceAndThePeersAcceptItsAnswer() {
        alice.requestOk("type", "offer", "call", call, "sdp", RESTARTED);

        JingleIq replace = far.awaitJingle(JingleAction.transport_replace);
        assertThat(ufrag(replace)).isEqualTo("ufrag2");
        far.send(JingleAction.transport_accept, List.of(transportOnly("bobufrag2")));

        JsonNode answer = alice.nextOfType("answer");
        assertThat(answer.path("call").asText()).isEqualTo(call);
        assertThat(answer.path("sdp").asText()).contains("a=ice-ufrag:bobufrag2").doesNotContain("bobufrag1");
    }

    @Test
    void thePeersTransportReplaceIsAnOfferAndTheBrowsersAnswerItsAccept() {
        far.send(JingleAction.transport_replace, List.of(transportOnly("bobufrag2")));

        JsonNode offer = alice.nextOfType("offer");
        assertThat(offer.path("call").asText()).isEqualTo(call);
        assertThat(offer.path("sdp").asText()).contains("a=ice-ufrag:bobufrag2");
        alice.requestOk("type", "answer", "call", call, "sdp", RESTARTED);

        assertThat(ufrag(far.awaitJingle(JingleAction.transport_accept))).isEqualTo("ufrag2");
    }

    @Test
    void anOfferThatAddsMediaEndsTheCallAsNotAcceptable() {
        alice.requestOk("type", "offer", "call", call, "sdp", SDP + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\n"
                + "a=mid:1\r\na=sendrecv\r\na=rtpmap:96 VP8/90000\r\n");

        assertThat(alice.nextOfType("bye").path("reason").asText()).isEqualTo("not-acceptable");
        far.awaitEnded();
    }

    private static String sdp(String ufrag, String mid) {
        return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=ice-ufrag:" + ufrag + "\r\na=ice-pwd:" + ufrag
                + "passwordpassword\r\na=fingerprint:sha-256 5A:04:35:0F:E8:2F:C0:53:C0:EC:39:AD:0A:63:32:45:3B:2A:F0:94:EE:"
                + "7E:DD:A5:C5:D6:6C:64:FF:3A:DF:B6\r\na=setup:actpass\r\na=mid:" + mid
                + "\r\na=sendrecv\r\na=rtcp-mux\r\na=rtpmap:111 opus/48000/2\r\n";
    }

    private static JingleContent transportOnly(String ufrag) {
        return JingleContent.getBuilder().setCreator(JingleContent.Creator.initiator).setName("0")
                .setTransport(IceUdpTransport.builder().setUfrag(ufrag).setPwd(ufrag + "passwordpassword").build()).build();
    }

    private static String ufrag(JingleIq iq) {
        return ((IceUdpTransport) iq.getContents().get(0).getTransport()).getUfrag();
    }

}
