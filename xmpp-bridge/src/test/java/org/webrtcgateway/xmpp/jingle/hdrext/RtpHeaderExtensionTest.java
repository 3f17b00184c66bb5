package org.webrtcgateway.xmpp.jingle.hdrext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.webrtcgateway.xmpp.jingle.XmlAssert.assertEquivalentXml;

import java.util.List;
import java.util.Map;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smackx.jingle.element.JingleContent.Senders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.webrtcgateway.xmpp.jingle.hdrext.element.ExtmapAllowMixed;
import org.webrtcgateway.xmpp.jingle.hdrext.element.HeaderExtensionParameter;
import org.webrtcgateway.xmpp.jingle.hdrext.element.RtpHeaderExtension;
import org.webrtcgateway.xmpp.jingle.hdrext.provider.ExtmapAllowMixedProvider;
import org.webrtcgateway.xmpp.jingle.hdrext.provider.RtpHeaderExtensionProvider;
import org.webrtcgateway.xmpp.jingle.hdrext.provider.RtpHeaderExtensionProviders;

/**
 * XEP-0294 (version 1.1.2): its examples 1, 2, 3 and 5, its schema's limits, and what this code adds to them. Example
 * numbers are those of the XEP as published at that version.
 */
class RtpHeaderExtensionTest {

    /**
     * XEP-0294 example 1, "Initiator sends description inside session-initiate": ids 4907, outside RFC 8285's 1-255
     * and outside the XEP's own table (1-256, 4096-4351) too.
     */
    private static final String XEP_0294_EXAMPLE_1 = """
            <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='video'>
              <rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0'
            \t      uri='urn:ietf:params:rtp-hdrext:toffset'
            \t      id='1'/>
              <rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0'
            \t      uri='urn:ietf:params:rtp-hdrext:ntp-64'
            \t      id='4907'/>
              <rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0'
            \t      uri='urn:ietf:params:rtp-hdrext:ntp-56'
            \t      id='4907'/>
              <payload-type id='96' name='THEORA' clockrate='90000'/>
              <extmap-allow-mixed xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0'/>
            </description>
            """;

    /** XEP-0294 example 2, "Reponder sends description inside session-accept". */
    private static final String XEP_0294_EXAMPLE_2 = """
            <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='video'>
              <rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0'
            \t      uri='urn:ietf:params:rtp-hdrext:toffset'
            \t      id='1'/>
              <rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0'
            \t      uri='urn:ietf:params:rtp-hdrext:ntp-56'
            \t      id='2'/>
              <payload-type id='96' name='THEORA' clockrate='90000'/>
            </description>
            """;

    /**
     * XEP-0294 example 3, "Responder sends description inside session-accept with only the synchronisation data
     * accepted".
     */
    private static final String XEP_0294_EXAMPLE_3 = """
            <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='video'>
              <rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0'
            \t      uri='urn:ietf:params:rtp-hdrext:ntp-64'
            \t      id='2'/>
              <payload-type id='96' name='THEORA' clockrate='90000'/>
            </description>
            """;

    /** XEP-0294 example 5, "The same description in XMPP format" (that of its SDP example 4, RFC 8285 section 7's). */
    private static final String XEP_0294_EXAMPLE_5 = """
            <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='video'>
              <rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0'
            \t      id='1'
            \t      uri='URI-toffset'/>
              <rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0'
            \t      id='2'
            \t      uri='URI-gps-string'
            \t      senders='initiator'/>
              <rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0'
            \t      id='3'
            \t      uri='URI-frametype'/>
              <extmap-allow-mixed xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0'/>
            </description>
            """;

    @BeforeAll
    static void registerProviders() {
        RtpHeaderExtensionProviders.register();
    }

    private static RtpHeaderExtension parse(String xml) throws Exception {
        return RtpHeaderExtensionProvider.INSTANCE.parse(PacketParserUtils.getParserFor(xml));
    }

    @Test
    void example5ParsesToItsValuesAndWritesBackTheSameXml() throws Exception {
        GenericParent description = GenericParent.parse(XEP_0294_EXAMPLE_5);

        assertThat(description.getChildren(RtpHeaderExtension.class)).containsExactly(
                new RtpHeaderExtension(1, "URI-toffset"),
                new RtpHeaderExtension(2, "URI-gps-string", Senders.initiator, List.of()),
                new RtpHeaderExtension(3, "URI-frametype"));
        assertThat(description.getChildren().get(3)).isSameAs(ExtmapAllowMixed.INSTANCE);
        assertEquivalentXml(description.toXML(), XEP_0294_EXAMPLE_5);
    }

    @Test
    void example2ParsesToItsValuesAndWritesBackTheSameXml() throws Exception {
        GenericParent description = GenericParent.parse(XEP_0294_EXAMPLE_2);

        List<RtpHeaderExtension> extensions = description.getChildren(RtpHeaderExtension.class);
        assertThat(extensions).extracting(RtpHeaderExtension::getId, RtpHeaderExtension::getUri,
                        RtpHeaderExtension::getSenders)
                .containsExactly(
                        tuple(1, "urn:ietf:params:rtp-hdrext:toffset", Senders.both),
                        tuple(2, "urn:ietf:params:rtp-hdrext:ntp-56", Senders.both));
        assertEquivalentXml(description.toXML(), XEP_0294_EXAMPLE_2);
    }

    @Test
    void example3ParsesToItsValuesAndWritesBackTheSameXml() throws Exception {
        GenericParent description = GenericParent.parse(XEP_0294_EXAMPLE_3);

        assertThat(description.getChildren(RtpHeaderExtension.class))
                .containsExactly(new RtpHeaderExtension(2, "urn:ietf:params:rtp-hdrext:ntp-64"));
        assertEquivalentXml(description.toXML(), XEP_0294_EXAMPLE_3);
    }

    @Test
    void example1IsRefusedForItsId4907() {
        // 4907 is outside 1-255, and outside even the 4096-4351 the XEP's own table allows in offers.
        assertThatThrownBy(() -> GenericParent.parse(XEP_0294_EXAMPLE_1))
                .isInstanceOf(SmackParsingException.class)
                .hasMessage("rtp-hdrext id must be an integer from 1 to 255 (RFC 8285), got '4907'");
    }

    @Test
    void parametersParseAndWriteBack() throws Exception {
        String xml = """
                <rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' id='14' uri='urn:example:hdrext'
                            senders='responder'>
                  <parameter name='mode' value='fast'/>
                  <parameter name='flag'/>
                  <parameter name='blank' value=''/>
                </rtp-hdrext>
                """;

        RtpHeaderExtension extension = parse(xml);

        assertThat(extension).isEqualTo(new RtpHeaderExtension(14, "urn:example:hdrext", Senders.responder,
                List.of(new HeaderExtensionParameter("mode", "fast"), new HeaderExtensionParameter("flag"),
                        new HeaderExtensionParameter("blank", ""))));
        assertThat(extension.getParameterValue("mode")).contains("fast");
        assertThat(extension.getParameterValue("flag")).isEmpty();
        assertThat(extension.getParameterValue("absent")).isEmpty();
        assertEquivalentXml(extension.toXML(), xml);
        assertThat(parse(extension.toXML().toString())).isEqualTo(extension);
    }

    @Test
    void sendersBothIsTheDefaultAndIsLeftOut() throws Exception {
        RtpHeaderExtension explicit = parse(
                "<rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' id='5' uri='u' senders='both'/>");

        assertThat(explicit).isEqualTo(new RtpHeaderExtension(5, "u"));
        assertThat(explicit.toXML().toString())
                .isEqualTo("<rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' id='5' uri='u'/>");
    }

    @Test
    void idsAtTheEdgesOfTheRangeAreAccepted() throws Exception {
        assertThat(parse("<rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' id='1' uri='u'/>").getId())
                .isEqualTo(1);
        assertThat(parse("<rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' id=' 255 ' uri='u'/>").getId())
                .isEqualTo(255);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "256", "-1", "4096", "4351", "65536", "99999999999999999999", "abc", "1.5", ""})
    void idsOutsideOneTo255AreRefused(String id) {
        String xml = "<rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' id='" + id + "' uri='u'/>";

        assertThatThrownBy(() -> parse(xml))
                .isInstanceOf(SmackParsingException.class)
                .hasMessage("rtp-hdrext id must be an integer from 1 to 255 (RFC 8285), got '" + id + "'");
    }

    @Test
    void theElementRefusesAnIdOutsideTheRangeToo() {
        assertThatThrownBy(() -> new RtpHeaderExtension(0, "u"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rtp-hdrext id must be an integer from 1 to 255 (RFC 8285), got '0'");
        assertThatThrownBy(() -> new RtpHeaderExtension(256, "u"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got '256'");
    }

    @Test
    void missingRequiredAttributesAreRefused() {
        assertThatThrownBy(() -> parse("<rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' uri='u'/>"))
                .isInstanceOf(SmackParsingException.class)
                .hasMessage("rtp-hdrext must have an 'id' attribute");
        assertThatThrownBy(() -> parse("<rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' id='1'/>"))
                .isInstanceOf(SmackParsingException.class)
                .hasMessage("rtp-hdrext must have a non-empty 'uri' attribute");
        assertThatThrownBy(() -> parse("<rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' id='1' uri='u'>"
                + "<parameter value='v'/></rtp-hdrext>"))
                .isInstanceOf(SmackParsingException.class)
                .hasMessage("rtp-hdrext parameter must have a 'name' attribute");
    }

    @Test
    void sendersOutsideTheSchemasValuesAreRefused() {
        assertThatThrownBy(() -> parse(
                "<rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' id='1' uri='u' senders='sendonly'/>"))
                .isInstanceOf(SmackParsingException.class)
                .hasMessage("rtp-hdrext senders must be one of both, initiator, none, responder, got 'sendonly'");
    }

    @Test
    void unknownAttributesAndChildrenAreKeptAndWrittenBack() throws Exception {
        String xml = """
                <rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' id='3' uri='u' vendor-hint='x'>
                  <parameter name='p' value='1'/>
                  <note xmlns='urn:example:vendor' level='2'>text</note>
                </rtp-hdrext>
                """;

        RtpHeaderExtension extension = parse(xml);

        assertThat(extension.getOtherAttributes()).containsExactly(Map.entry("vendor-hint", "x"));
        assertThat(extension.getOtherChildren()).singleElement()
                .isInstanceOfSatisfying(StandardExtensionElement.class, note -> {
                    assertThat(note.getNamespace()).isEqualTo("urn:example:vendor");
                    assertThat(note.getAttributeValue("level")).isEqualTo("2");
                    assertThat(note.getText()).isEqualTo("text");
                });
        assertEquivalentXml(extension.toXML(), xml);
        assertThat(parse(extension.toXML().toString())).isEqualTo(extension);
    }

    @Test
    void extmapAllowMixedIsOneEmptyElement() throws Exception {
        ExtensionElement parsed = ExtmapAllowMixedProvider.INSTANCE.parse(PacketParserUtils.getParserFor(
                "<extmap-allow-mixed xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0'/>"));

        assertThat(parsed).isSameAs(ExtmapAllowMixed.INSTANCE);
        assertThat(parsed.toXML().toString())
                .isEqualTo("<extmap-allow-mixed xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0'/>");
    }

    @Test
    void registrationIsIdempotent() {
        RtpHeaderExtensionProviders.register();
        RtpHeaderExtensionProviders.register();

        assertThat(ProviderManager.getExtensionProvider(RtpHeaderExtension.ELEMENT, RtpHeaderExtension.NAMESPACE))
                .isSameAs(RtpHeaderExtensionProvider.INSTANCE);
        assertThat(ProviderManager.getExtensionProvider(ExtmapAllowMixed.ELEMENT, ExtmapAllowMixed.NAMESPACE))
                .isSameAs(ExtmapAllowMixedProvider.INSTANCE);
    }
}
