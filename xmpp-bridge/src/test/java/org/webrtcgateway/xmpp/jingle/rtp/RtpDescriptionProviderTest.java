package org.webrtcgateway.xmpp.jingle.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.excerpt;
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

/**
 * XEP-0167's {@code <description/>} (version 1.2.3): the descriptions of its examples and of its sections'
 * unnumbered listings, what it keeps beyond them, and what its schema refuses. Example numbers are those of the XEP as
 * published at that version; its IQ-level examples (informational messages, content actions, reasons) are
 * JingleIqTest's.
 */
class RtpDescriptionProviderTest {

    /** XEP-0167 example 1, "Initiation": an audio description, static and dynamic payload types, over ICE-UDP. */
    static final String XEP_0167_EXAMPLE_1 = """
            <iq from='romeo@montague.lit/orchard'
                id='ih28sx61'
                to='juliet@capulet.lit/balcony'
                type='set'>
              <jingle xmlns='urn:xmpp:jingle:1'
                      action='session-initiate'
                      initiator='romeo@montague.lit/orchard'
                      sid='a73sjjvkla37jfea'>
                <content creator='initiator' name='voice'>
                  <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>
                    <payload-type id='96' name='speex' clockrate='16000'/>
                    <payload-type id='97' name='speex' clockrate='8000'/>
                    <payload-type id='18' name='G729'/>
                    <payload-type id='0' name='PCMU'/>
                    <payload-type id='103' name='L16' clockrate='16000' channels='2'/>
                    <payload-type id='98' name='x-ISAC' clockrate='8000'/>
                  </description>
                  <transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'
                             pwd='asd88fgpdd777uzjYhagZg'
                             ufrag='8hhy'>
                    <candidate component='1'
                               foundation='1'
                               generation='0'
                               id='el0747fg11'
                               ip='10.0.1.1'
                               network='1'
                               port='8998'
                               priority='2130706431'
                               protocol='udp'
                               type='host'/>
                    <candidate component='1'
                               foundation='2'
                               generation='0'
                               id='y3s2b30v3r'
                               ip='192.0.2.3'
                               network='1'
                               port='45664'
                               priority='1694498815'
                               protocol='udp'
                               rel-addr='10.0.1.1'
                               rel-port='8998'
                               type='srflx'/>
                  </transport>
                </content>
              </jingle>
            </iq>
            """;

    /** XEP-0167 example 1: its {@code <description/>}. */
    static final String XEP_0167_EXAMPLE_1_DESCRIPTION = excerpt(XEP_0167_EXAMPLE_1, "description", 0);

    /** XEP-0167 section 4 "Application Format", its unnumbered listing: ten payload types and {@code <rtcp-mux/>}. */
    static final String XEP_0167_SECTION_4_DESCRIPTION = """
            <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>
              <payload-type id='96' name='speex' clockrate='16000'/>
              <payload-type id='97' name='speex' clockrate='8000'/>
              <payload-type id='18' name='G729'/>
              <payload-type id='103' name='L16' clockrate='16000' channels='2'/>
              <payload-type id='98' name='x-ISAC' clockrate='8000'/>
              <payload-type id='102' name='iLBC'/>
              <payload-type id='4' name='G723'/>
              <payload-type id='0' name='PCMU' clockrate='16000'/>
              <payload-type id='8' name='PCMA'/>
              <payload-type id='13' name='CN'/>
              <rtcp-mux/>
            </description>
            """;

    /** XEP-0167 section 6 "Mapping to Session Description Protocol", its static payload type (double quotes there). */
    static final String XEP_0167_SECTION_6_STATIC = """
            <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>
              <payload-type id="13" name="CN"/>
            </description>
            """;

    /** XEP-0167 section 6, its dynamic payload type. */
    static final String XEP_0167_SECTION_6_DYNAMIC = """
            <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>
              <payload-type id='96' name='speex' clockrate='16000'/>
            </description>
            """;

    /** XEP-0167 section 6, its payload type with parameters (Speex's, RFC 5574) and a ptime. */
    static final String XEP_0167_SECTION_6_PARAMETERS = """
            <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>
              <payload-type id='96' name='speex' clockrate='16000' ptime='40'>
                <parameter name='vbr' value='on'/>
                <parameter name='cng' value='on'/>
              </payload-type>
            </description>
            """;

    /** XEP-0167 section 6, its video parameters (Theora's). */
    static final String XEP_0167_SECTION_6_VIDEO = """
            <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='video'>
              <payload-type id='98' name='theora' clockrate='90000'>
                <parameter name='height' value='600'/>
                <parameter name='width' value='800'/>
                <parameter name='delivery-method' value='inline'/>
                <parameter name='configuration' value='somebase16string'/>
                <parameter name='sampling' value='YCbCr-4:2:2'/>
              </payload-type>
            </description>
            """;

    /** XEP-0167 example 29 "Initiator sends session-initiate": its description, with an SRTP {@code <encryption/>}. */
    static final String XEP_0167_EXAMPLE_29_DESCRIPTION = """
            <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>
              <payload-type id='96' name='speex' clockrate='16000'/>
              <payload-type id='97' name='speex' clockrate='8000'/>
              <payload-type id='18' name='G729'/>
              <payload-type id='103' name='L16' clockrate='16000' channels='2'/>
              <payload-type id='98' name='x-ISAC' clockrate='8000'/>
              <encryption required='1'>
                <crypto
                    crypto-suite='AES_CM_128_HMAC_SHA1_80'
                    key-params='inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:32'
                    session-params='KDR=1 UNENCRYPTED_SRTCP'
                    tag='1'/>
              </encryption>
            </description>
            """;

    /** XEP-0167 example 33 "Responder sends session-accept": its description, with the answering encryption. */
    static final String XEP_0167_EXAMPLE_33_DESCRIPTION = """
            <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>
              <payload-type id='97' name='speex' clockrate='8000'/>
              <payload-type id='18' name='G729'/>
              <encryption>
                <crypto
                    crypto-suite='AES_CM_128_HMAC_SHA1_80'
                    key-params='inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32'
                    session-params='KDR=1;UNENCRYPTED_SRTCP'
                    tag='1'/>
              </encryption>
            </description>
            """;

    /**
     * XEP-0167 example 43 "Adding video": its description, Theora with its parameters, three static video types and a
     * bandwidth.
     */
    static final String XEP_0167_EXAMPLE_43_DESCRIPTION = """
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
            """;

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
    void audioDescriptionOfExample1ParsesToItsPayloadTypes() throws Exception {
        RtpDescription description = parse(XEP_0167_EXAMPLE_1_DESCRIPTION);

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
        assertThat(description.getBandwidth()).isNull();
        assertThat(description.isRtcpMux()).isFalse();
        assertThat(description.getOtherChildElements()).isEmpty();
        assertThat(description.getOtherAttributes().isEmpty()).isTrue();
        assertWritesBackEquivalent(description, XEP_0167_EXAMPLE_1_DESCRIPTION);
    }

    @Test
    void applicationFormatListingHasRtcpMux() throws Exception {
        RtpDescription description = parse(XEP_0167_SECTION_4_DESCRIPTION);

        assertThat(description.getPayloadTypes()).extracting(PayloadType::getId)
                        .containsExactly(96, 97, 18, 103, 98, 102, 4, 0, 8, 13);
        assertThat(description.getPayloadType(0).getClockrate()).as("the listing's PCMU").isEqualTo(16000L);
        assertThat(description.isRtcpMux()).isTrue();
        assertThat(description.getChildElements().get(description.getChildElements().size() - 1))
                        .isSameAs(RtcpMux.INSTANCE);
        assertWritesBackEquivalent(description, XEP_0167_SECTION_4_DESCRIPTION);
    }

    @Test
    void parametersAndPacketTimeOfTheSdpMappingAreRead() throws Exception {
        RtpDescription description = parse(XEP_0167_SECTION_6_PARAMETERS);

        PayloadType speex = description.getPayloadType(96);
        assertThat(speex.getPtime()).isEqualTo(40L);
        assertThat(speex.getMaxptime()).isNull();
        assertThat(speex.getParameters()).extracting(Parameter::getName, Parameter::getValue)
                        .containsExactly(tuple("vbr", "on"),
                                        tuple("cng", "on"));
        assertThat(speex.getParameterValue("cng")).isEqualTo("on");
        assertThat(speex.getParameterValue("absent")).isNull();
        assertWritesBackEquivalent(description, XEP_0167_SECTION_6_PARAMETERS);
    }

    @Test
    void staticAndDynamicPayloadTypesOfTheSdpMappingAreRead() throws Exception {
        RtpDescription comfortNoise = parse(XEP_0167_SECTION_6_STATIC);
        RtpDescription speex = parse(XEP_0167_SECTION_6_DYNAMIC);

        assertThat(comfortNoise.getPayloadTypes()).singleElement().satisfies(payloadType -> {
            assertThat(payloadType.getId()).isEqualTo(13);
            assertThat(payloadType.getName()).isEqualTo("CN");
            assertThat(payloadType.getClockrate()).isNull();
        });
        assertThat(speex.getPayloadType(96).getClockrate()).isEqualTo(16000L);
        assertWritesBackEquivalent(comfortNoise, XEP_0167_SECTION_6_STATIC);
        assertWritesBackEquivalent(speex, XEP_0167_SECTION_6_DYNAMIC);
    }

    @Test
    void videoOfExample43KeepsParameterOrderAndBandwidth() throws Exception {
        RtpDescription description = parse(XEP_0167_EXAMPLE_43_DESCRIPTION);

        assertThat(description.getMedia()).isEqualTo(RtpDescription.MEDIA_VIDEO);
        assertThat(description.getPayloadType(98).getParameters()).extracting(Parameter::getName)
                        .containsExactly("height", "width", "delivery-method", "configuration", "sampling");
        assertThat(description.getPayloadType(98).getParameterValue("sampling")).isEqualTo("YCbCr-4:2:2");
        assertThat(description.getPayloadTypes()).extracting(PayloadType::getId).containsExactly(98, 28, 25, 32);
        assertThat(description.getBandwidth().getType()).isEqualTo(Bandwidth.TYPE_AS);
        assertThat(description.getBandwidth().getValue()).isEqualTo("128");
        assertThat(description.isRtcpMux()).isFalse();
        assertWritesBackEquivalent(description, XEP_0167_EXAMPLE_43_DESCRIPTION);

        RtpDescription sdpMapping = parse(XEP_0167_SECTION_6_VIDEO);
        assertThat(sdpMapping.getPayloadType(98).getParameters())
                        .isEqualTo(description.getPayloadType(98).getParameters());
        assertWritesBackEquivalent(sdpMapping, XEP_0167_SECTION_6_VIDEO);
    }

    @Test
    void srtpEncryptionOfExamples29And33IsKeptAsItCame() throws Exception {
        // SDES-SRTP is not the bridge's (WebRTC has DTLS-SRTP): the <encryption/> is kept, not modelled.
        RtpDescription offer = parse(XEP_0167_EXAMPLE_29_DESCRIPTION);
        RtpDescription answer = parse(XEP_0167_EXAMPLE_33_DESCRIPTION);

        assertThat(offer.getPayloadTypes()).hasSize(5);
        assertThat(offer.getOtherChildElements()).singleElement()
                        .isInstanceOfSatisfying(StandardExtensionElement.class, encryption -> {
                            assertThat(encryption.getElementName()).isEqualTo("encryption");
                            assertThat(encryption.getNamespace()).isEqualTo(RtpDescription.NAMESPACE);
                            assertThat(encryption.getAttributeValue("required")).isEqualTo("1");
                            assertThat(encryption.getFirstElement("crypto").getAttributeValue("key-params"))
                                            .isEqualTo("inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:32");
                        });
        assertWritesBackEquivalent(offer, XEP_0167_EXAMPLE_29_DESCRIPTION);
        assertThat(answer.getPayloadTypes()).extracting(PayloadType::getId).containsExactly(97, 18);
        assertThat(answer.getOtherChildElements()).extracting(ExtensionElement::getElementName)
                        .containsExactly("encryption");
        assertWritesBackEquivalent(answer, XEP_0167_EXAMPLE_33_DESCRIPTION);
    }

    @Test
    void writtenXmlDeclaresTheNamespaceOnceAndParsesBackTheSame() throws Exception {
        RtpDescription parsed = parse(XEP_0167_SECTION_6_PARAMETERS);
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
    void example1ThroughSmacksJingleProviderGivesAnRtpDescription() throws Exception {
        Jingle jingle = SmacksJingleParser.parse(XEP_0167_EXAMPLE_1);

        assertThat(jingle.getAction()).isEqualTo(JingleAction.session_initiate);
        assertThat(jingle.getSid()).isEqualTo("a73sjjvkla37jfea");
        JingleContent content = jingle.getSoleContentOrThrow();
        assertThat(content.getName()).isEqualTo("voice");
        assertThat(content.getTransport()).isNotNull();
        assertThat(content.getDescription()).isInstanceOfSatisfying(RtpDescription.class,
                        rtp -> assertThat(rtp.getPayloadTypes()).hasSize(6));
        assertWritesBackEquivalent((RtpDescription) content.getDescription(), XEP_0167_EXAMPLE_1_DESCRIPTION);
    }

    @Test
    void childrenOfOtherXepsThroughSmacksJingleProviderAreKeptInTheDescription() throws Exception {
        String description = XEP_0167_EXAMPLE_1_DESCRIPTION.replace("</description>", """
                          <rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='nack'/>
                          <source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='1656081975'>
                            <parameter name='msid' value='stream track'/>
                          </source>
                        </description>""");
        Jingle jingle = SmacksJingleParser.parse(sessionInitiate("", description));

        RtpDescription rtp = (RtpDescription) jingle.getSoleContentOrThrow().getDescription();
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
        RtpDescription description = parse(XEP_0167_EXAMPLE_43_DESCRIPTION);
        Jingle jingle = Jingle.builder("jingle-1")
                        .setAction(JingleAction.session_accept)
                        .setSessionId("a73sjjvkla37jfea")
                        .addJingleContent(JingleContent.getBuilder().setCreator(JingleContent.Creator.initiator)
                                        .setName("webcam").setDescription(description).build())
                        .build();

        Jingle parsed = SmacksJingleParser.parse(jingle.toXML().toString());

        RtpDescription parsedDescription = (RtpDescription) parsed.getSoleContentOrThrow().getDescription();
        assertWritesBackEquivalent(parsedDescription, XEP_0167_EXAMPLE_43_DESCRIPTION);
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

    /**
     * XEP-0167's example 1 with {@code description} in place of its own, and {@code jingleAttributes} (namespace
     * declarations, say) added to its {@code <jingle/>}.
     */
    static String sessionInitiate(String jingleAttributes, String description) {
        return XEP_0167_EXAMPLE_1.replace(XEP_0167_EXAMPLE_1_DESCRIPTION, description).replace(
                        "<jingle xmlns='urn:xmpp:jingle:1'", "<jingle xmlns='urn:xmpp:jingle:1' " + jingleAttributes);
    }
}
