package org.webrtcgateway.xmpp.jingle.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.webrtcgateway.xmpp.jingle.XmlAssert.assertEquivalentXml;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleAction;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.provider.JingleContentProviderManager;

import org.webrtcgateway.xmpp.jingle.SmacksJingleParser;
import org.webrtcgateway.xmpp.jingle.rtcpfb.element.RtcpFb;
import org.webrtcgateway.xmpp.jingle.rtp.element.Bandwidth;
import org.webrtcgateway.xmpp.jingle.rtp.element.Parameter;
import org.webrtcgateway.xmpp.jingle.rtp.element.PayloadType;
import org.webrtcgateway.xmpp.jingle.rtp.element.RtcpMux;
import org.webrtcgateway.xmpp.jingle.rtp.element.RtpDescription;
import org.webrtcgateway.xmpp.jingle.rtp.provider.RtpDescriptionProvider;

class RtpDescriptionProviderTest {

    /** XEP-0167's audio description (§4 and the session-initiate of §6): static and dynamic payload types, a limit. */
    static final String XEP_0167_AUDIO = """
                    <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>
                      <payload-type id='96' name='speex' clockrate='16000'/>
                      <payload-type id='97' name='speex' clockrate='8000'/>
                      <payload-type id='18' name='G729'/>
                      <payload-type id='0' name='PCMU'/>
                      <payload-type id='103' name='L16' clockrate='16000' channels='2'/>
                      <payload-type id='98' name='x-ISAC' clockrate='8000'/>
                      <bandwidth type='AS'>128</bandwidth>
                    </description>""";

    /** XEP-0167's payload-types with parameters (Speex's RFC 5574 parameters), and a ptime. */
    static final String XEP_0167_AUDIO_WITH_PARAMETERS = """
                    <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>
                      <payload-type id='96' name='speex' clockrate='16000' ptime='40' maxptime='60'>
                        <parameter name='vbr' value='on'/>
                        <parameter name='cng' value='on'/>
                      </payload-type>
                      <payload-type id='97' name='speex' clockrate='8000'>
                        <parameter name='vbr' value='on'/>
                        <parameter name='cng' value='on'/>
                        <parameter name='mode' value='any'/>
                      </payload-type>
                      <payload-type id='18' name='G729'/>
                    </description>""";

    /** XEP-0167's video description (§7 of its SDP mapping): Theora with its parameters, static video types. */
    static final String XEP_0167_VIDEO = """
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
                      <rtcp-mux/>
                    </description>""";

    @BeforeAll
    static void registerProviders() {
        JingleRtp.registerProviders();
    }

    static RtpDescription parse(String xml) throws Exception {
        XmlPullParser parser = PacketParserUtils.getParserFor(xml);
        return RtpDescriptionProvider.INSTANCE.parse(parser);
    }

    static void assertWritesBackEquivalent(RtpDescription description, String xml) {
        assertEquivalentXml(description.toXML(), xml);
    }

    @Test
    void audioExampleParsesToItsPayloadTypesAndBandwidth() throws Exception {
        RtpDescription description = parse(XEP_0167_AUDIO);

        assertThat(description.getMedia()).isEqualTo(RtpDescription.MEDIA_AUDIO);
        assertThat(description.getSsrc()).isNull();
        assertThat(description.getPayloadTypes()).extracting(PayloadType::getId, PayloadType::getName,
                        PayloadType::getClockrate, PayloadType::getChannels)
                        .containsExactly(
                                        tuple(96, "speex", 16000L, null),
                                        tuple(97, "speex", 8000L, null),
                                        tuple(18, "G729", null, null),
                                        tuple(0, "PCMU", null, null),
                                        tuple(103, "L16", 16000L, 2),
                                        tuple(98, "x-ISAC", 8000L, null));
        assertThat(description.getPayloadType(0).getEffectiveChannels()).isEqualTo(1);
        assertThat(description.getPayloadType(103).getEffectiveChannels()).isEqualTo(2);
        assertThat(description.getBandwidth().getType()).isEqualTo(Bandwidth.TYPE_AS);
        assertThat(description.getBandwidth().getValue()).isEqualTo("128");
        assertThat(description.isRtcpMux()).isFalse();
        assertThat(description.getOtherChildElements()).isEmpty();
        assertThat(description.getOtherAttributes().isEmpty()).isTrue();
        assertWritesBackEquivalent(description, XEP_0167_AUDIO);
    }

    @Test
    void parametersAndPacketTimesOfTheExampleAreRead() throws Exception {
        RtpDescription description = parse(XEP_0167_AUDIO_WITH_PARAMETERS);

        PayloadType speexWideband = description.getPayloadType(96);
        assertThat(speexWideband.getPtime()).isEqualTo(40L);
        assertThat(speexWideband.getMaxptime()).isEqualTo(60L);
        assertThat(speexWideband.getParameters()).extracting(Parameter::getName, Parameter::getValue)
                        .containsExactly(tuple("vbr", "on"),
                                        tuple("cng", "on"));
        assertThat(description.getPayloadType(97).getParameterValue("mode")).isEqualTo("any");
        assertThat(description.getPayloadType(97).getParameterValue("absent")).isNull();
        assertThat(description.getPayloadType(18).getParameters()).isEmpty();
        assertThat(description.getPayloadType(18).getPtime()).isNull();
        assertWritesBackEquivalent(description, XEP_0167_AUDIO_WITH_PARAMETERS);
    }

    @Test
    void videoExampleKeepsParameterOrderAndRtcpMux() throws Exception {
        RtpDescription description = parse(XEP_0167_VIDEO);

        assertThat(description.getMedia()).isEqualTo(RtpDescription.MEDIA_VIDEO);
        assertThat(description.getPayloadType(98).getParameters()).extracting(Parameter::getName)
                        .containsExactly("height", "width", "delivery-method", "configuration", "sampling");
        assertThat(description.getPayloadType(98).getParameterValue("sampling")).isEqualTo("YCbCr-4:2:2");
        assertThat(description.getPayloadTypes()).extracting(PayloadType::getId).containsExactly(98, 28, 25, 32);
        assertThat(description.isRtcpMux()).isTrue();
        assertThat(description.getBandwidth()).isNull();
        assertWritesBackEquivalent(description, XEP_0167_VIDEO);
    }

    @Test
    void writtenXmlDeclaresTheNamespaceOnceAndParsesBackTheSame() throws Exception {
        RtpDescription parsed = parse(XEP_0167_AUDIO_WITH_PARAMETERS);
        String written = parsed.toXML().toString();

        assertThat(written).startsWith("<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>");
        assertThat(written.split("xmlns=", -1)).hasSize(2);
        assertThat(parse(written).toXML().toString()).isEqualTo(written);
    }

    @Test
    void builtDescriptionIsWrittenAsTheSchemaSays() {
        RtpDescription description = RtpDescription.builder(RtpDescription.MEDIA_AUDIO)
                        .addPayloadType(PayloadType.builder(111).name("opus").clockrate(48000).channels(2)
                                        .addParameter("minptime", "10").addParameter("useinbandfec", "1")
                                        .addChildElement(RtcpFb.of(RtcpFb.TYPE_TRANSPORT_CC, null)).build())
                        .addPayloadType(PayloadType.builder(0).name("PCMU").clockrate(8000).build())
                        .bandwidth(new Bandwidth(Bandwidth.TYPE_AS, "64"))
                        .rtcpMux()
                        .build();

        assertThat(description.toXML().toString()).isEqualTo("<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>"
                        + "<payload-type id='111' name='opus' clockrate='48000' channels='2'>"
                        + "<parameter name='minptime' value='10'/><parameter name='useinbandfec' value='1'/>"
                        + "<rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='transport-cc'/>"
                        + "</payload-type>"
                        + "<payload-type id='0' name='PCMU' clockrate='8000'/>"
                        + "<bandwidth type='AS'>64</bandwidth>"
                        + "<rtcp-mux/>"
                        + "</description>");
    }

    @Test
    void unknownAttributesAndChildrenAreKeptInTheirOrder() throws Exception {
        String xml = """
                        <description xmlns='urn:xmpp:jingle:apps:rtp:1' xmlns:v='urn:example:vendor'
                                     media='video' ssrc='1234' future='yes' v:hint='low-latency'>
                          <payload-type id='100' name='VP8' clockrate='90000' extra='1' v:profile='x'>
                            <parameter name='max-fr' value='30' unit='fps'><v:note>kept</v:note></parameter>
                            <v:codec-extra level='3'/>
                            <rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='nack' subtype='pli'/>
                          </payload-type>
                          <encryption required='1'>
                            <crypto crypto-suite='AES_CM_128_HMAC_SHA1_80' key-params='inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz' tag='1'/>
                          </encryption>
                          <v:future-element a='b'>some text</v:future-element>
                          <rtcp-mux v:why='webrtc'/>
                          <bandwidth type='TIAS' v:x='y'>512000</bandwidth>
                          <payload-type id='101' name='rtx' clockrate='90000'/>
                        </description>""";

        RtpDescription description = parse(xml);

        assertThat(description.getSsrc()).isEqualTo("1234");
        assertThat(description.getOtherAttributes().get("future")).isEqualTo("yes");
        assertThat(description.getOtherAttributes().get("v:hint")).isEqualTo("low-latency");
        assertThat(description.getChildElements()).extracting(ExtensionElement::getElementName)
                        .containsExactly("payload-type", "encryption", "future-element", "rtcp-mux", "bandwidth",
                                        "payload-type");
        assertThat(description.getOtherChildElements()).extracting(ExtensionElement::getElementName)
                        .containsExactly("encryption", "future-element");
        StandardExtensionElement encryption = (StandardExtensionElement) description.getOtherChildElements().get(0);
        assertThat(encryption.getNamespace()).isEqualTo(RtpDescription.NAMESPACE);
        assertThat(encryption.getFirstElement("crypto").getAttributeValue("tag")).isEqualTo("1");

        PayloadType vp8 = description.getPayloadType(100);
        assertThat(vp8.getOtherAttributes().asMap()).containsEntry("extra", "1").containsEntry("v:profile", "x");
        assertThat(vp8.getParameters().get(0).getOtherAttributes().get("unit")).isEqualTo("fps");
        assertThat(vp8.getParameters().get(0).getOtherChildElements()).extracting(ExtensionElement::getElementName)
                        .containsExactly("note");
        assertThat(vp8.getOtherChildElements()).extracting(ExtensionElement::getElementName)
                        .containsExactly("codec-extra", "rtcp-fb");
        assertThat(vp8.getChildElements(RtcpFb.class)).singleElement().extracting(RtcpFb::getSubtype)
                        .isEqualTo(RtcpFb.SUBTYPE_PLI);
        assertThat(description.getBandwidth().getOtherAttributes().get("v:x")).isEqualTo("y");
        assertThat(description.getBandwidth().getValue()).isEqualTo("512000");

        assertWritesBackEquivalent(description, xml);
    }

    @Test
    void prefixDeclaredOnAnAncestorIsDeclaredAgainWhenTheDescriptionIsWrittenAlone() throws Exception {
        Jingle jingle = SmacksJingleParser.parse(sessionInitiate("xmlns:v='urn:example:vendor'",
                        "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio' v:hint='x'>"
                                        + "<payload-type id='0' name='PCMU' v:weight='2'/></description>"));
        RtpDescription description = (RtpDescription) jingle.getContents().get(0).getDescription();

        // Without the declaration the XML would not even be well-formed: the comparison would throw.
        assertWritesBackEquivalent(description, "<description xmlns='urn:xmpp:jingle:apps:rtp:1' "
                        + "xmlns:v='urn:example:vendor' media='audio' v:hint='x'>"
                        + "<payload-type id='0' name='PCMU' v:weight='2'/></description>");
    }

    @Test
    void sessionInitiateThroughSmacksJingleProviderGivesAnRtpDescription() throws Exception {
        String description = XEP_0167_AUDIO.replace("<bandwidth", """
                        <rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='nack'/>
                          <source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='1656081975'>
                            <parameter name='msid' value='stream track'/>
                          </source>
                          <bandwidth""");
        Jingle jingle = SmacksJingleParser.parse(sessionInitiate("", description));

        assertThat(jingle.getAction()).isEqualTo(JingleAction.session_initiate);
        assertThat(jingle.getSid()).isEqualTo("a73sjjvkla37jfea");
        JingleContent content = jingle.getSoleContentOrThrow();
        assertThat(content.getName()).isEqualTo("voice");
        assertThat(content.getTransport()).isNotNull();
        assertThat(content.getDescription()).isInstanceOf(RtpDescription.class);
        RtpDescription rtp = (RtpDescription) content.getDescription();
        assertThat(rtp.getPayloadTypes()).hasSize(6);
        assertThat(rtp.getChildElements(RtcpFb.class)).singleElement().extracting(RtcpFb::getType)
                        .isEqualTo(RtcpFb.TYPE_NACK);
        // Smack's JingleContentDescription view holds the same children, in the same order.
        assertThat(rtp.getJingleContentDescriptionChildren()).containsExactlyElementsOf(rtp.getChildElements());
        // The XEP-0339 source is the ssma package's business: typed if its provider is registered, generic if not.
        assertThat(rtp.getOtherChildElements()).extracting(ExtensionElement::getElementName)
                        .containsExactly("rtcp-fb", "source");
        assertWritesBackEquivalent(rtp, description);
    }

    @Test
    void descriptionInAJingleIqBuiltWithSmackSurvivesTheRoundTrip() throws Exception {
        RtpDescription description = parse(XEP_0167_VIDEO);
        Jingle jingle = Jingle.builder("jingle-1")
                        .setAction(JingleAction.session_accept)
                        .setSessionId("a73sjjvkla37jfea")
                        .addJingleContent(JingleContent.getBuilder().setCreator(JingleContent.Creator.initiator)
                                        .setName("webcam").setDescription(description).build())
                        .build();

        Jingle parsed = SmacksJingleParser.parse(jingle.toXML().toString());

        RtpDescription parsedDescription = (RtpDescription) parsed.getSoleContentOrThrow().getDescription();
        assertWritesBackEquivalent(parsedDescription, XEP_0167_VIDEO);
    }

    @Test
    void aParameterWithoutValueAsStanzaJsWritesItIsKeptAsItCame() throws Exception {
        String xml = "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>"
                + "<payload-type id='63' name='red' clockrate='48000' channels='2'><parameter name='111/111'/></payload-type>"
                + "</description>";

        RtpDescription description = parse(xml);

        assertThat(description.getPayloadTypes().get(0).getParameters().get(0).getName()).isEqualTo("111/111");
        assertThat(description.getPayloadTypes().get(0).getParameters().get(0).getValue()).isNull();
        assertWritesBackEquivalent(description, xml);
    }

    @Test
    void whatTheSchemaRequiresIsRequired() {
        assertThatThrownBy(() -> parse("<description xmlns='urn:xmpp:jingle:apps:rtp:1'/>"))
                        .isInstanceOf(SmackParsingException.class).hasMessageContaining("media");
        assertThatThrownBy(() -> parse("<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>"
                        + "<payload-type name='PCMU'/></description>"))
                        .isInstanceOf(SmackParsingException.class).hasMessageContaining("id");
        assertThatThrownBy(() -> parse("<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>"
                        + "<bandwidth>128</bandwidth></description>"))
                        .isInstanceOf(SmackParsingException.class).hasMessageContaining("type");
    }

    @Test
    void numbersOutsideTheirSchemaTypesAreRefused() {
        // id and channels are xs:unsignedByte, clockrate, ptime and maxptime xs:unsignedInt.
        assertThatThrownBy(() -> parse("<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>"
                        + "<payload-type id='256'/></description>")).isInstanceOf(SmackParsingException.class);
        assertThatThrownBy(() -> parse("<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>"
                        + "<payload-type id='0' clockrate='-8000'/></description>")).isInstanceOf(SmackParsingException.class);
        assertThatThrownBy(() -> parse("<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>"
                        + "<payload-type id='0' ptime='4294967296'/></description>")).isInstanceOf(SmackParsingException.class);
        assertThatThrownBy(() -> parse("<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>"
                        + "<payload-type id='0' channels='two'/></description>")).isInstanceOf(SmackParsingException.class);
        assertThatThrownBy(() -> PayloadType.builder(128 * 2).build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void atMostOneBandwidthAndOneRtcpMux() {
        assertThatThrownBy(() -> parse("<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>"
                        + "<rtcp-mux/><rtcp-mux/></description>"))
                        .isInstanceOf(SmackParsingException.class).hasMessageContaining("rtcp-mux");
        assertThatThrownBy(() -> RtpDescription.builder("audio").bandwidth(new Bandwidth("AS", "1"))
                        .bandwidth(new Bandwidth("TIAS", "1000")).build())
                        .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void registrationIsIdempotent() {
        JingleRtp.registerProviders();
        JingleRtp.registerProviders();

        assertThat(JingleContentProviderManager.getJingleContentDescriptionProvider(RtpDescription.NAMESPACE))
                        .isSameAs(RtpDescriptionProvider.INSTANCE);
        assertThat(ProviderManager.getExtensionProvider(RtpDescription.ELEMENT, RtpDescription.NAMESPACE))
                        .isSameAs(RtpDescriptionProvider.INSTANCE);
        assertThat(ProviderManager.getExtensionProvider(RtcpFb.ELEMENT, RtcpFb.NAMESPACE)).isNotNull();
    }

    @Test
    void rtcpMuxWithoutAnythingElseIsTheSharedInstance() throws Exception {
        RtpDescription description = parse("<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'><rtcp-mux/></description>");

        assertThat(description.getChildElements()).containsExactly(RtcpMux.INSTANCE);
    }

    /** XEP-0167's session-initiate from Romeo to Juliet, with {@code description} as the content's description. */
    static String sessionInitiate(String jingleAttributes, String description) {
        return """
                        <iq from='romeo@montague.lit/orchard' id='ih28sx61' to='juliet@capulet.lit/balcony' type='set'>
                          <jingle xmlns='urn:xmpp:jingle:1' %s
                                  action='session-initiate'
                                  initiator='romeo@montague.lit/orchard'
                                  sid='a73sjjvkla37jfea'>
                            <content creator='initiator' name='voice'>
                              %s
                              <transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' pwd='asd88fgpdd777uzjYhagZg' ufrag='8hhy'>
                                <candidate component='1' foundation='1' generation='0' id='el0747fg11' ip='10.0.1.1'
                                           network='1' port='8998' priority='2130706431' protocol='udp' type='host'/>
                                <candidate component='1' foundation='2' generation='0' id='y3s2b30v3r' ip='192.0.2.3'
                                           network='1' port='45664' priority='1694498815' protocol='udp'
                                           rel-addr='10.0.1.1' rel-port='8998' type='srflx'/>
                              </transport>
                            </content>
                          </jingle>
                        </iq>""".formatted(jingleAttributes, description);
    }
}
