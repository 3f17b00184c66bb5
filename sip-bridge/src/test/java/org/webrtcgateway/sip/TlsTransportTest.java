package org.webrtcgateway.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import ch.qos.logback.classic.Level;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.sip.testing.FreePorts;
import org.webrtcgateway.sip.testing.TestKeystores;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.LogCapture;
import org.webrtcgateway.testing.TestClient;

/**
 * The tls transport between two gateways in trunk mode (A's proxy is B): a call goes through when A
 * trusts B's certificate, and fails with {@code bye} reason {@code unreachable} by default (no truststore:
 * only the gateway's own keystore is trusted, not B's self-signed certificate): peers are verified.
 */
@Tag("sip")
class TlsTransportTest {

    private static final Path DIR = TestKeystores.freshDir("tls");
    private static final Path A_KEYS = TestKeystores.keystore(DIR, "gateway-a");
    private static final Path B_KEYS = TestKeystores.keystore(DIR, "gateway-b");
    private static final Path A_TRUSTS_B = TestKeystores.truststoreFor(DIR, B_KEYS, "gateway-b");
    /** A certificate A trusts, for a host name other than the address A connects to. */
    private static final Path C_KEYS = TestKeystores.keystore(DIR, "gateway-c", "pbx.example.org", "dns:pbx.example.org");
    private static final Path A_TRUSTS_C = TestKeystores.truststoreFor(DIR, C_KEYS, "gateway-c");

    private final int portA = FreePorts.udpAndTcp();
    private final int portB = FreePorts.udpAndTcp();

    private GatewayExtension gateway(int port, int peerPort, Path keys) {
        return new GatewayExtension()
                .with("sip.enabled", "true")
                .with("sip.port", String.valueOf(port))
                .with("sip.transports", "tls")
                .with("sip.proxy", "127.0.0.1:" + peerPort)
                .with("sip.trunk.domain", "127.0.0.1")
                .with("sip.invite-timeout", "3s")
                .with("sip.gathering-deadline", "200ms")
                .with("sip.tls-keystore", keys.toString())
                .with("sip.tls-keystore-password", TestKeystores.PASSWORD);
    }

    @RegisterExtension
    final GatewayExtension b = gateway(portB, portA, B_KEYS);

    @RegisterExtension
    final GatewayExtension trustingA = gateway(portA, portB, A_KEYS)
            .with("sip.tls-truststore", A_TRUSTS_B.toString());

    @Test
    void aCallOverTlsToATrustedPeerGoesThrough() {
        TestClient alice = trustingA.login("alice");
        TestClient bob = b.login("bob");

        String call = alice.requestOk("type", "offer", "to", "sip:bob@127.0.0.1:" + portB, "sdp",
                SipCallsThroughKamailioTest.OFFER).path("call").asText();
        alice.send("type", "candidate", "call", call, "candidate", null);

        JsonNode offer = bob.next("offer");
        assertThat(offer.path("from").asText()).isEqualTo("sip:alice@127.0.0.1");
        bob.requestOk("type", "answer", "call", offer.path("call").asText(), "sdp", SipCallsThroughKamailioTest.OFFER);
        bob.send("type", "candidate", "call", offer.path("call").asText(), "candidate", null);
        alice.nextAfterOptional("ringing", "answer");
        alice.requestOk("type", "bye", "call", call);
        assertThat(bob.next("bye").path("call").asText()).isEqualTo(offer.path("call").asText());
    }

    @Test
    void byDefaultAPeerWithASelfSignedCertificateIsUnreachable() {
        trustingA.stop();
        // No sip.tls-truststore: the JVM's CA certificates are trusted, and none signed B's certificate.
        GatewayExtension defaultTrust = gateway(FreePorts.udpAndTcp(), portB, A_KEYS);
        try {
            defaultTrust.start();
            TestClient alice = defaultTrust.login("alice");
            TestClient bob = b.login("bob");

            String call = alice.requestOk("type", "offer", "to", "sip:bob@127.0.0.1:" + portB, "sdp",
                    SipCallsThroughKamailioTest.OFFER).path("call").asText();
            alice.send("type", "candidate", "call", call, "candidate", null);

            assertThat(alice.next("bye").path("reason").asText()).isEqualTo("unreachable");
            bob.expectNothing(java.time.Duration.ofMillis(300));
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            defaultTrust.stop();
        }
    }

    @Test
    void aTrustedCertificateForAnotherHostThanThePeersIsRefusedSoTheCallIsUnreachable() throws Exception {
        trustingA.stop();
        b.stop();
        int portC = FreePorts.udpAndTcp();
        int portA2 = FreePorts.udpAndTcp();
        GatewayExtension c = gateway(portC, portA2, C_KEYS);
        GatewayExtension a = gateway(portA2, portC, A_KEYS).with("sip.tls-truststore", A_TRUSTS_C.toString());
        LogCapture log = LogCapture.everything();
        try {
            c.start();
            a.start();
            TestClient alice = a.login("alice");
            TestClient bob = c.login("bob");

            String call = alice.requestOk("type", "offer", "to", "sip:bob@127.0.0.1:" + portC, "sdp",
                    SipCallsThroughKamailioTest.OFFER).path("call").asText();
            alice.send("type", "candidate", "call", call, "candidate", null);

            // The chain is trusted; only the name (pbx.example.org, not 127.0.0.1) is wrong.
            assertThat(alice.next("bye").path("reason").asText()).isEqualTo("unreachable");
            bob.expectNothing(java.time.Duration.ofMillis(300));
            assertThat(LogCapture.lines(log.atLeast(Level.WARN))).as("the operator is told why")
                    .anyMatch(line -> line.contains("SIP TLS peer's certificate refused") && line.contains("CN=pbx.example.org")
                            && line.contains("127.0.0.1"));
            assertThat(LogCapture.lines(log.withStackTrace(Level.WARN))).isEmpty();
        } finally {
            log.close();
            a.stop();
            c.stop();
        }
    }
}
