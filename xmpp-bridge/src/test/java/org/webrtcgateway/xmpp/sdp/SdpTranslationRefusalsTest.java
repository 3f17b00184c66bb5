package org.webrtcgateway.xmpp.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.webrtcgateway.xmpp.jingle.JingleExtensions;
import org.webrtcgateway.xmpp.jingle.JingleIq;

/**
 * What the SDP/Jingle translation refuses, each with IllegalArgumentException, which the bridge answers (bad-message
 * to a browser, bad-request to a Jingle peer) instead of letting another exception escape or sending on what the
 * other side cannot read. Each case was found by SdpToJingleFuzzTest or JingleToSdpFuzzTest.
 */
class SdpTranslationRefusalsTest {

    private static final String OFFER = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n"
            + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=ice-ufrag:mVgh\r\na=ice-pwd:opfkzCITbDAzslKHQe+Sz4sS\r\n"
            + "a=fingerprint:sha-256 48:D7:66:46\r\na=setup:actpass\r\na=mid:0\r\na=sendrecv\r\na=rtcp-mux\r\n"
            + "a=rtpmap:111 opus/48000/2\r\na=rtcp-fb:111 transport-cc\r\n"
            + "a=candidate:1 1 udp 2122260223 127.0.0.1 60250 typ host generation 0\r\n";

    @BeforeAll
    static void registerProviders() {
        JingleExtensions.registerAll();
    }

    @Test
    void theOfferTheseCasesChangeIsTranslated() {
        assertThat(SdpToJingle.translate(SessionDescription.parse(OFFER), SdpRole.INITIATOR).contents()).hasSize(1);
    }

    /** A BEL went into the session-initiate as XML that is not well formed, which ends the whole XMPP stream. */
    @ParameterizedTest(name = "[{index}] U+{0}")
    @ValueSource(strings = {"0007", "0000", "0009", "000D", "007F", "0085", "D800"})
    void anSdpLineWithAControlCharacterOrLoneSurrogateIsRefused(String codePoint) {
        String sdp = OFFER.replace("a=ice-ufrag:mVgh", "a=ice-ufrag:mV" + (char) Integer.parseInt(codePoint, 16) + "gh");

        assertThatThrownBy(() -> SessionDescription.parse(sdp)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+" + codePoint).hasMessageNotContaining("\r");
    }

    /** Each of these was read past its end: an index out of bounds that escaped the bridge's handling of bad SDP. */
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "a=rtpmap:111 opus/48000/2| a=rtpmap:111 opus",
        "a=rtcp-fb:111 transport-cc| a=rtcp-fb:111",
        "a=rtcp-fb:111 transport-cc| a=rtcp-fb:111 trr-int",
        "a=rtcp-fb:111 transport-cc| a=rtcp-fb",
        "a=sendrecv| a=sendrecv\\r\\na=extmap:1",
        "a=sendrecv| a=sendrecv\\r\\na=extmap:/ urn:x",
        "a=sendrecv| a=sendrecv\\r\\na=extmap:1/sendonly/x urn:x",
        "a=fingerprint:sha-256 48:D7:66:46| a=fingerprint:sha-256",
        "a=sendrecv| a=sendrecv\\r\\na=ssrc",
        "a=sendrecv| a=sendrecv\\r\\na=ssrc-group: ",
        "c=IN IP4 0.0.0.0| c=IN IP4 0.0.0.0\\r\\nb=AS",
        "a=mid:0| a=mid:audio 1",
        "a=group:BUNDLE 0| a=group",
        "a=candidate:1 1 udp 2122260223 127.0.0.1 60250 typ host generation 0| a=candidate"})
    void aShortOrValuelessAttributeIsRefused(String line, String replacement) {
        String sdp = OFFER.replace(line, replacement.strip().translateEscapes());

        assertThatThrownBy(() -> SdpToJingle.translate(SessionDescription.parse(sdp), SdpRole.INITIATOR))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aShortSctpmapIsRefused() {
        String sdp = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=sctpmap:5000\r\n";

        assertThatThrownBy(() -> SdpToJingle.translate(SessionDescription.parse(sdp), SdpRole.INITIATOR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sctpmap");
    }

    /**
     * A Jingle peer's value that would end its SDP line and add one of its own (or a field) to the SDP a browser gets:
     * a line break written as a character reference, a DEL, a content name that is not one word.
     */
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "ufrag='8hhy'| ufrag='8hhy&#10;a=candidate:9 1 udp 1 203.0.113.66 9 typ host'",
        "ufrag='8hhy'| ufrag='8hhy&#13;'",
        "name='speex'| name='spe&#127;ex'",
        "name='this-is-the-audio-content'| name='audio content'",
        "pwd='asd88fgpdd777uzjYhagZg'| pwd='asd88fgpdd777uzjYhagZg '",
        "media='audio'| media='audio 9'",
        "ip='10.0.1.1'| ip='10.0.1.1 9 typ relay'",
        "foundation='1'| foundation='1 2'",
        "foundation='1'| foundation='candidate:1'"})
    void aJingleValueThatWouldAddAnSdpLineOrFieldIsRefused(String attribute, String replacement) throws Exception {
        String xml = org.webrtcgateway.xmpp.jingle.JingleFixtures.XEP_0176_EXAMPLE_1.replaceFirst(
                java.util.regex.Pattern.quote(attribute), java.util.regex.Matcher.quoteReplacement(replacement));
        JingleIq initiate = (JingleIq) PacketParserUtils.<IQ>parseStanza(xml);

        assertThatThrownBy(() -> JingleToSdp.translate(initiate.getChildren(), SdpRole.INITIATOR, "1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void xep0176Example1IsTranslatedAsItStands() throws Exception {
        JingleIq initiate = (JingleIq) PacketParserUtils.<IQ>parseStanza(
                org.webrtcgateway.xmpp.jingle.JingleFixtures.XEP_0176_EXAMPLE_1);

        List<String> lines = JingleToSdp.translate(initiate.getChildren(), SdpRole.INITIATOR, "1").toSdp().lines().toList();

        assertThat(lines).contains("a=ice-ufrag:8hhy", "a=mid:this-is-the-audio-content");
    }

    @Test
    void anSsrcGroupWithoutSourcesGoesThereAndBackWithoutATrailingSpace() throws Exception {
        String sdp = OFFER.replace("a=rtcp-mux\r\n", "a=rtcp-mux\r\na=ssrc-group:FID\r\n");
        JingleSessionContents jingle = SdpToJingle.translate(SessionDescription.parse(sdp), SdpRole.INITIATOR);

        SessionDescription back = JingleToSdp.translate(SdpJingleRoundTripTest.throughXml(jingle.children(), SdpRole.INITIATOR)
                .getChildren(), SdpRole.INITIATOR, "1");

        assertThat(back.media().get(0).values("ssrc-group")).containsExactly("FID");
    }
}
