package org.webrtcgateway.xmpp.jingle.iceudp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import org.webrtcgateway.xmpp.jingle.iceudp.element.IceUdpTransport;
import org.webrtcgateway.xmpp.jingle.iceudp.provider.IceUdpTransportProvider;

/**
 * Whole Jingle IQs of XEP-0176 and XEP-0320 through Smack's own JingleProvider: the transport providers serve it as
 * they serve the bridge's JingleIqProvider (see JingleIqTest).
 */
class JingleIqParsingTest {

    static final String ICE_UDP = "urn:xmpp:jingle:transports:ice-udp:1";

    /** XEP-0176 1.1.1, example 1 "Initiation". */
    static final String XEP_0176_SESSION_INITIATE = """
            <iq from='romeo@montague.lit/orchard'
                id='ixt174g9'
                to='juliet@capulet.lit/balcony'
                type='set'>
              <jingle xmlns='urn:xmpp:jingle:1'
                      action='session-initiate'
                      initiator='romeo@montague.lit/orchard'
                      sid='a73sjjvkla37jfea'>
                <content creator='initiator' name='this-is-the-audio-content'>
                  <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>
                    <payload-type id='96' name='speex' clockrate='16000'/>
                    <payload-type id='97' name='speex' clockrate='8000'/>
                    <payload-type id='18' name='G729'/>
                    <payload-type id='0' name='PCMU' />
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

    /** XEP-0176 1.1.1, example "Initiator restarts ICE negotiation": transport-info with one candidate. */
    static final String XEP_0176_TRANSPORT_INFO = """
            <iq from='romeo@montague.lit/orchard'
                id='kl23fs71'
                to='juliet@capulet.lit/balcony'
                type='set'>
              <jingle xmlns='urn:xmpp:jingle:1'
                      action='transport-info'
                      initiator='romeo@montague.lit/orchard'
                      sid='a73sjjvkla37jfea'>
                <content creator='initiator' name='this-is-the-audio-content'>
                  <transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'
                             pwd='bv71hdn38hgb39hf6xlk33'
                             ufrag='g7qs'>
                    <candidate component='1'
                               foundation='1'
                               generation='1'
                               id='y3s2b30v3r'
                               ip='192.0.2.3'
                               network='1'
                               port='45665'
                               priority='1694498815'
                               protocol='udp'
                               type='srflx'/>
                  </transport>
                </content>
              </jingle>
            </iq>
            """;

    /** XEP-0320 1.0.0, example 1 "Initiator sends session invitation with DTLS fingerprint". */
    static final String XEP_0320_SESSION_INITIATE = """
            <iq from='romeo@montague.lit/orchard'
                id='uz61v4m4'
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
                    <payload-type id='103' name='L16' clockrate='16000' channels='2'/>
                    <payload-type id='98' name='x-ISAC' clockrate='8000'/>
                  </description>
                  <transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'
                             pwd='asd88fgpdd777uzjYhagZg'
                             ufrag='8hhy'>
                    <fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-256' setup='actpass'>
                      02:1A:CC:54:27:AB:EB:9C:53:3F:3E:4B:65:2E:7D:46:3F:54:42:CD:54:F1:7A:03:A2:7D:F9:B0:7F:46:19:B2
                    </fingerprint>
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

    /** XEP-0320 1.0.0, example 3 "A transport-info containing a DTLS fingerprint" (its tabs included). */
    static final String XEP_0320_TRANSPORT_INFO = """
            <iq from='juliet@capulet.lit/balcony'
                id='pn2va48j'
                to='romeo@montague.lit/orchard'
                type='set'>
              <jingle xmlns='urn:xmpp:jingle:1'
                      action='transport-info'
                      initiator='romeo@montague.lit/orchard'
                      responder='juliet@capulet.lit/balcony'
                      sid='a73sjjvkla37jfea'>
                <content creator='initiator' name='voice'>
                  <transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'
                             pwd='YH75Fviy6338Vbrhrlp8Yh'
                             ufrag='9uB6'>
                    <fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-256' setup='active'>
            \t        BD:E8:2C:D3:BD:B6:98:50:45:7D:5B:36:89:53:31:15:52:25:88:82:06:95:88:A3:3D:A5:43:8D:5C:21:21:66
            \t      </fingerprint>
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
        Jingle jingle = parseJingle(XEP_0176_SESSION_INITIATE);

        assertThat(jingle.getAction()).isEqualTo(JingleAction.session_initiate);
        IceUdpTransport transport = onlyTransport(jingle);
        assertThat(transport.getUfrag()).isEqualTo("8hhy");
        assertThat(transport.getIceCandidates()).extracting(IceUdpCandidate::getId)
                .containsExactly("el0747fg11", "y3s2b30v3r");
        assertThat(transport.getIceCandidates().get(1).getRelatedPort()).isEqualTo(8998);
        assertTransportWrittenBackEquivalently(jingle, XEP_0176_SESSION_INITIATE);
    }

    @Test
    void transportInfoOfXep0176CarriesItsOneCandidate() throws Exception {
        Jingle jingle = parseJingle(XEP_0176_TRANSPORT_INFO);

        assertThat(jingle.getAction()).isEqualTo(JingleAction.transport_info);
        IceUdpTransport transport = onlyTransport(jingle);
        assertThat(transport.getIceCandidates()).singleElement()
                .extracting(IceUdpCandidate::getGeneration).isEqualTo(1);
        assertTransportWrittenBackEquivalently(jingle, XEP_0176_TRANSPORT_INFO);
    }

    @Test
    void sessionInitiateOfXep0320HasTheFingerprintAmongTheTransportsChildren() throws Exception {
        Jingle jingle = parseJingle(XEP_0320_SESSION_INITIATE);

        IceUdpTransport transport = onlyTransport(jingle);
        assertThat(transport.getIceCandidates()).hasSize(2);
        assertThat(transport.getExtensions()).singleElement().isInstanceOf(DtlsFingerprint.class);
        assertThat(transport.getExtensions(DtlsFingerprint.class).get(0)).isEqualTo(new DtlsFingerprint("sha-256",
                DtlsFingerprint.Setup.ACTPASS,
                "02:1A:CC:54:27:AB:EB:9C:53:3F:3E:4B:65:2E:7D:46:3F:54:42:CD:54:F1:7A:03:A2:7D:F9:B0:7F:46:19:B2"));
        assertThat(transport.getChildrenInOrder().get(0)).as("the fingerprint stays first, as sent")
                .isInstanceOf(DtlsFingerprint.class);
        assertTransportWrittenBackEquivalently(jingle, XEP_0320_SESSION_INITIATE);
    }

    @Test
    void transportInfoOfXep0320HasTheRespondersFingerprint() throws Exception {
        Jingle jingle = parseJingle(XEP_0320_TRANSPORT_INFO);

        assertThat(jingle.getAction()).isEqualTo(JingleAction.transport_info);
        IceUdpTransport transport = onlyTransport(jingle);
        DtlsFingerprint fingerprint = transport.getExtensions(DtlsFingerprint.class).get(0);
        assertThat(fingerprint.getSetup()).isEqualTo(DtlsFingerprint.Setup.ACTIVE);
        assertThat(fingerprint.getFingerprint()).startsWith("BD:E8:2C:D3").endsWith("21:21:66");
        assertThat(transport.getIceCandidates()).singleElement().extracting(IceUdpCandidate::getNetwork).isEqualTo(0);
        assertTransportWrittenBackEquivalently(jingle, XEP_0320_TRANSPORT_INFO);
    }

    @Test
    void aJingleIqWithAnInvalidCandidateIsRefusedWithAClearMessage() {
        String iq = XEP_0176_TRANSPORT_INFO.replace("port='45665'", "port='70000'");

        assertThatThrownBy(() -> SmacksJingleParser.parse(iq))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("XEP-0176 <candidate/> attribute 'port' must be an unsignedShort (0 to 65535),"
                        + " but is '70000'");
    }

    @Test
    void aJingleIqWithAnInvalidFingerprintIsRefusedWithAClearMessage() {
        String iq = XEP_0320_TRANSPORT_INFO.replace("setup='active'", "setup='server'");

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
