package org.webrtcgateway.xmpp.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jivesoftware.smack.packet.FullyQualifiedElement;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.webrtcgateway.xmpp.jingle.JingleExtensions;
import org.webrtcgateway.xmpp.jingle.JingleIq;

/**
 * SDP captured from real Chromium (src/test/sdp/capture.mjs) through SDP → Jingle → XML → parse → Jingle → SDP: what
 * a browser's setRemoteDescription needs must survive. Compared as normalised attribute lines per section, not as
 * text, since the order of attributes inside a section and some spellings do not matter.
 */
class SdpJingleRoundTripTest {

    /** What the call needs, per media section. */
    static final Set<String> NEEDED = Set.of("mid", "rtpmap", "fmtp", "rtcp-fb", "extmap", "extmap-allow-mixed",
            "ssrc", "ssrc-group", "msid", "ice-ufrag", "ice-pwd", "fingerprint", "setup", "candidate",
            "end-of-candidates", "rtcp-mux", "sendrecv", "sendonly", "recvonly", "inactive", "sctp-port");

    @BeforeAll
    static void registerProviders() {
        JingleExtensions.registerAll();
    }

    @ParameterizedTest
    @CsvSource({
        "chromium-audio-offer.sdp, INITIATOR",
        "chromium-video-offer.sdp, INITIATOR",
        "chromium-audio-video-offer.sdp, INITIATOR",
        "chromium-audio-video-answer.sdp, RESPONDER",
        "chromium-audio-video-data-offer.sdp, INITIATOR",
        "chromium-data-offer.sdp, INITIATOR",
    })
    void keepsWhatTheCallNeeds(String file, SdpRole role) throws Exception {
        String captured = resource(file);
        assertThat(captured).as("captured with CRLF line ends").contains("\r\n");
        SessionDescription original = SessionDescription.parse(captured);

        JingleSessionContents jingle = SdpToJingle.translate(original, role);
        JingleIq parsed = throughXml(jingle.children(), role);
        SessionDescription back = JingleToSdp.translate(parsed.getChildren(), role, "4611731400430051336");

        System.out.println(file + " — not carried by Jingle: " + jingle.unmapped().stream()
                .map(line -> line.substring(line.indexOf("a=") + 2).split(":")[0]).distinct().toList());
        assertThat(back.session().values("group")).isEqualTo(original.session().values("group"));
        assertThat(back.media()).hasSameSizeAs(original.media());
        for (int i = 0; i < original.media().size(); i++) {
            SdpSection expected = original.media().get(i);
            SdpSection actual = back.media().get(i);
            MediaLine expectedLine = expected.mediaLine();
            assertThat(actual.mediaLine().media()).isEqualTo(expectedLine.media());
            assertThat(actual.mediaLine().protocol()).isEqualTo(expectedLine.protocol());
            assertThat(actual.mediaLine().formats()).isEqualTo(expectedLine.formats());
            assertThat(normalised(actual, back.session()))
                    .as("section %d of %s, normalised", i, file)
                    .containsExactlyInAnyOrderElementsOf(normalised(expected, original.session()));
        }
        // And the SDP text parses again as the same thing.
        assertThat(SessionDescription.parse(back.toSdp()).toSdp()).isEqualTo(back.toSdp());
    }

    /** StanzaJS 12's session-accept describes only a group's first source and writes RED's fmtp as a bare name. */
    @org.junit.jupiter.api.Test
    void stanzaJsShapedJingleBecomesSdpChromiumTakes() throws Exception {
        String xml = "<iq from='dave@localhost/stanzajs' to='bob@localhost/gw' id='s1' type='set'>"
                + "<jingle xmlns='urn:xmpp:jingle:1' action='session-accept' sid='s1'>"
                + "<content creator='initiator' name='1'><description xmlns='urn:xmpp:jingle:apps:rtp:1' media='video'>"
                + "<payload-type id='96' name='VP8' clockrate='90000'/>"
                + "<payload-type id='63' name='red' clockrate='48000' channels='2'><parameter name='111/111'/></payload-type>"
                + "<source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='3304507864'><parameter name='cname' value='sdPB'/></source>"
                + "<ssrc-group xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' semantics='FID'>"
                + "<source ssrc='3304507864'/><source ssrc='2779943252'/></ssrc-group>"
                + "</description><transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='u' pwd='p'>"
                + "<candidate component='1' foundation='1' ip='127.0.0.1' port='50000' priority='2122260223'"
                + " protocol='udp' type='host'/></transport></content></jingle></iq>";
        JingleIq accept = (JingleIq) PacketParserUtils.<IQ>parseStanza(xml);

        List<String> lines = JingleToSdp.translate(accept.getChildren(), SdpRole.RESPONDER, "1").toSdp().lines().toList();

        assertThat(lines).contains("a=ssrc-group:FID 3304507864 2779943252", "a=ssrc:3304507864 cname:sdPB",
                "a=ssrc:2779943252 cname:sdPB", "a=fmtp:63 111/111");
    }

    static JingleIq throughXml(List<FullyQualifiedElement> children, SdpRole role) throws Exception {
        String action = role == SdpRole.INITIATOR ? "session-initiate" : "session-accept";
        String xml = "<iq from='romeo@montague.lit/orchard' to='juliet@capulet.lit/balcony' id='rt1' type='set'>"
                + "<jingle xmlns='urn:xmpp:jingle:1' action='" + action + "' sid='a73sjjvkla37jfea'>"
                + children.stream().map(c -> c.toXML().toString()).collect(Collectors.joining())
                + "</jingle></iq>";
        return (JingleIq) PacketParserUtils.<IQ>parseStanza(xml);
    }

    /**
     * The needed attributes of a section, session-level ones that apply to it included, each normalised: fmtp
     * parameters sorted, candidates without the extensions XEP-0176 has no place for, the session's
     * extmap-allow-mixed as the section's.
     */
    static List<String> normalised(SdpSection section, SdpSection session) {
        List<String> lines = new ArrayList<>();
        String mediaMsid = section.firstValue("msid").map(String::trim).orElse(null);
        for (SdpAttribute attribute : section.attributes()) {
            // An ssrc's msid that repeats the media-level one says nothing more (Chromium's answers leave it out,
            // XEP-0339 has only the source's, so the round trip writes both).
            boolean repeatsMediaMsid = "ssrc".equals(attribute.name()) && mediaMsid != null
                    && attribute.value().endsWith(" msid:" + mediaMsid);
            if (NEEDED.contains(attribute.name()) && !repeatsMediaMsid) {
                lines.add(normalise(attribute));
            }
        }
        if (session.has("extmap-allow-mixed") && !section.has("extmap-allow-mixed")
                && !section.mediaLine().isDataChannel()) {
            lines.add("extmap-allow-mixed");
        }
        return lines;
    }

    static String normalise(SdpAttribute attribute) {
        String value = attribute.value() == null ? null : attribute.value().trim();
        switch (attribute.name()) {
            case "fmtp" -> {
                int space = value.indexOf(' ');
                value = value.substring(0, space) + ' ' + Arrays.stream(value.substring(space + 1).split(";"))
                        .map(String::trim).sorted().collect(Collectors.joining(";"));
            }
            case "candidate" -> value = withoutCandidateExtensions(value, "network-cost", "ufrag");
            case "fingerprint" -> value = value.toUpperCase(java.util.Locale.ROOT);
            default -> {
            }
        }
        return value == null ? attribute.name() : attribute.name() + ':' + value;
    }

    static String withoutCandidateExtensions(String value, String... dropped) {
        String[] fields = value.split(" +");
        StringBuilder kept = new StringBuilder(String.join(" ", Arrays.copyOfRange(fields, 0, 8)));
        for (int i = 8; i + 1 < fields.length; i += 2) {
            if (!Arrays.asList(dropped).contains(fields[i])) {
                kept.append(' ').append(fields[i]).append(' ').append(fields[i + 1]);
            }
        }
        return kept.toString();
    }

    static String resource(String file) throws IOException {
        try (InputStream in = SdpJingleRoundTripTest.class.getResourceAsStream("/sdp/" + file)) {
            assertThat(in).as("test resource /sdp/%s", file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
