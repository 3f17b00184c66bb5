package org.webrtcgateway.xmpp.jingle.rtcpfb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.webrtcgateway.xmpp.jingle.XmlAssert.assertEquivalentElement;
import static org.webrtcgateway.xmpp.jingle.XmlAssert.assertEquivalentXml;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.element.UnknownJingleContentTransport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.webrtcgateway.xmpp.jingle.JingleExtensions;
import org.webrtcgateway.xmpp.jingle.JingleIq;
import org.webrtcgateway.xmpp.jingle.rtcpfb.element.RtcpFb;
import org.webrtcgateway.xmpp.jingle.rtcpfb.element.RtcpFbParameter;
import org.webrtcgateway.xmpp.jingle.rtcpfb.element.RtcpFbTrrInt;
import org.webrtcgateway.xmpp.jingle.rtp.JingleRtp;
import org.webrtcgateway.xmpp.jingle.rtp.element.PayloadType;
import org.webrtcgateway.xmpp.jingle.rtp.element.RtpDescription;
import org.webrtcgateway.xmpp.jingle.rtp.provider.RtpDescriptionProvider;

/**
 * XEP-0293 (version 1.0.2): its examples 1, 2, 3 and 5, its schema's requirements, and what this code keeps beyond
 * them. Example numbers are those of the XEP as published at that version.
 */
class RtcpFbProviderTest {

    /**
     * XEP-0293 example 1, "Initiator sends description inside session-initiate": feedback for all codecs directly in
     * the description, and for one inside its payload type, with a trr-int.
     */
    static final String XEP_0293_EXAMPLE_1 = """
            <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='video'>
              <rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='nack' subtype='pli'/>
              <payload-type id='96' name='H264' clockrate='90000'>
                <rtcp-fb-trr-int xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' value='100'/>
                <rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='nack' subtype='sli'/>
              </payload-type>
              <payload-type id='34' name='H263' clockrate='90000'/>
            </description>
            """;

    /** XEP-0293 example 2, "Responder sends description inside session-accept": the sli refused, the pli kept. */
    static final String XEP_0293_EXAMPLE_2 = """
            <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='video'>
              <rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='nack' subtype='pli'/>
              <payload-type id='96' name='H264' clockrate='90000'>
                <rtcp-fb-trr-int xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' value='100'/>
              </payload-type>
              <payload-type id='34' name='H263' clockrate='90000'/>
            </description>
            """;

    /**
     * XEP-0293 example 3, "Responder sends description inside session-accept without any feedback message": a trr-int
     * of 0 for the whole description.
     */
    static final String XEP_0293_EXAMPLE_3 = """
            <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='video'>
              <rtcp-fb-trr-int xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' value='0'/>
              <payload-type id='96' name='H264' clockrate='90000'/>
              <payload-type id='34' name='H263' clockrate='90000'/>
            </description>
            """;

    /**
     * XEP-0293 example 5, "The same description in XMPP format" (that of its SDP example 4), as published: its
     * {@code <jingle xmlns='urn:xmpp:jingle:1'>} closes the start tag before action, initiator and sid, which become
     * character data; its transports are XEP-0177's raw-udp, its payload type 98 has no clockrate.
     */
    static final String XEP_0293_EXAMPLE_5 = """
            <iq from='romeo@montague.lit/orchard'
                id='ph37a419'
                to='juliet@capulet.lit/balcony'
                type='set'>
              <jingle xmlns='urn:xmpp:jingle:1'>
                action='session-initiate'
                initiator='romeo@montague.lit/orchard'
                sid='a73sjjvkla37jfea'>
                <content creator='initiator' name='voice'>
                  <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>
                    <payload-type id='0' name='PCMU' />
                  </description>
                  <transport xmlns='urn:xmpp:jingle:transports:raw-udp:1'>
                    <candidate component='1'
            \t     generation='0'
            \t     id='a9j3mnbtu1'
            \t     ip='10.0.1.1'
            \t     port='49170'/>
                    <candidate component='2'
             \t     generation='0'
            \t     id='a9j3mnbtu1'
            \t     ip='10.0.1.1'
            \t     port='49171'/>
                  </transport>
                </content>
                <content creator='initiator' name='face'>
                  <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='video'>
                    <rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='nack'/>
                    <payload-type id='98' name='H263-1998'>
                      <rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='nack'
                               subtype='rpsi'/>
                      <rtcp-fb-trr-int xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' value='100'/>
                    </payload-type>
                    <payload-type id='99' name='H264' />
                  </description>
                  <transport xmlns='urn:xmpp:jingle:transports:raw-udp:1'>
                    <candidate component='1'
                               generation='0'
                               id='a9j3mnbtu1'
                               ip='10.0.1.1'
                               port='49172'/>
                    <candidate component='2'
                               generation='0'
                               id='a9j3mnbtu1'
                               ip='10.0.1.1'
                               port='49173'/>
                  </transport>
                </content>
              </jingle>
            </iq>
            """;

    /** The start of XEP-0293 example 5's {@code <jingle/>}, with the '>' that ends it too early. */
    static final String XEP_0293_EXAMPLE_5_TYPO = "<jingle xmlns='urn:xmpp:jingle:1'>";

    @BeforeAll
    static void registerProviders() {
        JingleRtp.registerProviders();
    }

    static JingleIq parseIq(String xml) throws Exception {
        // The bridge's own <jingle/> parser, with every Jingle provider.
        JingleExtensions.registerAll();
        return (JingleIq) PacketParserUtils.<IQ>parseStanza(xml);
    }

    static RtpDescription parseDescription(String xml) throws Exception {
        return RtpDescriptionProvider.INSTANCE.parse(PacketParserUtils.getParserFor(xml));
    }

    static ExtensionElement parseAlone(String xml) throws Exception {
        var parser = PacketParserUtils.getParserFor(xml);
        return PacketParserUtils.parseExtensionElement(parser.getName(), parser.getNamespace(), parser, null);
    }

    @Test
    void feedbackForOneCodecAndForAllAreTypedWhereTheyStand() throws Exception {
        RtpDescription description = parseDescription(XEP_0293_EXAMPLE_1);

        assertThat(description.getChildElements(RtcpFb.class)).singleElement().satisfies(forAll -> {
            assertThat(forAll.getType()).isEqualTo(RtcpFb.TYPE_NACK);
            assertThat(forAll.getSubtype()).isEqualTo(RtcpFb.SUBTYPE_PLI);
            assertThat(forAll.getParameters()).isEmpty();
        });
        assertThat(description.getChildElements().get(0)).as("before the payload types, as sent")
                        .isInstanceOf(RtcpFb.class);
        PayloadType h264 = description.getPayloadType(96);
        assertThat(h264.getChildElements()).extracting(ExtensionElement::getElementName)
                        .containsExactly("rtcp-fb-trr-int", "rtcp-fb");
        assertThat(h264.getChildElements(RtcpFbTrrInt.class)).singleElement().extracting(RtcpFbTrrInt::getValue)
                        .isEqualTo(100L);
        assertThat(h264.getChildElements(RtcpFb.class)).extracting(RtcpFb::getType, RtcpFb::getSubtype)
                        .containsExactly(tuple(RtcpFb.TYPE_NACK, "sli"));
        assertThat(description.getPayloadType(34).getChildElements()).isEmpty();
        assertThat(description.getChildElements(RtcpFbTrrInt.class)).isEmpty();

        assertEquivalentXml(description.toXML(), XEP_0293_EXAMPLE_1);
    }

    @Test
    void answersOfExamples2And3KeepWhatTheResponderKept() throws Exception {
        RtpDescription pliOnly = parseDescription(XEP_0293_EXAMPLE_2);
        RtpDescription noFeedback = parseDescription(XEP_0293_EXAMPLE_3);

        assertThat(pliOnly.getChildElements(RtcpFb.class)).extracting(RtcpFb::getSubtype)
                        .containsExactly(RtcpFb.SUBTYPE_PLI);
        assertThat(pliOnly.getPayloadType(96).getChildElements()).singleElement().isInstanceOf(RtcpFbTrrInt.class);
        assertEquivalentXml(pliOnly.toXML(), XEP_0293_EXAMPLE_2);

        assertThat(noFeedback.getChildElements(RtcpFb.class)).isEmpty();
        assertThat(noFeedback.getChildElements(RtcpFbTrrInt.class)).singleElement().extracting(RtcpFbTrrInt::getValue)
                        .isEqualTo(0L);
        assertThat(noFeedback.getPayloadTypes()).allSatisfy(payloadType ->
                        assertThat(payloadType.getChildElements()).isEmpty());
        assertEquivalentXml(noFeedback.toXML(), XEP_0293_EXAMPLE_3);
    }

    @Test
    void example5AsPublishedIsRefusedForTheActionItsTypoLeavesOut() {
        assertThat(XEP_0293_EXAMPLE_5).contains(XEP_0293_EXAMPLE_5_TYPO);

        assertThatThrownBy(() -> parseIq(XEP_0293_EXAMPLE_5))
                        .isInstanceOf(SmackParsingException.class)
                        .hasMessage("<jingle/> must have an 'action' attribute");
    }

    @Test
    void example5WithItsJingleStartTagMendedIsReadAndWrittenBack() throws Exception {
        String mended = XEP_0293_EXAMPLE_5.replace(XEP_0293_EXAMPLE_5_TYPO, "<jingle xmlns='urn:xmpp:jingle:1'");

        JingleIq jingle = parseIq(mended);

        JingleContent face = jingle.getContents().get(1);
        RtpDescription video = (RtpDescription) face.getDescription();
        assertThat(video.getChildElements(RtcpFb.class)).singleElement().satisfies(forAll -> {
            assertThat(forAll.getType()).isEqualTo(RtcpFb.TYPE_NACK);
            assertThat(forAll.getSubtype()).isNull();
        });
        PayloadType h263 = video.getPayloadType(98);
        assertThat(h263.getClockrate()).isNull();
        assertThat(h263.getChildElements(RtcpFb.class)).extracting(RtcpFb::getSubtype).containsExactly("rpsi");
        assertThat(h263.getChildElements(RtcpFbTrrInt.class)).extracting(RtcpFbTrrInt::getValue)
                        .containsExactly(100L);
        assertThat(face.getTransport()).isInstanceOf(UnknownJingleContentTransport.class);
        assertEquivalentElement(jingle.toXML(), mended, JingleIq.NAMESPACE, JingleIq.ELEMENT);
    }

    @Test
    void rtcpFbParametersAreXep0293sOwnAndTheirValueIsOptional() throws Exception {
        String xml = """
                        <rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='app' subtype='x-foo'>
                          <parameter name='bar'/>
                          <parameter name='baz' value='1'/>
                        </rtcp-fb>""";

        RtcpFb rtcpFb = (RtcpFb) parseAlone(xml);

        assertThat(rtcpFb.getParameters()).extracting(RtcpFbParameter::getName, RtcpFbParameter::getValue)
                        .containsExactly(tuple("bar", null), tuple("baz", "1"));
        assertEquivalentXml(rtcpFb.toXML(), xml);
    }

    @Test
    void builtElementsAreWrittenAsTheSchemaSays() {
        RtcpFb rtcpFb = RtcpFb.builder("app").subtype("x-foo").addParameter("bar", null).addParameter("baz", "1").build();

        assertThat(rtcpFb.toXML().toString()).isEqualTo("<rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='app' subtype='x-foo'>"
                        + "<parameter name='bar'/><parameter name='baz' value='1'/></rtcp-fb>");
        assertThat(RtcpFb.of(RtcpFb.TYPE_GOOG_REMB, null).toXML().toString())
                        .isEqualTo("<rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='goog-remb'/>");
        assertThat(new RtcpFbTrrInt(100).toXML().toString())
                        .isEqualTo("<rtcp-fb-trr-int xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' value='100'/>");
    }

    @Test
    void unknownAttributesAndChildrenAreKept() throws Exception {
        String xml = """
                        <rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' xmlns:v='urn:example:vendor'
                                 type='nack' v:since='2' extra='x'>
                          <v:hint level='1'/>
                          <parameter name='rpsi' v:k='v'/>
                        </rtcp-fb>""";

        RtcpFb rtcpFb = (RtcpFb) parseAlone(xml);

        assertThat(rtcpFb.getOtherAttributes().asMap()).containsEntry("v:since", "2").containsEntry("extra", "x");
        assertThat(rtcpFb.getChildElements()).extracting(ExtensionElement::getElementName)
                        .containsExactly("hint", "parameter");
        assertThat(rtcpFb.getParameters().get(0).getOtherAttributes().get("v:k")).isEqualTo("v");
        assertEquivalentXml(rtcpFb.toXML(), xml);

        String trrInt = "<rtcp-fb-trr-int xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' value='5' unit='ms'><note xmlns='urn:example:vendor'/></rtcp-fb-trr-int>";
        assertEquivalentXml(parseAlone(trrInt).toXML(), trrInt);
    }

    @Test
    void whatTheSchemaRequiresIsRequired() {
        assertThatThrownBy(() -> parseAlone("<rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' subtype='pli'/>"))
                        .isInstanceOf(SmackParsingException.class).hasMessageContaining("type");
        assertThatThrownBy(() -> parseAlone("<rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='app'><parameter value='1'/></rtcp-fb>"))
                        .isInstanceOf(SmackParsingException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> parseAlone("<rtcp-fb-trr-int xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0'/>"))
                        .isInstanceOf(SmackParsingException.class).hasMessageContaining("value");
        assertThatThrownBy(() -> parseAlone("<rtcp-fb-trr-int xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' value='-1'/>"))
                        .isInstanceOf(SmackParsingException.class);
    }
}
