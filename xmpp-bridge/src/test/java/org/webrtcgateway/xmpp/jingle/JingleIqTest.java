package org.webrtcgateway.xmpp.jingle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.JULIET;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.PWD;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.ROMEO;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.UFRAG;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.XEP_0176_EXAMPLE_1;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.XEP_0176_EXAMPLE_1_HOST_CANDIDATE;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.XEP_0176_EXAMPLE_1_SRFLX_CANDIDATE;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.XEP_0176_EXAMPLE_3;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.XEP_0176_EXAMPLE_4;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.XEP_0176_EXAMPLE_5;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.XEP_0176_EXAMPLE_7;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.XEP_0320_EXAMPLE_1;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.XEP_0320_EXAMPLE_1_FINGERPRINT;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.XEP_0320_EXAMPLE_2;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.XEP_0320_EXAMPLE_3;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.XEP_0338_ELISION;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.XEP_0338_SECTION_2_SESSION_INITIATE;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.content;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.iceUdpTransport;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.jingleIq;
import static org.webrtcgateway.xmpp.jingle.XmlAssert.assertEquivalentElement;

import java.util.List;
import java.util.stream.Stream;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smackx.jingle.element.JingleAction;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.jivesoftware.smackx.jingle.element.UnknownJingleContentDescription;
import org.jivesoftware.smackx.jingle.element.UnknownJingleContentTransport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.webrtcgateway.xmpp.jingle.dtls.element.DtlsFingerprint;
import org.webrtcgateway.xmpp.jingle.grouping.element.ContentGroup;
import org.webrtcgateway.xmpp.jingle.hdrext.element.RtpHeaderExtension;
import org.webrtcgateway.xmpp.jingle.iceudp.element.IceUdpCandidate;
import org.webrtcgateway.xmpp.jingle.iceudp.element.IceUdpTransport;
import org.webrtcgateway.xmpp.jingle.rtcpfb.element.RtcpFb;
import org.webrtcgateway.xmpp.jingle.rtp.element.PayloadType;
import org.webrtcgateway.xmpp.jingle.rtp.element.RtpDescription;
import org.webrtcgateway.xmpp.jingle.ssma.element.MediaSource;
import org.webrtcgateway.xmpp.jingle.ssma.element.SsrcGroup;

/**
 * Whole Jingle IQs as they come off the connection once the bridge has registered its parser: XEP-0166's own
 * examples (version 1.1.2), those of XEP-0167 (1.2.3) that are about the IQ rather than the RTP description, and
 * every Jingle IQ example of XEP-0176 (1.1.1), XEP-0320 (1.0.0) and XEP-0338 (1.0.0), each parsed and written back.
 * Example numbers are those of the XEP as published at that version.
 */
class JingleIqTest {

    /** What a browser's offer (audio and video, bundled, DTLS-SRTP over ICE) becomes in Jingle: no XEP's example. */
    private static final String WEBRTC_SESSION_INITIATE = jingleIq(ROMEO, "w3b7tc01", JULIET,
            "action='session-initiate' initiator='" + ROMEO + "' sid='8f3a0c5e1b'",
            """
            <group xmlns='urn:xmpp:jingle:apps:grouping:0' semantics='BUNDLE'>
              <content name='0'/>
              <content name='1'/>
            </group>
            """,
            content("creator='initiator' name='0' senders='both'", """
                    <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>
                      <payload-type id='111' name='opus' clockrate='48000' channels='2'>
                        <parameter name='minptime' value='10'/>
                        <parameter name='useinbandfec' value='1'/>
                        <rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='transport-cc'/>
                      </payload-type>
                      <payload-type id='0' name='PCMU' clockrate='8000'/>
                      <rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' id='4'
                                  uri='urn:ietf:params:rtp-hdrext:sdes:mid'/>
                      <source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='3735928559'>
                        <parameter name='cname' value='c1'/>
                        <parameter name='msid' value='stream audio-track'/>
                      </source>
                      <rtcp-mux/>
                    </description>
                    """,
                    iceUdpTransport(UFRAG, PWD, XEP_0320_EXAMPLE_1_FINGERPRINT, XEP_0176_EXAMPLE_1_HOST_CANDIDATE,
                            XEP_0176_EXAMPLE_1_SRFLX_CANDIDATE)),
            content("creator='initiator' name='1' senders='both'", """
                    <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='video'>
                      <payload-type id='96' name='VP8' clockrate='90000'>
                        <rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='nack'/>
                        <rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='nack' subtype='pli'/>
                      </payload-type>
                      <payload-type id='97' name='rtx' clockrate='90000'>
                        <parameter name='apt' value='96'/>
                      </payload-type>
                      <rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' id='4'
                                  uri='urn:ietf:params:rtp-hdrext:sdes:mid'/>
                      <ssrc-group xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' semantics='FID'>
                        <source ssrc='1111'/>
                        <source ssrc='2222'/>
                      </ssrc-group>
                      <source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='1111'>
                        <parameter name='cname' value='c1'/>
                      </source>
                      <source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='2222'>
                        <parameter name='cname' value='c1'/>
                      </source>
                      <rtcp-mux/>
                    </description>
                    """,
                    iceUdpTransport(UFRAG, PWD, XEP_0320_EXAMPLE_1_FINGERPRINT)));

    /** XEP-0166 example 1, "Initiator sends session-initiate (stub)": a description and a transport of no XEP. */
    private static final String XEP_0166_EXAMPLE_1 = """
            <iq from='romeo@montague.lit/orchard'
                id='zid615d9'
                to='juliet@capulet.lit/balcony'
                type='set'>
              <jingle xmlns='urn:xmpp:jingle:1'
                      action='session-initiate'
                      initiator='romeo@montague.lit/orchard'
                      sid='a73sjjvkla37jfea'>
                <content creator='initiator' name='this-is-a-stub'>
                  <description xmlns='urn:xmpp:jingle:apps:stub:0'/>
                  <transport xmlns='urn:xmpp:jingle:transports:stub:0'/>
                </content>
              </jingle>
            </iq>
            """;

    /** XEP-0166 example 2, "Responder definitively accepts the session": a responder, no initiator. */
    private static final String XEP_0166_EXAMPLE_2 = """
            <iq from='juliet@capulet.lit/balcony'
                id='rc61n59s'
                to='romeo@montague.lit/orchard'
                type='set'>
              <jingle xmlns='urn:xmpp:jingle:1'
                      action='session-accept'
                      responder='juliet@capulet.lit/balcony'
                      sid='a73sjjvkla37jfea'>
                <content creator='initiator' name='this-is-a-stub'>
                  <description xmlns='urn:xmpp:jingle:apps:stub:0'/>
                  <transport xmlns='urn:xmpp:jingle:transports:stub:0'/>
                </content>
              </jingle>
            </iq>
            """;

    /** XEP-0166 example 6, "Responder definitively accepts the session": an ICE-UDP transport without ufrag/pwd. */
    private static final String XEP_0166_EXAMPLE_6 = """
            <iq from='juliet@capulet.lit/balcony'
                id='yd71f495'
                to='romeo@montague.lit/orchard'
                type='set'>
              <jingle xmlns='urn:xmpp:jingle:1'
                      action='session-accept'
                      responder='juliet@capulet.lit/balcony'
                      sid='a73sjjvkla37jfea'>
                <content creator='initiator' name='voice'>
                  <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>
                    <payload-type id='97' name='speex' clockrate='8000'/>
                    <payload-type id='18' name='G729'/>
                  </description>
                  <transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'>
                    <candidate component='1'
                               foundation='1'
                               generation='0'
                               id='or2ii2syr1'
                               ip='192.0.2.1'
                               network='0'
                               port='3478'
                               priority='2130706431'
                               protocol='udp'
                               type='host'/>
                  </transport>
                </content>
              </jingle>
            </iq>
            """;

    /** XEP-0166 example 8, "Responder terminates the session", with a reason and its text. */
    private static final String XEP_0166_EXAMPLE_8 = """
            <iq from='juliet@capulet.lit/balcony'
                id='vua614d9'
                to='romeo@montague.lit/orchard'
                type='set'>
              <jingle xmlns='urn:xmpp:jingle:1'
                      action='session-terminate'
                      sid='a73sjjvkla37jfea'>
                <reason>
                  <success/>
                  <text>Sorry, gotta go!</text>
                </reason>
              </jingle>
            </iq>
            """;

    /**
     * XEP-0166 examples 3 and 19 to 27, "Terminating the session (...)": each is this with its id and its reason's one
     * condition element (all but example 22's, whose condition has a child).
     */
    private static final String XEP_0166_SESSION_TERMINATE_TEMPLATE = """
            <iq from='juliet@capulet.lit/balcony'
                id='%s'
                to='romeo@montague.lit/orchard'
                type='set'>
              <jingle xmlns='urn:xmpp:jingle:1'
                      action='session-terminate'
                      sid='a73sjjvkla37jfea'>
                <reason>
                  %s
                </reason>
              </jingle>
            </iq>
            """;

    /** XEP-0166 example 22, "Terminating the session (existing session)": the alternative session's sid, indented. */
    private static final String XEP_0166_EXAMPLE_22 = """
            <iq from='juliet@capulet.lit/balcony'
                id='ay3r2b86'
                to='romeo@montague.lit/orchard'
                type='set'>
              <jingle xmlns='urn:xmpp:jingle:1'
                      action='session-terminate'
                      sid='a73sjjvkla37jfea'>
                <reason>
                  <alternative-session>
                    <sid>b84tkkwlmb48kgfb</sid>
                  </alternative-session>
                </reason>
              </jingle>
            </iq>
            """;

    /**
     * XEP-0166 example 30, "Responder sends ringing message": its namespace 'urn:xmpp:jingle:apps:rtp:1:info' is a
     * typo of XEP-0167's 'urn:xmpp:jingle:apps:rtp:info:1', so it is an unknown element here, kept as it came.
     */
    private static final String XEP_0166_EXAMPLE_30 = """
            <iq from='juliet@capulet.lit/balcony'
                id='hq7rg186'
                to='romeo@montague.lit/orchard'
                type='set'>
              <jingle xmlns='urn:xmpp:jingle:1'
                      action='session-info'
                      sid='a73sjjvkla37jfea'>
                <ringing xmlns='urn:xmpp:jingle:apps:rtp:1:info'/>
              </jingle>
            </iq>
            """;

    /** XEP-0166 example 32, "Responder sends session ping": a session-info without payload. */
    private static final String XEP_0166_EXAMPLE_32 = """
            <iq from='juliet@capulet.lit/balcony'
                id='ug37vb25'
                to='romeo@montague.lit/orchard'
                type='set'>
              <jingle xmlns='urn:xmpp:jingle:1'
                      action='session-info'
                      sid='a73sjjvkla37jfea'/>
            </iq>
            """;

    /** XEP-0166 example 35, "Initiator sends session-initiate with security precondition (stub)". */
    private static final String XEP_0166_EXAMPLE_35 = """
            <iq from='romeo@montague.lit/orchard'
                id='tiw51bv9'
                to='juliet@capulet.lit/balcony'
                type='set'>
              <jingle xmlns='urn:xmpp:jingle:1'
                      action='session-initiate'
                      initiator='romeo@montague.lit/orchard'
                      sid='a73sjjvkla37jfea'>
                <content creator='initiator' name='this-is-a-stub'>
                  <description xmlns='urn:xmpp:jingle:apps:stub:0'/>
                  <transport xmlns='urn:xmpp:jingle:transports:stub:0'/>
                  <security xmlns='urn:xmpp:jingle:security:stub:0'/>
                </content>
              </jingle>
            </iq>
            """;

    /** XEP-0166 example 36, "Initiator sends security-info message": a content with only a security child. */
    private static final String XEP_0166_EXAMPLE_36 = """
            <iq from='romeo@montague.lit/orchard'
                id='zyw6m167'
                to='juliet@capulet.lit/balcony'
                type='set'>
              <jingle xmlns='urn:xmpp:jingle:1'
                      action='security-info'
                      sid='a73sjjvkla37jfea'>
                <content creator='initiator' name='xmlstream'>
                  <security xmlns='urn:xmpp:jingle:security:xtls:0'>
                    <method name='x509'/>
                  </security>
                </content>
              </jingle>
            </iq>
            """;

    /** XEP-0167 example 5, "Responder terminates session because of invalid crypto": a reason with an RTP detail. */
    private static final String XEP_0167_EXAMPLE_5 = """
            <iq from='juliet@capulet.lit/balcony'
                id='nv71c396'
                to='romeo@montague.lit/orchard'
                type='set'>
              <jingle xmlns='urn:xmpp:jingle:1'
                      action='session-terminate'
                      initiator='romeo@montague.lit/orchard'
                      sid='a73sjjvkla37jfea'>
                <reason>
                  <security-error/>
                  <invalid-crypto xmlns='urn:xmpp:jingle:apps:rtp:errors:1'/>
                </reason>
              </jingle>
            </iq>
            """;

    /** XEP-0167 example 11, "Responder sends mute message": an informational payload with attributes. */
    private static final String XEP_0167_EXAMPLE_11 = """
            <iq from='juliet@capulet.lit/balcony'
                id='hg4891f5'
                to='romeo@montague.lit/orchard'
                type='set'>
              <jingle xmlns='urn:xmpp:jingle:1'
                      action='session-info'
                      initiator='romeo@montague.lit/orchard'
                      sid='a73sjjvkla37jfea'>
                <mute xmlns='urn:xmpp:jingle:apps:rtp:info:1'
                      creator='responder'
                      name='voice'/>
              </jingle>
            </iq>
            """;

    /** XEP-0167 example 13, "Responder sends ringing message". */
    private static final String XEP_0167_EXAMPLE_13 = """
            <iq from='juliet@capulet.lit/balcony'
                id='tgr515bt'
                to='romeo@montague.lit/orchard'
                type='set'>
              <jingle xmlns='urn:xmpp:jingle:1'
                      action='session-info'
                      initiator='romeo@montague.lit/orchard'
                      sid='a73sjjvkla37jfea'>
                <ringing xmlns='urn:xmpp:jingle:apps:rtp:info:1'/>
              </jingle>
            </iq>
            """;

    /** XEP-0167 example 14, "Entity sends application parameters": a description-info without transport. */
    private static final String XEP_0167_EXAMPLE_14 = """
            <iq from='romeo@montague.lit/orchard'
                id='pq6x5v37'
                to='juliet@capulet.lit/balcony'
                type='set'>
              <jingle xmlns='urn:xmpp:jingle:1'
                      action='description-info'
                      initiator='romeo@montague.lit/orchard'
                      sid='a73sjjvkla37jfea'>
                <content creator='initiator' name='webcam'>
                  <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='video'>
                    <payload-type id='98' name='theora' clockrate='90000'>
                      <parameter name='height' value='768'/>
                      <parameter name='width' value='1024'/>
                    </payload-type>
                  </description>
                </content>
              </jingle>
            </iq>
            """;

    /**
     * XEP-0167 example 43, "Adding video": a content-add whose transport is of 'urn:xmpp:jingle:transports:ice-udp:0',
     * a namespace XEP-0176 no longer has, so an unknown transport here.
     */
    private static final String XEP_0167_EXAMPLE_43 = """
            <iq from='romeo@montague.lit/orchard'
                id='ij6s4198'
                to='juliet@capulet.lit/balcony'
                type='set'>
              <jingle xmlns='urn:xmpp:jingle:1'
                      action='content-add'
                      initiator='romeo@montague.lit/orchard'
                      sid='a73sjjvkla37jfea'>
                <content creator='initiator' name='webcam'>
                  <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='video'>
                    <payload-type id='98' name='theora' clockrate='90000'>
                      <parameter name='height' value='600'/>
                      <parameter name='width' value='800'/>
                      <parameter name='delivery-method' value='inline'/>
                      <parameter name='configuration' value='somebase16string'/>
                      <parameter name='sampling' value='YCbCr-4:2:2'/>
                    </payload-type>
                    <payload-type id='28' name='nv' clockrate='90000'/>
                    <payload-type id='25' name='CelB' clockrate='90000'/>
                    <payload-type id='32' name='MPV' clockrate='90000'/>
                    <bandwidth type='AS'>128</bandwidth>
                  </description>
                  <transport xmlns='urn:xmpp:jingle:transports:ice-udp:0'/>
                </content>
              </jingle>
            </iq>
            """;

    /** XEP-0167 example 45, "Responder sends content-modify": a content with only its senders. */
    private static final String XEP_0167_EXAMPLE_45 = """
            <iq from='juliet@capulet.lit/balcony'
                id='rh49l1k4'
                to='romeo@montague.lit/orchard'
                type='set'>
              <jingle xmlns='urn:xmpp:jingle:1'
                      action='content-modify'
                      initiator='romeo@montague.lit/orchard'
                      sid='a73sjjvkla37jfea'>
                <content creator='initiator' name='webcam' senders='initiator'/>
              </jingle>
            </iq>
            """;

    /**
     * XEP-0167 example 47, "Alternate flow: responder sends content-reject": a content and a reason (its 'from',
     * juliet@montague.lit, is the XEP's).
     */
    private static final String XEP_0167_EXAMPLE_47 = """
            <iq from='juliet@montague.lit/balcony'
                id='vx2s91a6'
                to='romeo@montague.lit/orchard'
                type='set'>
              <jingle xmlns='urn:xmpp:jingle:1'
                      action='content-reject'
                      initiator='romeo@montague.lit/orchard'
                      sid='a73sjjvkla37jfea'>
                <content creator='initiator' name='webcam'>
                  <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='video'>
                    <payload-type id='101' name='H263-1998' clockrate='90000'/>
                    <payload-type id='102' name='H263-2000' clockrate='90000'/>
                  </description>
                  <transport xmlns='urn:xmpp:jingle:transports:ice-udp:0'/>
                </content>
                <reason>
                  <failed-application/>
                </reason>
              </jingle>
            </iq>
            """;

    /** XEP-0167 example 54, "Initiator sends session-terminate": a reason text with an entity reference. */
    private static final String XEP_0167_EXAMPLE_54 = """
            <iq from='romeo@montague.lit/orchard'
                id='fl2v387j'
                to='juliet@capulet.lit/balcony'
                type='set'>
              <jingle xmlns='urn:xmpp:jingle:1'
                      action='session-terminate'
                      initiator='romeo@montague.lit/orchard'
                      sid='a73sjjvkla37jfea'>
                <reason>
                  <success/>
                  <text>I&apos;m outta here!</text>
                </reason>
              </jingle>
            </iq>
            """;

    /** XEP-0176 example 11, "Gateway sends transport-replace on behalf of responder": XEP-0177's raw-udp transport. */
    private static final String XEP_0176_EXAMPLE_11 = """
            <iq from='juliet@capulet.lit/balcony'
                id='hy2gd714'
                to='romeo@montague.lit/orchard'
                type='set'>
              <jingle xmlns='urn:xmpp:jingle:1'
                      action='transport-replace'
                      initiator='romeo@montague.lit/orchard'
                      sid='a73sjjvkla37jfea'>
                <content creator='initiator' name='voice1'>
                  <transport xmlns='urn:xmpp:jingle:transports:raw-udp:1'>
                    <candidate generation='0'
                               id='a9j3mnbtu1'
                               ip='10.1.1.104'
                               port='13540'/>
                  </transport>
                </content>
              </jingle>
            </iq>
            """;

    /** XEP-0176 example 15, "Responder sends session-accept": an empty raw-udp transport. */
    private static final String XEP_0176_EXAMPLE_15 = """
            <iq from='juliet@capulet.lit/balcony'
                id='ijf61d43'
                to='romeo@montague.lit/orchard'
                type='set'>
              <jingle xmlns='urn:xmpp:jingle:1'
                      action='session-accept'
                      initiator='romeo@montague.lit/orchard'
                      responder='juliet@capulet.lit/balcony'
                      sid='a73sjjvkla37jfea'>
                <content creator='initiator' name='voice'>
                  <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>
                    <payload-type id='18' name='G729'/>
                  </description>
                  <transport xmlns='urn:xmpp:jingle:transports:raw-udp:1'/>
                </content>
              </jingle>
            </iq>
            """;

    @BeforeAll
    static void registerAll() {
        JingleExtensions.registerAll();
    }

    private static JingleIq parse(String iq) throws Exception {
        return (JingleIq) PacketParserUtils.<IQ>parseStanza(iq);
    }

    private static void assertWritesBackEquivalent(JingleIq jingle, String iq) {
        assertEquivalentElement(jingle.toXML(), iq, JingleIq.NAMESPACE, JingleIq.ELEMENT);
    }

    /** The Jingle IQ examples of the XEPs, by name, that are read and written back whole. */
    static Stream<Arguments> xepExamples() {
        return Stream.of(
                Arguments.of("XEP-0166 example 1", XEP_0166_EXAMPLE_1),
                Arguments.of("XEP-0166 example 2", XEP_0166_EXAMPLE_2),
                Arguments.of("XEP-0166 example 6", XEP_0166_EXAMPLE_6),
                Arguments.of("XEP-0166 example 8", XEP_0166_EXAMPLE_8),
                Arguments.of("XEP-0166 example 22", XEP_0166_EXAMPLE_22),
                Arguments.of("XEP-0166 example 30", XEP_0166_EXAMPLE_30),
                Arguments.of("XEP-0166 example 32", XEP_0166_EXAMPLE_32),
                Arguments.of("XEP-0167 example 5", XEP_0167_EXAMPLE_5),
                Arguments.of("XEP-0167 example 11", XEP_0167_EXAMPLE_11),
                Arguments.of("XEP-0167 example 13", XEP_0167_EXAMPLE_13),
                Arguments.of("XEP-0167 example 14", XEP_0167_EXAMPLE_14),
                Arguments.of("XEP-0167 example 43", XEP_0167_EXAMPLE_43),
                Arguments.of("XEP-0167 example 45", XEP_0167_EXAMPLE_45),
                Arguments.of("XEP-0167 example 47", XEP_0167_EXAMPLE_47),
                Arguments.of("XEP-0167 example 54", XEP_0167_EXAMPLE_54),
                Arguments.of("XEP-0176 example 1", XEP_0176_EXAMPLE_1),
                Arguments.of("XEP-0176 example 3", XEP_0176_EXAMPLE_3),
                Arguments.of("XEP-0176 example 4", XEP_0176_EXAMPLE_4),
                Arguments.of("XEP-0176 example 5", XEP_0176_EXAMPLE_5),
                Arguments.of("XEP-0176 example 7", XEP_0176_EXAMPLE_7),
                Arguments.of("XEP-0176 example 11", XEP_0176_EXAMPLE_11),
                Arguments.of("XEP-0176 example 15", XEP_0176_EXAMPLE_15),
                Arguments.of("XEP-0320 example 1", XEP_0320_EXAMPLE_1),
                Arguments.of("XEP-0320 example 2", XEP_0320_EXAMPLE_2),
                Arguments.of("XEP-0320 example 3", XEP_0320_EXAMPLE_3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("xepExamples")
    void xepExampleIsReadAndWrittenBackEquivalently(String example, String iq) throws Exception {
        JingleIq jingle = parse(iq);

        assertWritesBackEquivalent(jingle, iq);
    }

    @Test
    void xep0338ExampleKeepsTheGroupBeforeTheContents() throws Exception {
        JingleIq jingle = parse(XEP_0338_SECTION_2_SESSION_INITIATE);

        assertThat(jingle.getAction()).isEqualTo(JingleAction.session_initiate);
        assertThat(jingle.getSessionId()).isEqualTo("a73sjjvkla37jfea");
        assertThat(jingle.getInitiator().toString()).isEqualTo("romeo@montague.lit/orchard");
        assertThat(jingle.getChildren()).hasExactlyElementsOfTypes(ContentGroup.class, JingleContent.class,
                JingleContent.class);
        assertThat(jingle.getChildren(ContentGroup.class))
                .containsExactly(new ContentGroup(ContentGroup.BUNDLE, List.of("voice", "webcam")));
        assertThat(jingle.getContents()).extracting(JingleContent::getName).containsExactly("voice", "webcam");
        // The XEP's elision "[ ... ]" is text in a <content/>, which has none: it is not read.
        assertWritesBackEquivalent(jingle, XEP_0338_SECTION_2_SESSION_INITIATE.replace(XEP_0338_ELISION, ""));
    }

    @Test
    void webRtcSessionInitiateHasEveryPartTyped() throws Exception {
        JingleIq jingle = parse(WEBRTC_SESSION_INITIATE);

        assertThat(jingle.getChildren(ContentGroup.class)).singleElement()
                .extracting(ContentGroup::getContentNames).isEqualTo(List.of("0", "1"));
        List<JingleContent> contents = jingle.getContents();
        assertThat(contents).extracting(JingleContent::getSenders)
                .containsExactly(JingleContent.Senders.both, JingleContent.Senders.both);

        RtpDescription audio = (RtpDescription) contents.get(0).getDescription();
        assertThat(audio.getPayloadTypes()).extracting(PayloadType::getName).containsExactly("opus", "PCMU");
        assertThat(audio.getPayloadType(111).getChildElements(RtcpFb.class)).extracting(RtcpFb::getType)
                .containsExactly("transport-cc");
        assertThat(audio.getChildElements(RtpHeaderExtension.class)).extracting(RtpHeaderExtension::getUri)
                .containsExactly("urn:ietf:params:rtp-hdrext:sdes:mid");
        assertThat(audio.getChildElements(MediaSource.class)).singleElement()
                .extracting(MediaSource::getSsrc).isEqualTo(3735928559L);
        RtpDescription video = (RtpDescription) contents.get(1).getDescription();
        assertThat(video.getChildElements(SsrcGroup.class)).singleElement()
                .extracting(SsrcGroup::getSsrcs).isEqualTo(List.of(1111L, 2222L));

        IceUdpTransport transport = (IceUdpTransport) contents.get(0).getTransport();
        assertThat(transport.getExtensions(DtlsFingerprint.class)).singleElement()
                .extracting(DtlsFingerprint::getSetup).isEqualTo(DtlsFingerprint.Setup.ACTPASS);
        assertThat(transport.getIceCandidates()).extracting(IceUdpCandidate::getType)
                .containsExactly(IceUdpCandidate.Type.HOST, IceUdpCandidate.Type.SRFLX);
        assertThat(contents.get(1).getTransport()).isInstanceOf(IceUdpTransport.class);

        assertWritesBackEquivalent(jingle, WEBRTC_SESSION_INITIATE);
    }

    @Test
    void stubSessionOfXep0166KeepsTheDescriptionAndTransportItHasNoProviderFor() throws Exception {
        JingleIq initiate = parse(XEP_0166_EXAMPLE_1);
        JingleIq accept = parse(XEP_0166_EXAMPLE_2);

        assertThat(initiate.getInitiator().toString()).isEqualTo(ROMEO);
        assertThat(initiate.getContents()).singleElement().satisfies(content -> {
            assertThat(content.getName()).isEqualTo("this-is-a-stub");
            assertThat(content.getDescription()).isInstanceOf(UnknownJingleContentDescription.class);
            assertThat(content.getDescription().getNamespace()).isEqualTo("urn:xmpp:jingle:apps:stub:0");
            assertThat(content.getTransport()).isInstanceOf(UnknownJingleContentTransport.class);
            assertThat(content.getTransport().getNamespace()).isEqualTo("urn:xmpp:jingle:transports:stub:0");
        });
        assertThat(accept.getAction()).isEqualTo(JingleAction.session_accept);
        assertThat(accept.getInitiator() == null).as("no initiator").isTrue();
        assertThat(accept.getResponder().toString()).isEqualTo(JULIET);
    }

    @Test
    void sessionAcceptOfXep0166HasAnIceUdpTransportWithoutCredentials() throws Exception {
        JingleIq jingle = parse(XEP_0166_EXAMPLE_6);

        IceUdpTransport transport = (IceUdpTransport) jingle.getContents().get(0).getTransport();
        assertThat(transport.getUfrag()).isNull();
        assertThat(transport.getPwd()).isNull();
        assertThat(transport.getIceCandidates()).extracting(IceUdpCandidate::getId).containsExactly("or2ii2syr1");
    }

    @Test
    void sessionTerminateCarriesItsReason() throws Exception {
        JingleIq jingle = parse(XEP_0166_EXAMPLE_8);

        assertThat(jingle.getAction()).isEqualTo(JingleAction.session_terminate);
        assertThat(jingle.getInitiator() == null).as("no initiator").isTrue();
        assertThat(jingle.getReason().asEnum()).isEqualTo(JingleReason.Reason.success);
        assertThat(jingle.getReason().getText()).isEqualTo("Sorry, gotta go!");
        assertWritesBackEquivalent(jingle, XEP_0166_EXAMPLE_8);
    }

    @Test
    void alternativeSessionOfXep0166IsReadThoughItsSidIsIndented() throws Exception {
        // Smack's own reason parser would miss the sid after the white space.
        JingleIq jingle = parse(XEP_0166_EXAMPLE_22);

        assertThat(jingle.getReason()).isInstanceOfSatisfying(JingleReason.AlternativeSession.class,
                reason -> assertThat(reason.getAlternativeSessionId()).isEqualTo("b84tkkwlmb48kgfb"));
    }

    @ParameterizedTest(name = "XEP-0166 example {0}: {2}")
    @CsvSource({
        "3, le71fa63, success",
        "19, bv81gs75, success",
        "20, hr81fs63, busy",
        "21, ky47g295, decline",
        "23, h82bs51g, unsupported-transports",
        "24, pe81ga88, failed-transport",
        "25, yd62vd67, unsupported-applications",
        "26, kd82vs71, failed-application",
        "27, hb3m59s7, incompatible-parameters",
    })
    void everyTerminationExampleOfXep0166IsReadAndWrittenBack(int example, String id, String condition)
            throws Exception {
        String iq = XEP_0166_SESSION_TERMINATE_TEMPLATE.formatted(id, "<" + condition + "/>");

        JingleIq jingle = parse(iq);

        assertThat(jingle.getReason().asEnum()).isEqualTo(JingleReason.Reason.fromString(condition));
        assertThat(jingle.getReason().getText()).isNull();
        assertWritesBackEquivalent(jingle, iq);
    }

    @Test
    void securityErrorOfXep0167KeepsItsRtpSpecificCondition() throws Exception {
        JingleIq jingle = parse(XEP_0167_EXAMPLE_5);

        assertThat(jingle.getReason().asEnum()).isEqualTo(JingleReason.Reason.security_error);
        assertThat(jingle.getReason().getElement()).satisfies(detail -> {
            assertThat(detail.getElementName()).isEqualTo("invalid-crypto");
            assertThat(detail.getNamespace()).isEqualTo("urn:xmpp:jingle:apps:rtp:errors:1");
        });
    }

    @Test
    void reasonTextWithAnEntityReferenceIsReadAsItsCharacter() throws Exception {
        JingleIq jingle = parse(XEP_0167_EXAMPLE_54);

        assertThat(jingle.getReason().getText()).isEqualTo("I'm outta here!");
    }

    @Test
    void sessionInfoPayloadsAreKeptAsTheyCame() throws Exception {
        JingleIq ringing = parse(XEP_0167_EXAMPLE_13);
        JingleIq mute = parse(XEP_0167_EXAMPLE_11);
        JingleIq ringingOfXep0166 = parse(XEP_0166_EXAMPLE_30);
        JingleIq ping = parse(XEP_0166_EXAMPLE_32);

        assertThat(ringing.getAction()).isEqualTo(JingleAction.session_info);
        assertThat(ringing.getChildren()).singleElement().satisfies(payload -> {
            assertThat(payload.getElementName()).isEqualTo("ringing");
            assertThat(payload.getNamespace()).isEqualTo("urn:xmpp:jingle:apps:rtp:info:1");
        });
        assertThat(mute.getChildren()).singleElement().isInstanceOfSatisfying(StandardExtensionElement.class,
                payload -> {
                    assertThat(payload.getElementName()).isEqualTo("mute");
                    assertThat(payload.getAttributeValue("creator")).isEqualTo("responder");
                    assertThat(payload.getAttributeValue("name")).isEqualTo("voice");
                });
        assertThat(ringingOfXep0166.getChildren()).singleElement()
                .extracting(payload -> payload.getNamespace()).isEqualTo("urn:xmpp:jingle:apps:rtp:1:info");
        assertThat(ping.getAction()).isEqualTo(JingleAction.session_info);
        assertThat(ping.getChildren()).isEmpty();
    }

    @Test
    void contentActionsOfXep0167HaveTheirContentsAndReason() throws Exception {
        JingleIq add = parse(XEP_0167_EXAMPLE_43);
        JingleIq modify = parse(XEP_0167_EXAMPLE_45);
        JingleIq reject = parse(XEP_0167_EXAMPLE_47);
        JingleIq descriptionInfo = parse(XEP_0167_EXAMPLE_14);

        assertThat(add.getAction()).isEqualTo(JingleAction.content_add);
        JingleContent webcam = add.getContents().get(0);
        assertThat(webcam.getDescription()).isInstanceOfSatisfying(RtpDescription.class, video -> {
            assertThat(video.getPayloadTypes()).extracting(PayloadType::getId).containsExactly(98, 28, 25, 32);
            assertThat(video.getBandwidth().getValue()).isEqualTo("128");
        });
        assertThat(webcam.getTransport()).isInstanceOf(UnknownJingleContentTransport.class);
        assertThat(webcam.getTransport().getNamespace()).isEqualTo("urn:xmpp:jingle:transports:ice-udp:0");

        assertThat(modify.getAction()).isEqualTo(JingleAction.content_modify);
        assertThat(modify.getContents()).singleElement().satisfies(content -> {
            assertThat(content.getSenders()).isEqualTo(JingleContent.Senders.initiator);
            assertThat(content.getDescription()).isNull();
            assertThat(content.getTransport()).isNull();
        });

        assertThat(reject.getAction()).isEqualTo(JingleAction.content_reject);
        assertThat(reject.getContents()).extracting(JingleContent::getName).containsExactly("webcam");
        assertThat(reject.getReason().asEnum()).isEqualTo(JingleReason.Reason.failed_application);

        assertThat(descriptionInfo.getAction()).isEqualTo(JingleAction.description_info);
        assertThat(descriptionInfo.getContents().get(0).getTransport()).isNull();
        assertThat(((RtpDescription) descriptionInfo.getContents().get(0).getDescription()).getPayloadType(98)
                .getParameterValue("width")).isEqualTo("1024");
    }

    @Test
    void rawUdpTransportsOfXep0176sFallbackAreKeptAsTheyCame() throws Exception {
        JingleIq replace = parse(XEP_0176_EXAMPLE_11);
        JingleIq accept = parse(XEP_0176_EXAMPLE_15);

        assertThat(replace.getAction()).isEqualTo(JingleAction.transport_replace);
        assertThat(replace.getContents().get(0).getTransport())
                .isInstanceOfSatisfying(UnknownJingleContentTransport.class, transport -> {
                    assertThat(transport.getNamespace()).isEqualTo("urn:xmpp:jingle:transports:raw-udp:1");
                    assertThat(transport.getStandardExtensionElement().getFirstElement("candidate")
                            .getAttributeValue("port")).isEqualTo("13540");
                });
        assertThat(accept.getContents().get(0).getTransport())
                .isInstanceOf(UnknownJingleContentTransport.class);
    }

    @Test
    void aContentsChildrenOtherThanDescriptionAndTransportAreNotKept() throws Exception {
        // XEP-0166's security preconditions: Smack's JingleContent has no place for a <security/>, so the parser
        // skips it (see JingleIqProvider); the rest of the IQ is read. The bridge negotiates no security precondition.
        JingleIq initiate = parse(XEP_0166_EXAMPLE_35);
        JingleIq securityInfo = parse(XEP_0166_EXAMPLE_36);

        assertThat(initiate.getContents()).singleElement().satisfies(content -> {
            assertThat(content.getDescription()).isInstanceOf(UnknownJingleContentDescription.class);
            assertThat(content.getTransport()).isInstanceOf(UnknownJingleContentTransport.class);
        });
        assertThat(initiate.toXML().toString()).doesNotContain("security");
        assertWritesBackEquivalent(initiate, XEP_0166_EXAMPLE_35.replace(
                "<security xmlns='urn:xmpp:jingle:security:stub:0'/>", ""));
        assertThat(securityInfo.getAction()).isEqualTo(JingleAction.security_info);
        assertThat(securityInfo.getContents()).extracting(JingleContent::getName).containsExactly("xmlstream");
        assertThat(securityInfo.toXML().toString()).doesNotContain("security xmlns");
    }

    @Test
    void unknownChildrenAreKeptWholeWithoutBeingReadAsJingle() throws Exception {
        // A <content/> inside an unknown element is that element's business, not a Jingle content.
        String iq = XEP_0167_EXAMPLE_13.replace("<ringing xmlns='urn:xmpp:jingle:apps:rtp:info:1'/>",
                "<hold xmlns='urn:example:vendor'><content xmlns='urn:xmpp:jingle:1' name='x'/></hold>");

        JingleIq jingle = parse(iq);

        assertThat(jingle.getContents()).isEmpty();
        assertThat(jingle.getChildren()).singleElement().isInstanceOf(StandardExtensionElement.class);
        assertWritesBackEquivalent(jingle, iq);
    }

    /**
     * Found by JingleToSdpFuzzTest: looking up the provider of a description in no namespace threw a
     * NullPointerException, which Smack's reader does not catch, so one such stanza ended the XMPP connection. Now it
     * is an unparseable stanza, reported and dropped.
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"description", "transport"})
    void aDescriptionOrTransportInNoNamespaceIsRefusedAsUnparseableNotAnException(String child) {
        String iq = XEP_0166_EXAMPLE_35.replaceFirst("<" + child + " xmlns='[^']*'", "<" + child + " xmlns=''");

        assertThatThrownBy(() -> parse(iq)).isInstanceOf(SmackParsingException.class)
                .hasMessageStartingWith("<content name='this-is-a-stub'/> has an invalid <" + child + "/>");
    }

    @Test
    void garbageIsRefusedWithAClearMessage() {
        assertRefused(XEP_0167_EXAMPLE_13.replace("sid='a73sjjvkla37jfea'", ""),
                "<jingle/> must have a non-empty 'sid' attribute");
        assertRefused(XEP_0167_EXAMPLE_13.replace("action='session-info'", ""),
                "<jingle/> must have an 'action' attribute");
        assertRefused(XEP_0167_EXAMPLE_13.replace("action='session-info'", "action='session-dance'"),
                "<jingle/> has an unknown action 'session-dance'");
        assertRefused(XEP_0167_EXAMPLE_13.replace("initiator='romeo@montague.lit/orchard'",
                "initiator='montague.lit'"), "<jingle/> attribute 'initiator' is not a full JID: 'montague.lit'");
        // What crashed Smack's parser: a <content/> without creator.
        assertRefused(XEP_0338_SECTION_2_SESSION_INITIATE.replace("<content creator='initiator' name='voice'>",
                "<content name='voice'>"), "<content name='voice'/> must have a 'creator' attribute");
        assertRefused(XEP_0338_SECTION_2_SESSION_INITIATE.replace("creator='initiator' name='webcam'",
                "creator='nobody' name='webcam'"),
                "<content name='webcam'/> attribute 'creator' has the unknown value 'nobody'");
        assertRefused(XEP_0166_EXAMPLE_8.replace("<success/>", "<bored/>"),
                "<reason/> has an unknown condition <bored/>");
        assertRefused(XEP_0166_EXAMPLE_8.replace("<success/>", ""), "<reason/> lacks a condition element");
        assertRefused(WEBRTC_SESSION_INITIATE.replace("port='8998'", "port='70000'"),
                "<content name='0'/> has an invalid <transport/>: XEP-0176 <candidate/> attribute 'port' must be an"
                        + " unsignedShort (0 to 65535), but is '70000'");
    }

    @Test
    void registrationIsIdempotentAndReplacesSmacksJingleParser() {
        JingleExtensions.registerAll();
        JingleExtensions.registerAll();

        assertThat(ProviderManager.getIQProvider(JingleIq.ELEMENT, JingleIq.NAMESPACE))
                .isSameAs(JingleIqProvider.INSTANCE);
    }

    private static void assertRefused(String iq, String message) {
        assertThatThrownBy(() -> parse(iq)).isInstanceOf(SmackParsingException.class).hasMessage(message);
    }
}
