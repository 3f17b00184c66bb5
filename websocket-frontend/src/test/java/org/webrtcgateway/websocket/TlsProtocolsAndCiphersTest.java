package org.webrtcgateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.Security;
import java.util.List;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.websocket.testing.OpenSslClient;
import org.webrtcgateway.websocket.testing.TestCertificate;
import org.webrtcgateway.websocket.testing.TestCertificate.KeyType;
import org.webrtcgateway.websocket.testing.TlsHandshake;

/**
 * {@code wss://} speaks TLS 1.3, and TLS 1.2 only with forward-secret AEAD suites (ECDHE with AES-GCM or
 * ChaCha20-Poly1305): Mozilla's "intermediate" server configuration. Proved with two clients that share
 * no code with the gateway's TLS: OpenSSL's s_client, and the JDK's client offering exactly one version
 * or suite. This module's tests run in a JVM whose java.security allows TLS 1.0 and 1.1 (see the pom),
 * as an operator's JVM may: what refuses them here is the gateway's own configuration.
 */
class TlsProtocolsAndCiphersTest {

    @TempDir
    static Path folder;
    static TestCertificate rsa;
    static TestCertificate ec;

    @BeforeAll
    static void makeCertificates() throws Exception {
        rsa = TestCertificate.create(folder.resolve("rsa"), KeyType.RSA);
        ec = TestCertificate.create(folder.resolve("ec"), KeyType.EC);
    }

    @Test
    void theJvmOfTheseTestsWouldAllowOldProtocolsSoTheGatewayMustRefuseThemItself() {
        assertThat(Security.getProperty("jdk.tls.disabledAlgorithms")).doesNotContain("TLSv1.1").doesNotContain("TLSv1,");
    }

    @Nested
    class WithAnRsaKey {

        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension()
                .with("websocket.tls-certificate", rsa.certificate().toString())
                .with("websocket.tls-private-key", rsa.privateKey().toString());

        @Test
        void aTls13ClientConnects() throws Exception {
            OpenSslClient.Result openssl = OpenSslClient.handshake(gateway.port(), "-tls1_3");
            TlsHandshake.Result jdk = TlsHandshake.with(gateway.port(), List.of("TLSv1.3"), TlsHandshake.ANY);

            assertThat(openssl.connected()).as(openssl.output()).isTrue();
            assertThat(openssl.protocol()).isEqualTo("TLSv1.3");
            assertThat(jdk.protocol()).isEqualTo("TLSv1.3");
        }

        @Test
        void aTls12ClientWithEcdheAndAesGcmConnects() throws Exception {
            OpenSslClient.Result openssl = OpenSslClient.handshake(gateway.port(), "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256");
            TlsHandshake.Result jdk = TlsHandshake.with(gateway.port(), List.of("TLSv1.2"),
                    List.of("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"));

            assertThat(openssl.connected()).as(openssl.output()).isTrue();
            assertThat(openssl.protocol()).isEqualTo("TLSv1.2");
            assertThat(openssl.cipherSuite()).isEqualTo("ECDHE-RSA-AES128-GCM-SHA256");
            assertThat(jdk.cipherSuite()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
        }

        @Test
        void aTls12ClientWithEcdheAndChaCha20Connects() throws Exception {
            OpenSslClient.Result openssl = OpenSslClient.handshake(gateway.port(), "-tls1_2", "-cipher", "ECDHE-RSA-CHACHA20-POLY1305");

            assertThat(openssl.connected()).as(openssl.output()).isTrue();
            assertThat(openssl.cipherSuite()).isEqualTo("ECDHE-RSA-CHACHA20-POLY1305");
        }

        @Test
        void theClientsOrderOfSuitesWins() throws Exception {
            // Mozilla: every suite offered is strong, so the client picks (a phone without AES instructions wants ChaCha20).
            OpenSslClient.Result chachaFirst = OpenSslClient.handshake(gateway.port(), "-tls1_2", "-cipher",
                    "ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-GCM-SHA256");
            OpenSslClient.Result aesFirst = OpenSslClient.handshake(gateway.port(), "-tls1_2", "-cipher",
                    "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-CHACHA20-POLY1305");

            assertThat(chachaFirst.cipherSuite()).as(chachaFirst.output()).isEqualTo("ECDHE-RSA-CHACHA20-POLY1305");
            assertThat(aesFirst.cipherSuite()).as(aesFirst.output()).isEqualTo("ECDHE-RSA-AES128-GCM-SHA256");
        }

        @Test
        void tls11AndTls10ClientsAreRefusedByTheServer() throws Exception {
            // SECLEVEL=0: OpenSSL 3 will not offer TLS 1.0/1.1 otherwise (their signatures use SHA-1).
            OpenSslClient.Result tls11 = OpenSslClient.handshake(gateway.port(), "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0");
            OpenSslClient.Result tls10 = OpenSslClient.handshake(gateway.port(), "-tls1", "-cipher", "DEFAULT@SECLEVEL=0");

            assertThat(tls11.connected()).as(tls11.output()).isFalse();
            assertThat(tls11.serverAlerted("protocol version")).as("the server refused the version: " + tls11.output()).isTrue();
            assertThat(tls10.connected()).as(tls10.output()).isFalse();
            assertThat(tls10.serverAlerted("protocol version")).as("the server refused the version: " + tls10.output()).isTrue();
        }

        @Test
        void aTls11JdkClientIsRefused() {
            assertThatThrownBy(() -> TlsHandshake.with(gateway.port(), List.of("TLSv1.1"), TlsHandshake.ANY))
                    .isInstanceOf(SSLHandshakeException.class);
        }

        @Test
        void aClientOfferingOnlySuitesWithoutForwardSecrecyIsRefused() throws Exception {
            OpenSslClient.Result rsaKeyExchange = OpenSslClient.handshake(gateway.port(), "-tls1_2", "-cipher", "AES128-GCM-SHA256");

            assertThat(rsaKeyExchange.connected()).as(rsaKeyExchange.output()).isFalse();
            assertThat(rsaKeyExchange.serverAlerted("handshake failure")).as(rsaKeyExchange.output()).isTrue();
            assertThatThrownBy(() -> TlsHandshake.with(gateway.port(), List.of("TLSv1.2"), List.of("TLS_RSA_WITH_AES_128_GCM_SHA256")))
                    .isInstanceOf(SSLHandshakeException.class);
        }

        @Test
        void aClientOfferingOnlyCbcSuitesIsRefused() throws Exception {
            OpenSslClient.Result cbc = OpenSslClient.handshake(gateway.port(), "-tls1_2", "-cipher",
                    "ECDHE-RSA-AES128-SHA256:ECDHE-RSA-AES128-SHA:ECDHE-RSA-AES256-SHA384");

            assertThat(cbc.connected()).as(cbc.output()).isFalse();
            assertThat(cbc.serverAlerted("handshake failure")).as(cbc.output()).isTrue();
            assertThatThrownBy(() -> TlsHandshake.with(gateway.port(), List.of("TLSv1.2"),
                    List.of("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384")))
                    .isInstanceOf(SSLHandshakeException.class);
        }

        @Test
        void aClientOfferingOnlyFiniteFieldDheIsRefused() throws Exception {
            OpenSslClient.Result dhe = OpenSslClient.handshake(gateway.port(), "-tls1_2", "-cipher", "DHE-RSA-AES128-GCM-SHA256");

            assertThat(dhe.connected()).as(dhe.output()).isFalse();
            assertThat(dhe.serverAlerted("handshake failure")).as(dhe.output()).isTrue();
        }
    }

    @Nested
    class WithAnEcKey {

        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension()
                .with("websocket.tls-certificate", ec.certificate().toString())
                .with("websocket.tls-private-key", ec.privateKey().toString());

        @Test
        void tls13AndTheEcdsaSuitesOfTls12Connect() throws Exception {
            OpenSslClient.Result tls13 = OpenSslClient.handshake(gateway.port(), "-tls1_3");
            OpenSslClient.Result aesGcm = OpenSslClient.handshake(gateway.port(), "-tls1_2", "-cipher", "ECDHE-ECDSA-AES256-GCM-SHA384");
            OpenSslClient.Result chacha = OpenSslClient.handshake(gateway.port(), "-tls1_2", "-cipher", "ECDHE-ECDSA-CHACHA20-POLY1305");
            TlsHandshake.Result jdk = TlsHandshake.with(gateway.port(), List.of("TLSv1.2"),
                    List.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"));

            assertThat(tls13.protocol()).as(tls13.output()).isEqualTo("TLSv1.3");
            assertThat(aesGcm.cipherSuite()).as(aesGcm.output()).isEqualTo("ECDHE-ECDSA-AES256-GCM-SHA384");
            assertThat(chacha.cipherSuite()).as(chacha.output()).isEqualTo("ECDHE-ECDSA-CHACHA20-POLY1305");
            assertThat(jdk.cipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
            assertThat(jdk.certificate().getPublicKey().getAlgorithm()).isEqualTo("EC");
        }

        @Test
        void oldProtocolsAndCbcAreRefusedHereToo() throws Exception {
            OpenSslClient.Result tls11 = OpenSslClient.handshake(gateway.port(), "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0");
            OpenSslClient.Result cbc = OpenSslClient.handshake(gateway.port(), "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA256:ECDHE-ECDSA-AES128-SHA");

            assertThat(tls11.serverAlerted("protocol version")).as(tls11.output()).isTrue();
            assertThat(cbc.serverAlerted("handshake failure")).as(cbc.output()).isTrue();
        }
    }
}
