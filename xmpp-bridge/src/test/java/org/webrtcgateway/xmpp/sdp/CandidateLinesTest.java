package org.webrtcgateway.xmpp.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.webrtcgateway.xmpp.jingle.JingleExtensions;
import org.webrtcgateway.xmpp.jingle.JingleIq;
import org.webrtcgateway.xmpp.jingle.iceudp.element.IceUdpCandidate;
import org.webrtcgateway.xmpp.jingle.iceudp.element.IceUdpTransport;

/** a=candidate ↔ XEP-0176 candidate, a=end-of-candidates, and a trickled candidate ↔ transport-info. */
class CandidateLinesTest {

    /** From chromium-audio-offer.sdp. */
    static final String CHROMIUM_UDP = "candidate:2152900706 1 udp 2122260223 127.0.0.1 60250 typ host generation 0"
            + " network-id 1 network-cost 50";
    static final String CHROMIUM_TCP = "candidate:4271721210 1 tcp 1518280447 127.0.0.1 9 typ host tcptype active"
            + " generation 0 network-id 1 network-cost 50";
    /** RFC 8839 section 5.1's grammar with a related address, as a STUN-derived candidate has it. */
    static final String SRFLX = "candidate:842163049 1 udp 1677729535 203.0.113.7 46154 typ srflx"
            + " raddr 192.168.1.20 rport 46154 generation 0 ufrag EsAw network-id 1";

    @BeforeAll
    static void registerProviders() {
        JingleExtensions.registerAll();
    }

    @Test
    void mapsEveryFieldXep0176Has() {
        IceUdpCandidate udp = CandidateLines.toCandidate("a=" + CHROMIUM_UDP);
        assertThat(udp.getFoundation()).isEqualTo("2152900706");
        assertThat(udp.getComponent()).isEqualTo(1);
        assertThat(udp.getProtocol()).isEqualTo("udp");
        assertThat(udp.getPriority()).isEqualTo(2122260223L);
        assertThat(udp.getIp()).isEqualTo("127.0.0.1");
        assertThat(udp.getPort()).isEqualTo(60250);
        assertThat(udp.getType()).isEqualTo(IceUdpCandidate.Type.HOST);
        assertThat(udp.getGeneration()).isZero();
        assertThat(udp.getNetwork()).isEqualTo(1);
        assertThat(udp.getId()).isNotEmpty();

        IceUdpCandidate tcp = CandidateLines.toCandidate(CHROMIUM_TCP);
        assertThat(tcp.getTcpType()).isEqualTo(IceUdpCandidate.TcpType.ACTIVE);

        IceUdpCandidate srflx = CandidateLines.toCandidate(SRFLX);
        assertThat(srflx.getRelatedAddress()).isEqualTo("192.168.1.20");
        assertThat(srflx.getRelatedPort()).isEqualTo(46154);
    }

    @Test
    void writesBackAllButTheExtensionsJingleHasNoPlaceFor() {
        for (String line : List.of(CHROMIUM_UDP, CHROMIUM_TCP, SRFLX)) {
            String back = CandidateLines.toTrickleLine(CandidateLines.toCandidate(line));
            assertThat(SdpJingleRoundTripTest.withoutCandidateExtensions(back.substring(10)))
                    .isEqualTo(SdpJingleRoundTripTest.withoutCandidateExtensions(line.substring(10),
                            "network-cost", "ufrag"));
        }
    }

    @Test
    void sameCandidateSameId() {
        assertThat(CandidateLines.toCandidate(CHROMIUM_UDP).getId())
                .isEqualTo(CandidateLines.toCandidate("a=" + CHROMIUM_UDP).getId())
                .isNotEqualTo(CandidateLines.toCandidate(CHROMIUM_TCP).getId());
    }

    @Test
    void refusesWhatIsNoCandidate() {
        assertThatThrownBy(() -> CandidateLines.toCandidate("candidate:1 1 udp 5 127.0.0.1 9"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void endOfCandidatesSurvivesTheRoundTrip() throws Exception {
        String sdp = SdpJingleRoundTripTest.resource("chromium-audio-offer.sdp") + "a=end-of-candidates\r\n";
        JingleSessionContents jingle = SdpToJingle.translate(SessionDescription.parse(sdp), SdpRole.INITIATOR);
        String xml = jingle.contents().get(0).toXML().toString();
        assertThat(xml).contains("<end-of-candidates xmlns='" + KeptElements.GATEWAY_NAMESPACE + "'");
        JingleIq parsed = SdpJingleRoundTripTest.throughXml(jingle.children(), SdpRole.INITIATOR);
        SdpSection back = JingleToSdp.translate(parsed.getChildren(), SdpRole.INITIATOR, "1").media().get(0);
        assertThat(back.has(CandidateLines.END_OF_CANDIDATES)).isTrue();
        assertThat(back.values(CandidateLines.ATTRIBUTE)).hasSize(2);
        // After the candidates, as RFC 8840 section 4.1 has it.
        assertThat(back.attributes().get(back.attributes().size() - 1).name())
                .isEqualTo(CandidateLines.END_OF_CANDIDATES);
    }

    @Test
    void trickledCandidateToTransportInfoAndBack() throws Exception {
        JingleContent content = TrickleCandidates.toTransportInfoContent("0", "8hhy", CHROMIUM_UDP);
        String iq = "<iq from='romeo@montague.lit/orchard' to='juliet@capulet.lit/balcony' id='ti1' type='set'>"
                + "<jingle xmlns='urn:xmpp:jingle:1' action='transport-info' sid='a73sjjvkla37jfea'>"
                + content.toXML() + "</jingle></iq>";
        JingleIq parsed = (JingleIq) PacketParserUtils.<IQ>parseStanza(iq);
        JingleContent received = parsed.getContents().get(0);
        assertThat(received.getName()).isEqualTo("0");
        assertThat(((IceUdpTransport) received.getTransport()).getUfrag()).isEqualTo("8hhy");

        List<TrickleCandidates.Trickled> lines = TrickleCandidates.fromTransportInfoContent(received);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).mid()).isEqualTo("0");
        assertThat(lines.get(0).candidate())
                .isEqualTo("candidate:2152900706 1 udp 2122260223 127.0.0.1 60250 typ host generation 0 network-id 1");
    }

    @Test
    void endOfCandidatesToTransportInfoAndBack() throws Exception {
        JingleContent content = TrickleCandidates.toTransportInfoContent("1", "8hhy", "");
        String iq = "<iq from='romeo@montague.lit/orchard' to='juliet@capulet.lit/balcony' id='ti2' type='set'>"
                + "<jingle xmlns='urn:xmpp:jingle:1' action='transport-info' sid='a73sjjvkla37jfea'>"
                + content.toXML() + "</jingle></iq>";
        JingleIq parsed = (JingleIq) PacketParserUtils.<IQ>parseStanza(iq);
        List<TrickleCandidates.Trickled> lines = TrickleCandidates.fromTransportInfoContent(parsed.getContents().get(0));
        // The browser's end-of-candidates indication: an RTCIceCandidate with an empty candidate (W3C WebRTC 4.8.1).
        assertThat(lines).containsExactly(new TrickleCandidates.Trickled("1", ""));
    }

    /** Found by the fuzz tests: a foundation a browser would refuse, or one our own reading took a prefix off. */
    @org.junit.jupiter.params.ParameterizedTest(name = "[{index}] {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "candidate:candidate:1 1 udp 2122260223 127.0.0.1 40000 typ host",
        "candidate:2152\u00e900706 1 udp 2122260223 127.0.0.1 40000 typ host",
        "candidate:a:b 1 udp 2122260223 127.0.0.1 40000 typ host",
        "candidate:123456789012345678901234567890123 1 udp 2122260223 127.0.0.1 40000 typ host"})
    void aFoundationOtherThanOneTo32IceCharsIsRefused(String line) {
        assertThatThrownBy(() -> CandidateLines.toCandidate(line.translateEscapes()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("foundation");
    }

    @Test
    void aFoundationOfIceCharsIsKept() {
        assertThat(CandidateLines.toCandidate("candidate:Ab+/9 1 udp 2122260223 127.0.0.1 40000 typ host").getFoundation())
                .isEqualTo("Ab+/9");
    }
}
