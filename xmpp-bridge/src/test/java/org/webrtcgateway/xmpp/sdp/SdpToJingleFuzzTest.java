package org.webrtcgateway.xmpp.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Timeout;
import org.webrtcgateway.xmpp.jingle.JingleExtensions;
import org.webrtcgateway.xmpp.jingle.JingleIq;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * A browser's SDP to the Jingle the XMPP bridge sends, and back to SDP as the peer's browser gets it, coverage-guided
 * (ADR 0018). Seeds: the Chromium offers and answers of {@code src/test/resources/sdp/} and the findings kept in
 * {@code SdpToJingleFuzzTestInputs/}.
 */
class SdpToJingleFuzzTest {

    static {
        JingleExtensions.registerAll();
    }

    /**
     * Any SDP is translated or refused with IllegalArgumentException (which the bridge answers with bad-message),
     * never another exception; what is translated is XML the peer's server can parse, and it comes back as SDP with
     * the same media sections, codecs and candidates.
     */
    @FuzzTest
    @Timeout(10)
    void sdpBecomesJingleThatCarriesItsCodecsAndCandidates(byte[] input) throws Exception {
        SdpRole role = input.length % 2 == 0 ? SdpRole.INITIATOR : SdpRole.RESPONDER;
        SessionDescription original;
        JingleSessionContents jingle;
        try {
            original = SessionDescription.parse(new String(input, StandardCharsets.UTF_8));
            jingle = SdpToJingle.translate(original, role);
        } catch (IllegalArgumentException refused) {
            return;
        }

        JingleIq parsed = SdpJingleRoundTripTest.throughXml(jingle.children(), role);
        SessionDescription back = JingleToSdp.translate(parsed.getChildren(), role, "4611731400430051336");

        assertThat(back.media()).hasSameSizeAs(original.media());
        for (int i = 0; i < original.media().size(); i++) {
            SdpSection was = original.media().get(i);
            SdpSection is = back.media().get(i);
            if (was.mediaLine().isDataChannel()) {
                assertThat(is.mediaLine().isDataChannel()).isTrue();
                continue;
            }
            assertThat(is.mediaLine().media()).isEqualTo(was.mediaLine().media());
            assertThat(is.mediaLine().formats()).as("payload types").isEqualTo(was.mediaLine().formats()
                    .stream().map(f -> Integer.toString(Integer.parseInt(f))).toList());
            for (String format : was.mediaLine().formats()) {
                Optional<String> rtpmap = codec(was, format);
                if (rtpmap.isPresent()) {
                    assertThat(codec(is, Integer.toString(Integer.parseInt(format)))).as("rtpmap of %s", format)
                            .isPresent();
                }
            }
            assertThat(candidates(is)).as("candidates of section %d", i).isEqualTo(candidates(was));
        }
        JingleToSdpFuzzTest.isCleanSdp(back);
    }

    private static Optional<String> codec(SdpSection section, String format) {
        return section.values("rtpmap").stream().filter(v -> v != null && v.startsWith(format + " ")).findFirst();
    }

    /** The candidates as XEP-0176 carries them (the extensions it has no place for dropped). */
    private static List<String> candidates(SdpSection section) {
        return section.values(CandidateLines.ATTRIBUTE).stream()
                .map(line -> CandidateLines.toSdpValue(CandidateLines.toCandidate(line))).toList();
    }
}
