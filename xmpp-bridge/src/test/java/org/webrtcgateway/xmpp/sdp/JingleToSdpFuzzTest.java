package org.webrtcgateway.xmpp.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.junit.jupiter.api.Timeout;
import org.webrtcgateway.xmpp.jingle.JingleExtensions;
import org.webrtcgateway.xmpp.jingle.JingleIq;
import org.webrtcgateway.xmpp.jingle.JingleIqProvider;
import org.webrtcgateway.xmpp.jingle.iceudp.element.IceUdpTransport;
import org.webrtcgateway.xmpp.jingle.rtp.element.RtpDescription;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * A Jingle stanza from any XMPP peer, parsed by the bridge's providers and translated to the SDP a browser gets,
 * coverage-guided (ADR 0018). Seeds: XEP examples, what the bridge itself sends for Chromium's SDP, a StanzaJS-shaped
 * session-accept, and the findings kept in {@code JingleToSdpFuzzTestInputs/}.
 */
class JingleToSdpFuzzTest {

    static {
        JingleExtensions.registerAll();
    }

    /**
     * The bridge's parsers of {@code <jingle/>} (Smack parses the {@code <iq/>} around it) fail only in the ways Smack's
     * reader handles (anything else ends the XMPP connection); the translation refuses only with
     * IllegalArgumentException (answered bad-request); the SDP is well formed, with no line that the peer's values
     * could have added, one media section per content and every candidate.
     */
    @FuzzTest
    @Timeout(10)
    void jingleFromAnyPeerBecomesSdpWithNothingInjected(byte[] input) {
        JingleIq jingle;
        try {
            XmlPullParser parser = PacketParserUtils.getParserFor(new String(input, StandardCharsets.UTF_8));
            XmlPullParser.Event event;
            do {
                event = parser.next(); // to the <iq/>'s child
            } while (event != XmlPullParser.Event.START_ELEMENT && event != XmlPullParser.Event.END_DOCUMENT);
            if (event == XmlPullParser.Event.END_DOCUMENT) {
                return;
            }
            if (!JingleIq.ELEMENT.equals(parser.getName()) || !JingleIq.NAMESPACE.equals(parser.getNamespace())) {
                return;
            }
            jingle = JingleIqProvider.INSTANCE.parse(parser, StanzaBuilder.buildIqData("fuzz").ofType(IQ.Type.set));
        } catch (XmlPullParserException | SmackParsingException | IOException | IllegalArgumentException refused) {
            return; // what Smack 4.4's reader catches and hands to the parsing-exception callback
        } catch (Exception e) {
            throw new AssertionError("parsing <jingle/> threw what Smack's reader does not catch", e);
        }
        SessionDescription sdp;
        try {
            sdp = JingleToSdp.translate(jingle.getChildren(), SdpRole.INITIATOR, "4611731400430051336");
        } catch (IllegalArgumentException refused) {
            return;
        }

        List<JingleContent> contents = jingle.getContents();
        assertThat(sdp.media()).hasSameSizeAs(contents);
        for (int i = 0; i < contents.size(); i++) {
            JingleContent content = contents.get(i);
            SdpSection section = sdp.media().get(i);
            if (content.getTransport() instanceof IceUdpTransport transport) {
                assertThat(section.values(CandidateLines.ATTRIBUTE)).hasSameSizeAs(transport.getIceCandidates())
                        .allSatisfy(line -> assertThat(CandidateLines.toSdpValue(CandidateLines.toCandidate(line)))
                                .as("the candidate reads back field by field").isEqualToIgnoringCase(line));
            }
            if (content.getDescription() instanceof RtpDescription description) {
                assertThat(section.mediaLine().formats()).hasSameSizeAs(description.getPayloadTypes());
            }
        }
        isCleanSdp(sdp);
    }

    /**
     * Written out, the SDP has exactly the lines it was built from, each free of line breaks and NULs, and it parses
     * back to the same lines and fields: nothing a peer wrote in a value has become a line or a field of its own.
     */
    static void isCleanSdp(SessionDescription sdp) {
        String text = sdp.toSdp();
        int lines = sdp.session().otherLines().size() + sdp.session().attributes().size();
        for (SdpSection section : sdp.media()) {
            lines += 1 + section.otherLines().size() + section.attributes().size();
        }
        assertThat(text).endsWith("\r\n");
        List<String> written = List.of(text.substring(0, text.length() - 2).split("\r\n", -1));
        assertThat(written).as("the lines of%n%s", text).hasSize(lines);
        assertThat(written).allSatisfy(line -> assertThat(line.chars().noneMatch(c -> c == '\r' || c == '\n' || c == 0))
                .as("no line break or NUL in %s", line).isTrue());
        SessionDescription reread = SessionDescription.parse(text);
        assertThat(reread.toSdp()).isEqualTo(text);
        sameLines(reread.session(), sdp.session());
        assertThat(reread.media()).hasSameSizeAs(sdp.media());
        for (int i = 0; i < sdp.media().size(); i++) {
            assertThat(reread.media().get(i).mediaLine()).isEqualTo(sdp.media().get(i).mediaLine());
            sameLines(reread.media().get(i), sdp.media().get(i));
        }
    }

    private static void sameLines(SdpSection reread, SdpSection written) {
        assertThat(reread.otherLines()).isEqualTo(written.otherLines());
        assertThat(reread.attributes()).as("the attributes, reread").isEqualTo(written.attributes());
    }
}
