package org.webrtcgateway.xmpp.jingle.ssma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.webrtcgateway.xmpp.jingle.XmlAssert.assertEquivalentXml;

import java.util.List;
import java.util.Map;

import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.webrtcgateway.xmpp.jingle.hdrext.GenericParent;
import org.webrtcgateway.xmpp.jingle.rtp.JingleRtp;
import org.webrtcgateway.xmpp.jingle.rtp.element.PayloadType;
import org.webrtcgateway.xmpp.jingle.rtp.element.RtpDescription;
import org.webrtcgateway.xmpp.jingle.ssma.element.MediaSource;
import org.webrtcgateway.xmpp.jingle.ssma.element.SourceParameter;
import org.webrtcgateway.xmpp.jingle.ssma.element.SsrcGroup;
import org.webrtcgateway.xmpp.jingle.ssma.provider.MediaSourceProvider;
import org.webrtcgateway.xmpp.jingle.ssma.provider.SourceSpecificMediaProviders;
import org.webrtcgateway.xmpp.jingle.ssma.provider.SsrcGroupProvider;

/**
 * XEP-0339 (version 1.0.1): the listings of its sections 2.1 and 3 (it has no numbered example but its disco#info
 * ones), its schema's limits, and what this code adds to them.
 */
class SourceSpecificMediaTest {

    /**
     * XEP-0339 section 2.1, the listing of its example {@code a=ssrc:1656081975 cname:...} and
     * {@code a=ssrc:1656081975 msid:...}.
     */
    private static final String XEP_0339_SECTION_2_1_SOURCE = """
            <source ssrc='1656081975' xmlns='urn:xmpp:jingle:apps:rtp:ssma:0'>
                <parameter name='cname' value='Yv/wvbCdsDW2Prgd'/>
                <parameter name='msid' value='MLTJKIHilGn71fNQoszkQ4jlPTuS5vJyKVIv MLTJKIHilGn71fNQoszkQ4jlPTuS5vJyKVIva0'/>
            </source>
            """;

    /**
     * XEP-0339 section 3, "Example", the Jingle listing of its minimal example: two FID groups and their four sources
     * in a video description, in a {@code <content/>} of the namespace 'http://jabber.org/protocols/jingle' as the XEP
     * has it, not XEP-0166's 'urn:xmpp:jingle:1' (read here as a generic parent, which does not mind).
     */
    private static final String XEP_0339_SECTION_3_CONTENT = """
            <content xmlns='http://jabber.org/protocols/jingle' creator='initiator' name='webcam'>
              <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='video'>
                <payload-type id='100' name='VP8' clockrate='90000'/>
                <ssrc-group xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' semantics='FID'>
                  <source ssrc='2301230316'/>
                  <source ssrc='386328120'/>
                </ssrc-group>
                <ssrc-group xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' semantics='FID'>
                  <source ssrc='3139499595'/>
                  <source ssrc='2613715171'/>
                </ssrc-group>
                <source ssrc='2301230316' xmlns='urn:xmpp:jingle:apps:rtp:ssma:0'>
                  <parameter name='cname' value='T5qvrIZj42v//eYQ'/>
                </source>
                <source ssrc='386328120' xmlns='urn:xmpp:jingle:apps:rtp:ssma:0'>
                  <parameter name='cname' value='uEYgNtStZyTF74sM'/>
                </source>
                <source ssrc='3139499595' xmlns='urn:xmpp:jingle:apps:rtp:ssma:0'>
                  <parameter name='cname' value='re8jhxkly9bxzuxr'/>
                </source>
                <source ssrc='2613715171' xmlns='urn:xmpp:jingle:apps:rtp:ssma:0'>
                  <parameter name='cname' value='f83avsiw6n1m7vi'/>
                </source>
              </description>
            </content>
            """;

    @BeforeAll
    static void registerProviders() {
        SourceSpecificMediaProviders.register();
        // For section 3's description, so that its children reach the providers of this package.
        JingleRtp.registerProviders();
    }

    private static MediaSource parseSource(String xml) throws Exception {
        return MediaSourceProvider.INSTANCE.parse(PacketParserUtils.getParserFor(xml));
    }

    private static SsrcGroup parseGroup(String xml) throws Exception {
        return SsrcGroupProvider.INSTANCE.parse(PacketParserUtils.getParserFor(xml));
    }

    @Test
    void sourceExampleParsesToItsValuesAndWritesBackTheSameXml() throws Exception {
        MediaSource source = parseSource(XEP_0339_SECTION_2_1_SOURCE);

        assertThat(source).isEqualTo(new MediaSource(1656081975L, List.of(
                new SourceParameter("cname", "Yv/wvbCdsDW2Prgd"),
                new SourceParameter("msid",
                        "MLTJKIHilGn71fNQoszkQ4jlPTuS5vJyKVIv MLTJKIHilGn71fNQoszkQ4jlPTuS5vJyKVIva0"))));
        assertThat(source.getParameterValue(SourceParameter.CNAME)).contains("Yv/wvbCdsDW2Prgd");
        assertEquivalentXml(source.toXML(), XEP_0339_SECTION_2_1_SOURCE);
    }

    @Test
    void parameterWithoutValueStaysWithoutValue() throws Exception {
        // XEP-0339 section 2.1's format listing, with a number for its ssrc-id: "If there is no value in the SDP,
        // the value parameter shall be omitted."
        String xml = """
                <source ssrc='7' xmlns='urn:xmpp:jingle:apps:rtp:ssma:0'>
                    <parameter name='attribute'/>
                    <parameter name='attribute' value='value'/>
                </source>""";

        MediaSource source = parseSource(xml);

        assertThat(source.getParameters()).containsExactly(new SourceParameter("attribute"),
                new SourceParameter("attribute", "value"));
        assertThat(source.getParameters().get(0).getValue()).isEmpty();
        assertEquivalentXml(source.toXML(), xml);
    }

    @Test
    void minimalExampleParsesToItsValuesAndWritesBackTheSameXml() throws Exception {
        GenericParent content = GenericParent.parse(XEP_0339_SECTION_3_CONTENT);

        RtpDescription description = content.getChildren(RtpDescription.class).get(0);
        assertThat(description.getPayloadTypes()).extracting(PayloadType::getName).containsExactly("VP8");
        // Two of the ssrcs are above 2^31: they only fit as unsigned numbers.
        assertThat(description.getChildElements(SsrcGroup.class)).containsExactly(
                SsrcGroup.ofSsrcs(SsrcGroup.FLOW_IDENTIFICATION, 2301230316L, 386328120L),
                SsrcGroup.ofSsrcs(SsrcGroup.FLOW_IDENTIFICATION, 3139499595L, 2613715171L));
        assertThat(description.getChildElements(MediaSource.class))
                .extracting(MediaSource::getSsrc,
                        source -> source.getParameterValue(SourceParameter.CNAME).orElseThrow())
                .containsExactly(
                        tuple(2301230316L, "T5qvrIZj42v//eYQ"),
                        tuple(386328120L, "uEYgNtStZyTF74sM"),
                        tuple(3139499595L, "re8jhxkly9bxzuxr"),
                        tuple(2613715171L, "f83avsiw6n1m7vi"));
        assertEquivalentXml(content.toXML(), XEP_0339_SECTION_3_CONTENT);
    }

    @Test
    void ssrcsAtTheEdgesOfTheUnsigned32BitRangeAreAccepted() throws Exception {
        assertThat(parseSource("<source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='0'/>").getSsrc()).isZero();
        MediaSource largest = parseSource("<source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='4294967295'/>");
        assertThat(largest.getSsrc()).isEqualTo(4294967295L);
        assertThat(largest.toXML().toString())
                .isEqualTo("<source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='4294967295'/>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "4294967296", "99999999999999999999", "0x1F", "abc", "1.0", ""})
    void ssrcsThatAreNotUnsigned32BitNumbersAreRefused(String ssrc) {
        String message = "ssrc must be an unsigned 32-bit integer, from 0 to 4294967295, got '" + ssrc + "'";

        assertThatThrownBy(() -> parseSource("<source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='" + ssrc + "'/>"))
                .isInstanceOf(SmackParsingException.class)
                .hasMessage(message);
        assertThatThrownBy(() -> parseGroup("<ssrc-group xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' semantics='FID'>"
                + "<source ssrc='1'/><source ssrc='" + ssrc + "'/></ssrc-group>"))
                .isInstanceOf(SmackParsingException.class)
                .hasMessage(message);
    }

    @Test
    void theElementRefusesAnSsrcOutsideTheRangeToo() {
        assertThatThrownBy(() -> new MediaSource(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ssrc must be an unsigned 32-bit integer, from 0 to 4294967295, got '-1'");
        assertThatThrownBy(() -> SsrcGroup.ofSsrcs("FID", 1, 1L << 32))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got '4294967296'");
    }

    @Test
    void missingRequiredAttributesAreRefused() {
        assertThatThrownBy(() -> parseSource("<source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0'/>"))
                .isInstanceOf(SmackParsingException.class)
                .hasMessage("source must have an 'ssrc' attribute");
        assertThatThrownBy(() -> parseSource(
                "<source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='1'><parameter value='v'/></source>"))
                .isInstanceOf(SmackParsingException.class)
                .hasMessage("source parameter must have a 'name' attribute");
        assertThatThrownBy(() -> parseGroup(
                "<ssrc-group xmlns='urn:xmpp:jingle:apps:rtp:ssma:0'><source ssrc='1'/></ssrc-group>"))
                .isInstanceOf(SmackParsingException.class)
                .hasMessage("ssrc-group must have a non-empty 'semantics' attribute");
    }

    @Test
    void semanticsBeyondTheSchemasListAreAccepted() throws Exception {
        // The schema lists LS, FID, SRF, ANAT, FEC and DDP; WebRTC's simulcast groups say SIM.
        String xml = """
                <ssrc-group xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' semantics='SIM'>
                  <source ssrc='1'/>
                  <source ssrc='2'/>
                  <source ssrc='3'/>
                </ssrc-group>""";

        SsrcGroup group = parseGroup(xml);

        assertThat(group.getSemantics()).isEqualTo(SsrcGroup.SIMULCAST);
        assertThat(group.getSsrcs()).containsExactly(1L, 2L, 3L);
        assertEquivalentXml(group.toXML(), xml);
    }

    @Test
    void jitsiMeetsAttributesAndChildrenAreKeptAndWrittenBack() throws Exception {
        String xml = """
                <source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='1757014965' name='a1b2c3d4-v0' videoType='camera'>
                  <parameter name='msid' value='stream track'/>
                  <ssrc-info xmlns='http://jitsi.org/jitmeet' owner='room@conference.example/a1b2c3d4'/>
                </source>""";

        MediaSource source = parseSource(xml);

        assertThat(source.getOtherAttributes()).containsExactly(Map.entry("name", "a1b2c3d4-v0"),
                Map.entry("videoType", "camera"));
        assertThat(source.getOtherChildren()).singleElement()
                .isInstanceOfSatisfying(StandardExtensionElement.class, info -> {
                    assertThat(info.getNamespace()).isEqualTo("http://jitsi.org/jitmeet");
                    assertThat(info.getAttributeValue("owner")).isEqualTo("room@conference.example/a1b2c3d4");
                });
        assertEquivalentXml(source.toXML(), xml);
        assertThat(parseSource(source.toXML().toString())).isEqualTo(source);
    }

    @Test
    void registrationIsIdempotent() {
        SourceSpecificMediaProviders.register();
        SourceSpecificMediaProviders.register();

        assertThat(ProviderManager.getExtensionProvider(MediaSource.ELEMENT, MediaSource.NAMESPACE))
                .isSameAs(MediaSourceProvider.INSTANCE);
        assertThat(ProviderManager.getExtensionProvider(SsrcGroup.ELEMENT, SsrcGroup.NAMESPACE))
                .isSameAs(SsrcGroupProvider.INSTANCE);
    }
}
