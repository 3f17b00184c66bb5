package org.webrtcgateway.xmpp.jingle.iceudp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.PWD;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.UFRAG;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.XEP_0176_EXAMPLE_1_HOST_CANDIDATE;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.XEP_0176_EXAMPLE_1_TRANSPORT;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.XEP_0176_EXAMPLE_4_TRANSPORT;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.XEP_0176_EXAMPLE_5_TRANSPORT;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.XEP_0176_EXAMPLE_7_TRANSPORT;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.XEP_0320_EXAMPLE_1_FINGERPRINT;
import static org.webrtcgateway.xmpp.jingle.JingleFixtures.iceUdpTransport;
import static org.webrtcgateway.xmpp.jingle.XmlAssert.assertEquivalentXml;

import java.util.stream.Stream;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.webrtcgateway.xmpp.jingle.dtls.element.DtlsFingerprint;
import org.webrtcgateway.xmpp.jingle.iceudp.element.IceUdpCandidate;
import org.webrtcgateway.xmpp.jingle.iceudp.element.IceUdpRemoteCandidate;
import org.webrtcgateway.xmpp.jingle.iceudp.element.IceUdpTransport;
import org.webrtcgateway.xmpp.jingle.iceudp.provider.IceUdpTransportProvider;

/**
 * XEP-0176's {@code <transport/>}, {@code <candidate/>} and {@code <remote-candidate/>}, alone: the transports of the
 * XEP's examples 1, 4, 5 and 7 (version 1.1.1, see {@link org.webrtcgateway.xmpp.jingle.JingleFixtures}), and what
 * the schema refuses.
 */
class IceUdpTransportProviderTest {

    @BeforeAll
    static void registerProviders() {
        JingleTransports.registerProviders();
    }

    static IceUdpTransport parse(String xml) throws Exception {
        return IceUdpTransportProvider.INSTANCE.parse(PacketParserUtils.getParserFor(xml));
    }

    @Test
    void aCandidateWithoutGenerationOrIdAsStanzaJsWritesItIsTakenAsOfTheFirstGenerationWithAnIdOfItsOwn() throws Exception {
        IceUdpTransport transport = parse("<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='u' pwd='p'>"
                + "<candidate component='1' foundation='1' ip='127.0.0.1' port='50000' priority='2122260223'"
                + " protocol='udp' type='host'/></transport>");

        assertThat(transport.getIceCandidates().get(0).getGeneration()).isZero();
        assertThat(transport.getIceCandidates().get(0).getId()).isNotEmpty();
    }

    @Test
    void sessionInitiateTransportOfXep0176ParsesToTheExampleValues() throws Exception {
        IceUdpTransport transport = parse(XEP_0176_EXAMPLE_1_TRANSPORT);

        assertThat(transport.getNamespace()).isEqualTo("urn:xmpp:jingle:transports:ice-udp:1");
        assertThat(transport.getElementName()).isEqualTo("transport");
        assertThat(transport.getUfrag()).isEqualTo("8hhy");
        assertThat(transport.getPwd()).isEqualTo("asd88fgpdd777uzjYhagZg");
        assertThat(transport.getRemoteCandidate()).isNull();
        assertThat(transport.getExtensions()).isEmpty();
        assertThat(transport.getIceCandidates()).containsExactly(
                IceUdpCandidate.builder()
                        .setComponent(1).setFoundation("1").setGeneration(0).setId("el0747fg11").setIp("10.0.1.1")
                        .setNetwork(1).setPort(8998).setPriority(2130706431L).setProtocol("udp")
                        .setType(IceUdpCandidate.Type.HOST)
                        .build(),
                IceUdpCandidate.builder()
                        .setComponent(1).setFoundation("2").setGeneration(0).setId("y3s2b30v3r").setIp("192.0.2.3")
                        .setNetwork(1).setPort(45664).setPriority(1694498815L).setProtocol("udp")
                        .setRelatedAddress("10.0.1.1").setRelatedPort(8998)
                        .setType(IceUdpCandidate.Type.SRFLX)
                        .build());
        // What code that only knows Smack's JingleContentTransport sees.
        assertThat(transport.getCandidates()).containsExactlyElementsOf(transport.getIceCandidates());
        assertThat(transport.getInfo()).isNull();
    }

    @Test
    void sessionInitiateTransportOfXep0176SerializesBackToEquivalentXml() throws Exception {
        IceUdpTransport transport = parse(XEP_0176_EXAMPLE_1_TRANSPORT);

        assertEquivalentXml(transport.toXML(), XEP_0176_EXAMPLE_1_TRANSPORT);
        // And what is written reads back to the same values.
        assertThat(parse(transport.toXML().toString()).getIceCandidates())
                .isEqualTo(transport.getIceCandidates());
    }

    @Test
    void transportInfoWithOneCandidateOfXep0176ParsesAndSerializesBack() throws Exception {
        IceUdpTransport transport = parse(XEP_0176_EXAMPLE_7_TRANSPORT);

        assertThat(transport.getUfrag()).isEqualTo("g7qs");
        assertThat(transport.getPwd()).isEqualTo("bv71hdn38hgb39hf6xlk33");
        assertThat(transport.getIceCandidates()).singleElement().satisfies(candidate -> {
            assertThat(candidate.getGeneration()).isEqualTo(1);
            assertThat(candidate.getPort()).isEqualTo(45665);
            assertThat(candidate.getType()).isEqualTo(IceUdpCandidate.Type.SRFLX);
            assertThat(candidate.getRelatedAddress()).isNull();
            assertThat(candidate.getRelatedPort()).isNull();
            assertThat(candidate.getTcpType()).isNull();
        });
        assertEquivalentXml(transport.toXML(), XEP_0176_EXAMPLE_7_TRANSPORT);
    }

    @Test
    void priorityIsAPositiveIntegerAsTheSchemaSaysEvenBeyondRfc8445sRange() throws Exception {
        // XEP-0176's own example 5 sends 21149780477, above RFC 8445's 2^31-1 and even 2^32: the schema's
        // xs:positiveInteger accepts it, so the parser does; bounding it is for whoever writes SDP.
        IceUdpTransport transport = parse(XEP_0176_EXAMPLE_5_TRANSPORT);

        IceUdpCandidate candidate = transport.getIceCandidates().get(0);
        assertThat(candidate.getPriority()).isEqualTo(21_149_780_477L);
        assertThat(candidate.getIp()).isEqualTo("2001:db8::9:1");
        assertThat(candidate.getNetwork()).isZero();
        assertEquivalentXml(transport.toXML(), XEP_0176_EXAMPLE_5_TRANSPORT);
    }

    @Test
    void remoteCandidateOfXep0176IsTheTransportsInfo() throws Exception {
        IceUdpTransport transport = parse(XEP_0176_EXAMPLE_4_TRANSPORT);

        assertThat(transport.getIceCandidates()).isEmpty();
        assertThat(transport.getRemoteCandidate()).isEqualTo(new IceUdpRemoteCandidate(1, "10.0.1.2", 9001));
        assertThat(transport.getInfo()).isSameAs(transport.getRemoteCandidate());
        assertEquivalentXml(transport.toXML(), XEP_0176_EXAMPLE_4_TRANSPORT);
    }

    @Test
    void emptyTransportOfASessionInitiateWithoutCandidatesRoundTrips() throws Exception {
        String xml = "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' pwd='asd88fgpdd777uzjYhagZg' ufrag='8hhy'/>";

        IceUdpTransport transport = parse(xml);

        assertThat(transport.getChildrenInOrder()).isEmpty();
        assertThat(transport.toXML().toString()).endsWith("/>");
        assertEquivalentXml(transport.toXML(), xml);
    }

    @Test
    void childrenOfOtherXepsAreKeptAndWrittenBackInTheirOrder() throws Exception {
        // XEP-0320 puts the fingerprint first; an unknown extension, between two candidates, must survive as well.
        String xml = iceUdpTransport(UFRAG, PWD, XEP_0320_EXAMPLE_1_FINGERPRINT, XEP_0176_EXAMPLE_1_HOST_CANDIDATE,
                """
                <future xmlns='urn:example:future:0' mode='fast'><detail>kept</detail></future>
                <candidate component='2' foundation='1' generation='0' id='el0747fg12' ip='10.0.1.1'
                           network='1' port='8999' priority='2130706430' protocol='udp' type='host'/>
                """);

        IceUdpTransport transport = parse(xml);

        assertThat(transport.getChildrenInOrder()).extracting(child -> child.getElementName())
                .containsExactly("fingerprint", "candidate", "future", "candidate");
        assertThat(transport.getIceCandidates()).extracting(IceUdpCandidate::getComponent).containsExactly(1, 2);
        assertThat(transport.getExtensions()).hasSize(2);
        assertThat(transport.getExtensions(DtlsFingerprint.class)).singleElement()
                .extracting(DtlsFingerprint::getSetup).isEqualTo(DtlsFingerprint.Setup.ACTPASS);
        ExtensionElement unknown = transport.getExtensions().get(1);
        assertThat(unknown).isInstanceOf(StandardExtensionElement.class);
        assertThat(((StandardExtensionElement) unknown).getAttributeValue("mode")).isEqualTo("fast");
        assertThat(((StandardExtensionElement) unknown).getFirstElement("detail").getText()).isEqualTo("kept");
        assertEquivalentXml(transport.toXML(), xml);
    }

    @Test
    void attributesTheSchemaDoesNotDefineAreIgnoredNotRefused() throws Exception {
        String xml = """
                <transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='8hhy' pwd='asd88fgpdd777uzjYhagZg'
                           rtcp-mux='true'>
                  <candidate component='1' foundation='1' generation='0' id='el0747fg11' ip='10.0.1.1'
                             port='8998' priority='2130706431' protocol='udp' type='host' color='blue'/>
                </transport>
                """;

        IceUdpTransport transport = parse(xml);

        assertThat(transport.getIceCandidates()).singleElement().satisfies(candidate -> {
            assertThat(candidate.getPort()).isEqualTo(8998);
            assertThat(candidate.getNetwork()).as("network is optional since XEP-0176 1.1").isNull();
        });
        assertThat(transport.toXML().toString()).doesNotContain("color").doesNotContain("rtcp-mux")
                .doesNotContain("network");
    }

    @Test
    void tcpCandidatesKeepTheirTcptype() throws Exception {
        String xml = """
                <transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='8hhy' pwd='asd88fgpdd777uzjYhagZg'>
                  <candidate component='1' foundation='3' generation='0' id='t1' ip='10.0.1.1' network='0'
                             port='9' priority='1518280447' protocol='tcp' type='host' tcptype='active'/>
                </transport>
                """;

        IceUdpTransport transport = parse(xml);

        assertThat(transport.getIceCandidates().get(0).getTcpType()).isEqualTo(IceUdpCandidate.TcpType.ACTIVE);
        assertThat(transport.getIceCandidates().get(0).getProtocol()).isEqualTo("tcp");
        assertEquivalentXml(transport.toXML(), xml);
    }

    static Stream<Arguments> garbageCandidates() {
        return Stream.of(
                Arguments.of("port='70000'", "attribute 'port' must be an unsignedShort (0 to 65535), but is '70000'"),
                Arguments.of("port='-1'", "attribute 'port' must be an unsignedShort (0 to 65535), but is '-1'"),
                Arguments.of("type='local'",
                        "attribute 'type' must be one of host, prflx, relay, srflx, but is 'local'"),
                Arguments.of("priority='high'",
                        "attribute 'priority' must be a positiveInteger (1 to 9223372036854775807), but is 'high'"),
                Arguments.of("priority='0'", "attribute 'priority' must be a positiveInteger"),
                Arguments.of("priority='99999999999999999999'", "attribute 'priority' must be a positiveInteger"),
                Arguments.of("component='256'",
                        "attribute 'component' must be an unsignedByte (0 to 255), but is '256'"),
                Arguments.of("generation='one'", "attribute 'generation' must be an unsignedByte"),
                Arguments.of("network='eth0'", "attribute 'network' must be an unsignedByte (0 to 255), but is 'eth0'"),
                Arguments.of("rel-port='65536'", "attribute 'rel-port' must be an unsignedShort"),
                Arguments.of("tcptype='both'", "attribute 'tcptype' must be one of active, passive, so, but is 'both'"),
                Arguments.of("ip=''", "lacks the required attribute 'ip'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbageCandidates")
    void garbageInACandidateIsRefusedWithAClearMessage(String badAttribute, String expectedMessage) {
        String attributeName = badAttribute.substring(0, badAttribute.indexOf('='));
        String valid = "component='1' foundation='1' generation='0' id='el0747fg11' ip='10.0.1.1' network='1'"
                + " port='8998' priority='2130706431' protocol='udp' type='host' rel-port='8998' tcptype='passive'";
        String candidate = valid.replaceAll("\\b" + attributeName + "='[^']*'", badAttribute);
        String xml = "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='8hhy' pwd='p'><candidate "
                + candidate + "/></transport>";

        assertThatThrownBy(() -> parse(xml))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("XEP-0176 <candidate/>")
                .hasMessageContaining(expectedMessage);
    }

    @Test
    void aCandidateWithoutARequiredAttributeIsRefused() {
        String xml = """
                <transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'>
                  <candidate component='1' foundation='1' generation='0' id='el0747fg11' ip='10.0.1.1'
                             priority='2130706431' protocol='udp' type='host'/>
                </transport>
                """;

        assertThatThrownBy(() -> parse(xml))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("XEP-0176 <candidate/> lacks the required attribute 'port'");
    }

    @Test
    void garbageInARemoteCandidateIsRefused() {
        String xml = """
                <transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'>
                  <remote-candidate component='1' ip='10.0.1.2' port='70000'/>
                </transport>
                """;

        assertThatThrownBy(() -> parse(xml))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("XEP-0176 <remote-candidate/> attribute 'port' must be an unsignedShort (0 to 65535),"
                        + " but is '70000'");
    }

    @Test
    void candidatesAndARemoteCandidateTogetherAreRefusedAsTheSchemasChoiceSays() {
        String xml = """
                <transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'>
                  <candidate component='1' foundation='1' generation='0' id='el0747fg11' ip='10.0.1.1'
                             port='8998' priority='2130706431' protocol='udp' type='host'/>
                  <remote-candidate component='1' ip='10.0.1.2' port='9001'/>
                </transport>
                """;

        assertThatThrownBy(() -> parse(xml))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("either <candidate/>s or one <remote-candidate/>, not both");
    }

    @Test
    void twoRemoteCandidatesAreRefused() {
        String xml = """
                <transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'>
                  <remote-candidate component='1' ip='10.0.1.2' port='9001'/>
                  <remote-candidate component='2' ip='10.0.1.2' port='9002'/>
                </transport>
                """;

        assertThatThrownBy(() -> parse(xml))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one <remote-candidate/>, not two");
    }

    @Test
    void theBuilderRefusesWhatTheParserRefuses() {
        assertThatThrownBy(() -> IceUdpCandidate.builder().setPort(70_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'port' must be an unsignedShort");
        assertThatThrownBy(() -> IceUdpCandidate.builder().setPriority(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'priority' must be a positiveInteger");
        assertThatThrownBy(() -> IceUdpCandidate.builder().setComponent(1).setFoundation("1").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("XEP-0176 <candidate/> lacks the required attribute 'generation'");
        assertThatThrownBy(() -> new IceUdpRemoteCandidate(1, "", 9001))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("XEP-0176 <remote-candidate/> lacks the required attribute 'ip'");
    }

    @Test
    void aBuiltTransportWritesWhatTheParserReads() throws Exception {
        IceUdpTransport built = IceUdpTransport.builder()
                .setUfrag("8hhy")
                .setPwd("asd88fgpdd777uzjYhagZg")
                .addExtension(new DtlsFingerprint("sha-256", DtlsFingerprint.Setup.ACTIVE, "02:1A:CC"))
                .addCandidate(IceUdpCandidate.builder()
                        .setComponent(1).setFoundation("842163049").setGeneration(0).setId("c1")
                        .setIp("abcd-1234.local").setPort(54400).setPriority(2122260223L).setProtocol("udp")
                        .setType(IceUdpCandidate.Type.HOST).build())
                .build();

        IceUdpTransport read = parse(built.toXML().toString());

        assertThat(read.getIceCandidates()).isEqualTo(built.getIceCandidates());
        assertThat(read.getExtensions()).containsExactlyElementsOf(built.getExtensions());
        assertThat(read.getUfrag()).isEqualTo("8hhy");
        assertThat(read.getPwd()).isEqualTo("asd88fgpdd777uzjYhagZg");
    }
}
