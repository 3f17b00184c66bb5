package org.webrtcgateway.xmpp.jingle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.JULIET;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.PWD;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.ROMEO;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.UFRAG;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.XEP_0176_HOST_CANDIDATE;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.XEP_0176_SRFLX_CANDIDATE;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.XEP_0320_ACTPASS_FINGERPRINT;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.XEP_0338_SESSION_INITIATE;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.content;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.iceUdpTransport;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.jingleIq;
import static org.webrtcgateway.xmpp.jingle.XmlAssert.assertEquivalentElement;

import java.util.List;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smackx.jingle.element.JingleAction;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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

/** Whole Jingle IQs as they come off the connection once the bridge has registered its parser. */
class JingleIqTest {

    /** What a browser's offer (audio and video, bundled, DTLS-SRTP over ICE) becomes in Jingle. */
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
                    iceUdpTransport(UFRAG, PWD, XEP_0320_ACTPASS_FINGERPRINT, XEP_0176_HOST_CANDIDATE,
                            XEP_0176_SRFLX_CANDIDATE)),
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
                    iceUdpTransport(UFRAG, PWD, XEP_0320_ACTPASS_FINGERPRINT)));

    /** XEP-0166 1.1.2, example "Initiator terminates the session" with its reason. */
    private static final String XEP_0166_SESSION_TERMINATE = """
            <iq from='romeo@montague.lit/orchard' id='le71fa63' to='juliet@capulet.lit/balcony' type='set'>
              <jingle xmlns='urn:xmpp:jingle:1' action='session-terminate' sid='a73sjjvkla37jfea'>
                <reason>
                  <success/>
                  <text>Sorry, gotta go!</text>
                </reason>
              </jingle>
            </iq>
            """;

    /** XEP-0167 1.2.2, example "Responder sends ringing message". */
    private static final String XEP_0167_RINGING = """
            <iq from='juliet@capulet.lit/balcony' id='ringing1' to='romeo@montague.lit/orchard' type='set'>
              <jingle xmlns='urn:xmpp:jingle:1' action='session-info' initiator='romeo@montague.lit/orchard'
                      sid='a73sjjvkla37jfea'>
                <ringing xmlns='urn:xmpp:jingle:apps:rtp:info:1'/>
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

    @Test
    void xep0338ExampleKeepsTheGroupBeforeTheContents() throws Exception {
        JingleIq jingle = parse(XEP_0338_SESSION_INITIATE);

        assertThat(jingle.getAction()).isEqualTo(JingleAction.session_initiate);
        assertThat(jingle.getSessionId()).isEqualTo("a73sjjvkla37jfea");
        assertThat(jingle.getInitiator().toString()).isEqualTo("romeo@montague.lit/orchard");
        assertThat(jingle.getChildren()).hasExactlyElementsOfTypes(ContentGroup.class, JingleContent.class,
                JingleContent.class);
        assertThat(jingle.getChildren(ContentGroup.class))
                .containsExactly(new ContentGroup(ContentGroup.BUNDLE, List.of("voice", "webcam")));
        assertThat(jingle.getContents()).extracting(JingleContent::getName).containsExactly("voice", "webcam");
        assertWritesBackEquivalent(jingle, XEP_0338_SESSION_INITIATE);
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
    void sessionTerminateCarriesItsReason() throws Exception {
        JingleIq jingle = parse(XEP_0166_SESSION_TERMINATE);

        assertThat(jingle.getAction()).isEqualTo(JingleAction.session_terminate);
        assertThat(jingle.getInitiator() == null).as("no initiator").isTrue();
        assertThat(jingle.getReason().asEnum()).isEqualTo(JingleReason.Reason.success);
        assertThat(jingle.getReason().getText()).isEqualTo("Sorry, gotta go!");
        assertWritesBackEquivalent(jingle, XEP_0166_SESSION_TERMINATE);

        // XEP-0166's alternative-session example is indented: Smack's own reason parser would miss its sid.
        JingleIq alternative = parse(XEP_0166_SESSION_TERMINATE.replace("<success/>",
                "<alternative-session>\n    <sid>b84tkkwlmb48kgfb</sid>\n  </alternative-session>"));
        assertThat(alternative.getReason()).isInstanceOfSatisfying(JingleReason.AlternativeSession.class,
                reason -> assertThat(reason.getAlternativeSessionId()).isEqualTo("b84tkkwlmb48kgfb"));
    }

    @Test
    void sessionInfoRingingIsKeptAsItCame() throws Exception {
        JingleIq jingle = parse(XEP_0167_RINGING);

        assertThat(jingle.getAction()).isEqualTo(JingleAction.session_info);
        assertThat(jingle.getChildren()).singleElement().satisfies(ringing -> {
            assertThat(ringing.getElementName()).isEqualTo("ringing");
            assertThat(ringing.getNamespace()).isEqualTo("urn:xmpp:jingle:apps:rtp:info:1");
        });
        assertWritesBackEquivalent(jingle, XEP_0167_RINGING);
    }

    @Test
    void unknownChildrenAreKeptWholeWithoutBeingReadAsJingle() throws Exception {
        // A <content/> inside an unknown element is that element's business, not a Jingle content.
        String iq = XEP_0167_RINGING.replace("<ringing xmlns='urn:xmpp:jingle:apps:rtp:info:1'/>",
                "<hold xmlns='urn:example:vendor'><content xmlns='urn:xmpp:jingle:1' name='x'/></hold>");

        JingleIq jingle = parse(iq);

        assertThat(jingle.getContents()).isEmpty();
        assertThat(jingle.getChildren()).singleElement().isInstanceOf(StandardExtensionElement.class);
        assertWritesBackEquivalent(jingle, iq);
    }

    @Test
    void garbageIsRefusedWithAClearMessage() {
        assertRefused(XEP_0167_RINGING.replace("sid='a73sjjvkla37jfea'", ""),
                "<jingle/> must have a non-empty 'sid' attribute");
        assertRefused(XEP_0167_RINGING.replace("action='session-info'", ""),
                "<jingle/> must have an 'action' attribute");
        assertRefused(XEP_0167_RINGING.replace("action='session-info'", "action='session-dance'"),
                "<jingle/> has an unknown action 'session-dance'");
        assertRefused(XEP_0167_RINGING.replace("initiator='romeo@montague.lit/orchard'", "initiator='montague.lit'"),
                "<jingle/> attribute 'initiator' is not a full JID: 'montague.lit'");
        // What crashed Smack's parser: a <content/> without creator.
        assertRefused(XEP_0338_SESSION_INITIATE.replace("<content creator='initiator' name='voice'>", "<content name='voice'>"),
                "<content name='voice'/> must have a 'creator' attribute");
        assertRefused(XEP_0338_SESSION_INITIATE.replace("creator='initiator' name='webcam'", "creator='nobody' name='webcam'"),
                "<content name='webcam'/> attribute 'creator' has the unknown value 'nobody'");
        assertRefused(XEP_0166_SESSION_TERMINATE.replace("<success/>", "<bored/>"),
                "<reason/> has an unknown condition <bored/>");
        assertRefused(XEP_0166_SESSION_TERMINATE.replace("<success/>", ""), "<reason/> lacks a condition element");
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
