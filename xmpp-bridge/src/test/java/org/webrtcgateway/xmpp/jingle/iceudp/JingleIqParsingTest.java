package org.webrtcgateway.xmpp.jingle.iceudp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.XEP_0176_EXAMPLE_1;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.XEP_0176_EXAMPLE_3;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.XEP_0176_EXAMPLE_4;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.XEP_0176_EXAMPLE_5;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.XEP_0176_EXAMPLE_7;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.XEP_0320_EXAMPLE_1;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.XEP_0320_EXAMPLE_2;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.XEP_0320_EXAMPLE_3;
import static org.webrtcgateway.xmpp.jingle.XmlAssert.assertEquivalentElement;

import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleAction;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.provider.JingleContentProviderManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.webrtcgateway.xmpp.jingle.SmacksJingleParser;
import org.webrtcgateway.xmpp.jingle.dtls.element.DtlsFingerprint;
import org.webrtcgateway.xmpp.jingle.dtls.provider.DtlsFingerprintProvider;
import org.webrtcgateway.xmpp.jingle.iceudp.element.IceUdpCandidate;
import org.webrtcgateway.xmpp.jingle.iceudp.element.IceUdpRemoteCandidate;
import org.webrtcgateway.xmpp.jingle.iceudp.element.IceUdpTransport;
import org.webrtcgateway.xmpp.jingle.iceudp.provider.IceUdpTransportProvider;

/**
 * Whole Jingle IQs of XEP-0176 (examples 1, 3, 4, 5 and 7 of version 1.1.1) and XEP-0320 (examples 1 to 3 of version
 * 1.0.0) through Smack's own JingleProvider: the transport providers serve it as they serve the bridge's
 * JingleIqProvider (see JingleIqTest, which reads the same examples).
 */
class JingleIqParsingTest {

    static final String ICE_UDP = "urn:xmpp:jingle:transports:ice-udp:1";

    @BeforeAll
    static void registerProviders() {
        JingleTransports.registerProviders();
    }

    static Jingle parseJingle(String iq) throws Exception {
        return SmacksJingleParser.parse(iq);
    }

    static IceUdpTransport onlyTransport(Jingle jingle) {
        assertThat(jingle.getContents()).hasSize(1);
        JingleContent content = jingle.getContents().get(0);
        assertThat(content.getTransport()).isInstanceOf(IceUdpTransport.class);
        return (IceUdpTransport) content.getTransport();
    }

    @Test
    void sessionInitiateOfXep0176ReachesTheIceUdpTransportThroughSmacksJingleProvider() throws Exception {
        Jingle jingle = parseJingle(XEP_0176_EXAMPLE_1);

        assertThat(jingle.getAction()).isEqualTo(JingleAction.session_initiate);
        IceUdpTransport transport = onlyTransport(jingle);
        assertThat(transport.getUfrag()).isEqualTo("8hhy");
        assertThat(transport.getIceCandidates()).extracting(IceUdpCandidate::getId)
                .containsExactly("el0747fg11", "y3s2b30v3r");
        assertThat(transport.getIceCandidates().get(1).getRelatedPort()).isEqualTo(8998);
        assertTransportWrittenBackEquivalently(jingle, XEP_0176_EXAMPLE_1);
    }

    @Test
    void transportInfoOfXep0176CarriesItsOneCandidate() throws Exception {
        Jingle jingle = parseJingle(XEP_0176_EXAMPLE_7);

        assertThat(jingle.getAction()).isEqualTo(JingleAction.transport_info);
        IceUdpTransport transport = onlyTransport(jingle);
        assertThat(transport.getIceCandidates()).singleElement()
                .extracting(IceUdpCandidate::getGeneration).isEqualTo(1);
        assertTransportWrittenBackEquivalently(jingle, XEP_0176_EXAMPLE_7);
    }

    @Test
    void sessionAcceptOfXep0176HasTheRespondersCredentialsAndCandidate() throws Exception {
        Jingle jingle = parseJingle(XEP_0176_EXAMPLE_3);

        assertThat(jingle.getAction()).isEqualTo(JingleAction.session_accept);
        IceUdpTransport transport = onlyTransport(jingle);
        assertThat(transport.getUfrag()).isEqualTo("9uB6");
        assertThat(transport.getPwd()).isEqualTo("YH75Fviy6338Vbrhrlp8Yh");
        assertThat(transport.getIceCandidates()).singleElement().satisfies(candidate -> {
            assertThat(candidate.getId()).isEqualTo("or2ii2syr1");
            assertThat(candidate.getNetwork()).isZero();
        });
        assertTransportWrittenBackEquivalently(jingle, XEP_0176_EXAMPLE_3);
    }

    @Test
    void transportInfoOfXep0176WithTheInUseCandidateHasItAsTheTransportsInfo() throws Exception {
        Jingle jingle = parseJingle(XEP_0176_EXAMPLE_4);

        IceUdpTransport transport = onlyTransport(jingle);
        assertThat(transport.getIceCandidates()).isEmpty();
        assertThat(transport.getRemoteCandidate()).isEqualTo(new IceUdpRemoteCandidate(1, "10.0.1.2", 9001));
        assertTransportWrittenBackEquivalently(jingle, XEP_0176_EXAMPLE_4);
    }

    @Test
    void transportInfoOfXep0176WithASubsequentCandidateKeepsItsIpv6AddressAndLargePriority() throws Exception {
        Jingle jingle = parseJingle(XEP_0176_EXAMPLE_5);

        IceUdpTransport transport = onlyTransport(jingle);
        assertThat(transport.getIceCandidates()).singleElement().satisfies(candidate -> {
            assertThat(candidate.getIp()).isEqualTo("2001:db8::9:1");
            assertThat(candidate.getPriority()).isEqualTo(21_149_780_477L);
        });
        assertTransportWrittenBackEquivalently(jingle, XEP_0176_EXAMPLE_5);
    }

    @Test
    void sessionInitiateOfXep0320HasTheFingerprintAmongTheTransportsChildren() throws Exception {
        Jingle jingle = parseJingle(XEP_0320_EXAMPLE_1);

        IceUdpTransport transport = onlyTransport(jingle);
        assertThat(transport.getIceCandidates()).hasSize(2);
        assertThat(transport.getExtensions()).singleElement().isInstanceOf(DtlsFingerprint.class);
        assertThat(transport.getExtensions(DtlsFingerprint.class).get(0)).isEqualTo(new DtlsFingerprint("sha-256",
                DtlsFingerprint.Setup.ACTPASS,
                "02:1A:CC:54:27:AB:EB:9C:53:3F:3E:4B:65:2E:7D:46:3F:54:42:CD:54:F1:7A:03:A2:7D:F9:B0:7F:46:19:B2"));
        assertThat(transport.getChildrenInOrder().get(0)).as("the fingerprint stays first, as sent")
                .isInstanceOf(DtlsFingerprint.class);
        assertTransportWrittenBackEquivalently(jingle, XEP_0320_EXAMPLE_1);
    }

    @Test
    void sessionAcceptOfXep0320HasTheRespondersActiveFingerprint() throws Exception {
        Jingle jingle = parseJingle(XEP_0320_EXAMPLE_2);

        assertThat(jingle.getAction()).isEqualTo(JingleAction.session_accept);
        IceUdpTransport transport = onlyTransport(jingle);
        assertThat(transport.getExtensions(DtlsFingerprint.class)).containsExactly(new DtlsFingerprint("sha-256",
                DtlsFingerprint.Setup.ACTIVE,
                "BD:E8:2C:D3:BD:B6:98:50:45:7D:5B:36:89:53:31:15:52:25:88:82:06:95:88:A3:3D:A5:43:8D:5C:21:21:66"));
        assertTransportWrittenBackEquivalently(jingle, XEP_0320_EXAMPLE_2);
    }

    @Test
    void transportInfoOfXep0320HasTheRespondersFingerprint() throws Exception {
        Jingle jingle = parseJingle(XEP_0320_EXAMPLE_3);

        assertThat(jingle.getAction()).isEqualTo(JingleAction.transport_info);
        IceUdpTransport transport = onlyTransport(jingle);
        DtlsFingerprint fingerprint = transport.getExtensions(DtlsFingerprint.class).get(0);
        assertThat(fingerprint.getSetup()).isEqualTo(DtlsFingerprint.Setup.ACTIVE);
        assertThat(fingerprint.getFingerprint()).startsWith("BD:E8:2C:D3").endsWith("21:21:66");
        assertThat(transport.getIceCandidates()).singleElement().extracting(IceUdpCandidate::getNetwork).isEqualTo(0);
        assertTransportWrittenBackEquivalently(jingle, XEP_0320_EXAMPLE_3);
    }

    @Test
    void aJingleIqWithAnInvalidCandidateIsRefusedWithAClearMessage() {
        String iq = XEP_0176_EXAMPLE_7.replace("port='45665'", "port='70000'");

        assertThatThrownBy(() -> SmacksJingleParser.parse(iq))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("XEP-0176 <candidate/> attribute 'port' must be an unsignedShort (0 to 65535),"
                        + " but is '70000'");
    }

    @Test
    void aJingleIqWithAnInvalidFingerprintIsRefusedWithAClearMessage() {
        String iq = XEP_0320_EXAMPLE_3.replace("setup='active'", "setup='server'");

        assertThatThrownBy(() -> SmacksJingleParser.parse(iq))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("XEP-0320 <fingerprint/> attribute 'setup' must be one of")
                .hasMessageContaining("'server'");
    }

    @Test
    void registrationIsIdempotent() {
        JingleTransports.registerProviders();
        JingleTransports.registerProviders();

        assertThat(JingleContentProviderManager.getJingleContentTransportProvider(ICE_UDP))
                .isSameAs(IceUdpTransportProvider.INSTANCE);
        assertThat(ProviderManager.getExtensionProvider(DtlsFingerprint.ELEMENT, DtlsFingerprint.NAMESPACE))
                .isSameAs(DtlsFingerprintProvider.INSTANCE);
    }

    /** Compares the transport only: the description belongs to XEP-0167's provider, if any is registered. */
    private static void assertTransportWrittenBackEquivalently(Jingle jingle, String originalIq) {
        CharSequence written = jingle.toXML();
        assertEquivalentElement(written, originalIq, ICE_UDP, "transport");
    }
}
