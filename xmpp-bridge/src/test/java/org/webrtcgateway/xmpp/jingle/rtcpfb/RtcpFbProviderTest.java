package org.webrtcgateway.xmpp.jingle.rtcpfb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.webrtcgateway.xmpp.jingle.XmlAssert.assertEquivalentXml;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.webrtcgateway.xmpp.jingle.rtcpfb.element.RtcpFb;
import org.webrtcgateway.xmpp.jingle.rtcpfb.element.RtcpFbParameter;
import org.webrtcgateway.xmpp.jingle.rtcpfb.element.RtcpFbTrrInt;
import org.webrtcgateway.xmpp.jingle.rtp.JingleRtp;
import org.webrtcgateway.xmpp.jingle.rtp.element.PayloadType;
import org.webrtcgateway.xmpp.jingle.rtp.element.RtpDescription;
import org.webrtcgateway.xmpp.jingle.rtp.provider.RtpDescriptionProvider;

class RtcpFbProviderTest {

    /**
     * XEP-0293's examples in one description: feedback for one codec inside its payload-type (SDP's
     * {@code a=rtcp-fb:96 nack pli}), for all codecs directly in the description ({@code a=rtcp-fb:* nack}), and the
     * trr-int at both levels ({@code a=rtcp-fb:* trr-int 100}).
     */
    static final String XEP_0293_DESCRIPTION = """
                    <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='video'>
                      <payload-type id='96' name='H264' clockrate='90000'>
                        <parameter name='profile-level-id' value='42e01f'/>
                        <rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='nack' subtype='pli'/>
                        <rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='ccm' subtype='fir'/>
                        <rtcp-fb-trr-int xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' value='60'/>
                      </payload-type>
                      <payload-type id='97' name='VP8' clockrate='90000'/>
                      <rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='nack'/>
                      <rtcp-fb-trr-int xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' value='100'/>
                    </description>""";

    @BeforeAll
    static void registerProviders() {
        JingleRtp.registerProviders();
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
        RtpDescription description = parseDescription(XEP_0293_DESCRIPTION);

        PayloadType h264 = description.getPayloadType(96);
        assertThat(h264.getChildElements(RtcpFb.class)).extracting(RtcpFb::getType, RtcpFb::getSubtype)
                        .containsExactly(tuple(RtcpFb.TYPE_NACK, RtcpFb.SUBTYPE_PLI), tuple(RtcpFb.TYPE_CCM, RtcpFb.SUBTYPE_FIR));
        assertThat(h264.getChildElements(RtcpFbTrrInt.class)).singleElement().extracting(RtcpFbTrrInt::getValue)
                        .isEqualTo(60L);
        assertThat(h264.getParameterValue("profile-level-id")).isEqualTo("42e01f");
        assertThat(description.getPayloadType(97).getChildElements()).isEmpty();

        assertThat(description.getChildElements(RtcpFb.class)).singleElement().satisfies(forAll -> {
            assertThat(forAll.getType()).isEqualTo(RtcpFb.TYPE_NACK);
            assertThat(forAll.getSubtype()).isNull();
            assertThat(forAll.getParameters()).isEmpty();
        });
        assertThat(description.getChildElements(RtcpFbTrrInt.class)).singleElement().extracting(RtcpFbTrrInt::getValue)
                        .isEqualTo(100L);

        assertEquivalentXml(description.toXML(), XEP_0293_DESCRIPTION);
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
