package org.webrtcgateway.xmpp.jingle.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.XEP_0320_EXAMPLE_3_FINGERPRINT;
import static org.webrtcgateway.xmpp.jingle.XmlAssert.assertEquivalentXml;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.webrtcgateway.xmpp.jingle.dtls.element.DtlsFingerprint;
import org.webrtcgateway.xmpp.jingle.dtls.provider.DtlsFingerprintProvider;
import org.webrtcgateway.xmpp.jingle.iceudp.JingleTransports;

/**
 * XEP-0320's {@code <fingerprint/>} on its own: the XEP's section 1 listing and example 3's fingerprint; inside the
 * ICE-UDP transport (its examples 1 to 3), see the iceudp package's tests and JingleIqTest.
 */
class DtlsFingerprintProviderTest {

    /**
     * XEP-0320 (version 1.0.0) section 1, the unnumbered listing after "An example follows": the fingerprint of its
     * {@code a=fingerprint} example, with the XEP's indentation ("the whitespace would not appear in actual XML
     * content").
     */
    static final String XEP_0320_SECTION_1_FINGERPRINT = """
            <fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-256' setup='actpass'>
              02:1A:CC:54:27:AB:EB:9C:53:3F:3E:4B:65:2E:7D:46:3F:54:42:CD:54:F1:7A:03:A2:7D:F9:B0:7F:46:19:B2
            </fingerprint>
            """;

    static DtlsFingerprint parse(String xml) throws Exception {
        return DtlsFingerprintProvider.INSTANCE.parse(PacketParserUtils.getParserFor(xml));
    }

    @Test
    void exampleOfXep0320ParsesToItsValues() throws Exception {
        DtlsFingerprint fingerprint = parse(XEP_0320_SECTION_1_FINGERPRINT);

        assertThat(fingerprint.getHashFunction()).isEqualTo("sha-256");
        assertThat(fingerprint.getSetup()).isEqualTo(DtlsFingerprint.Setup.ACTPASS);
        assertThat(fingerprint.getFingerprint()).as("without the example's indentation").isEqualTo(
                "02:1A:CC:54:27:AB:EB:9C:53:3F:3E:4B:65:2E:7D:46:3F:54:42:CD:54:F1:7A:03:A2:7D:F9:B0:7F:46:19:B2");
        assertThat(fingerprint.toSdpValue()).isEqualTo(
                "sha-256 02:1A:CC:54:27:AB:EB:9C:53:3F:3E:4B:65:2E:7D:46:3F:54:42:CD:54:F1:7A:03:A2:7D:F9:B0:7F:46:19:B2");
    }

    @Test
    void exampleOfXep0320SerializesBackToEquivalentXml() throws Exception {
        DtlsFingerprint fingerprint = parse(XEP_0320_SECTION_1_FINGERPRINT);

        assertEquivalentXml(fingerprint.toXML(), XEP_0320_SECTION_1_FINGERPRINT);
        assertThat(parse(fingerprint.toXML().toString())).isEqualTo(fingerprint);
    }

    @Test
    void tabIndentedTextOfXep0320sTransportInfoExampleIsTrimmed() throws Exception {
        DtlsFingerprint fingerprint = parse(XEP_0320_EXAMPLE_3_FINGERPRINT);

        assertThat(fingerprint.getFingerprint()).isEqualTo(
                "BD:E8:2C:D3:BD:B6:98:50:45:7D:5B:36:89:53:31:15:52:25:88:82:06:95:88:A3:3D:A5:43:8D:5C:21:21:66");
        assertThat(fingerprint.getSetup()).isEqualTo(DtlsFingerprint.Setup.ACTIVE);
        assertEquivalentXml(fingerprint.toXML(), XEP_0320_EXAMPLE_3_FINGERPRINT);
    }

    @Test
    void everySetupOfTheSchemaIsAccepted() throws Exception {
        for (DtlsFingerprint.Setup setup : DtlsFingerprint.Setup.values()) {
            String xml = "<fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-1' setup='"
                    + setup.getXmlValue() + "'>0A:0b</fingerprint>";
            assertThat(parse(xml).getSetup()).isEqualTo(setup);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "hash='sha-256' setup='both'|XEP-0320 <fingerprint/> attribute 'setup' must be one of active, passive, actpass, holdconn, but is 'both'",
        "hash='sha-256'|XEP-0320 <fingerprint/> lacks the required attribute 'setup'",
        "setup='active'|XEP-0320 <fingerprint/> lacks the required attribute 'hash'",
    })
    void garbageAttributesAreRefusedWithAClearMessage(String attributes, String expectedMessage) {
        String xml = "<fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' " + attributes + ">02:1A</fingerprint>";

        assertThatThrownBy(() -> parse(xml))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(expectedMessage);
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', value = {"not a fingerprint", "02:1A:C", "02-1A-CC", "02:1A:", "''"})
    void textThatIsNotHexPairsIsRefused(String text) {
        String xml = "<fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-256' setup='active'>" + text
                + "</fingerprint>";

        assertThatThrownBy(() -> parse(xml))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("XEP-0320 <fingerprint/> must contain colon-separated hex pairs");
    }

    @Test
    void registeredWithSmacksProviderManagerSoThatGenericParsingFindsIt() throws Exception {
        JingleTransports.registerProviders();
        XmlPullParser parser = PacketParserUtils.getParserFor(XEP_0320_SECTION_1_FINGERPRINT);

        ExtensionElement parsed = PacketParserUtils.parseExtensionElement("fingerprint",
                "urn:xmpp:jingle:apps:dtls:0", parser, null);

        assertThat(parsed).isInstanceOf(DtlsFingerprint.class);
    }
}
