package org.webrtcgateway.websocket.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webrtcgateway.websocket.testing.TestCertificate;
import org.webrtcgateway.websocket.testing.TestCertificate.KeyType;

/** Reading a certificate chain and its key from PEM, as openssl writes them, and refusing pairs that cannot serve. */
class ServerCertificateTest {

    @TempDir
    static Path folder;
    static TestCertificate rsa;
    static TestCertificate otherRsa;
    static TestCertificate ec;

    @BeforeAll
    static void makeCertificates() throws Exception {
        rsa = TestCertificate.create(folder.resolve("rsa"), KeyType.RSA);
        otherRsa = TestCertificate.create(folder.resolve("other-rsa"), KeyType.RSA);
        ec = TestCertificate.create(folder.resolve("ec"), KeyType.EC);
    }

    @Test
    void anRsaPairIsRead() throws Exception {
        ServerCertificate certificate = ServerCertificate.read(bytes(rsa.certificate()), bytes(rsa.privateKey()));

        assertThat(certificate.leaf().getSerialNumber()).isEqualTo(rsa.serial());
        assertThat(certificate.describe()).startsWith("CN=localhost, serial " + rsa.opensslSerial())
                .contains("valid until " + rsa.x509().getNotAfter().toInstant()).endsWith("RSA 2048 bits");
    }

    @Test
    void anEcPairIsRead() throws Exception {
        ServerCertificate certificate = ServerCertificate.read(bytes(ec.certificate()), bytes(ec.privateKey()));

        assertThat(certificate.key().getAlgorithm()).isEqualTo("EC");
        assertThat(certificate.describe()).endsWith("EC 256 bits");
    }

    @Test
    void aChainIsReadInOrderWithTheServersOwnCertificateFirst() throws Exception {
        byte[] chain = concat(bytes(rsa.certificate()), bytes(ec.certificate()));

        ServerCertificate certificate = ServerCertificate.read(chain, bytes(rsa.privateKey()));

        assertThat(certificate.chain()).hasSize(2);
        assertThat(certificate.chain().get(1).getSerialNumber()).isEqualTo(ec.serial());
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() throws Exception {
        assertThatThrownBy(() -> ServerCertificate.read(bytes(rsa.certificate()), bytes(otherRsa.privateKey())))
                .isInstanceOf(UnusableCertificate.class)
                .hasMessageContaining("the private key does not belong to the certificate CN=localhost")
                .hasMessageContaining("serial " + rsa.opensslSerial());
    }

    @Test
    void anEcKeyForAnRsaCertificateIsRefused() throws Exception {
        assertThatThrownBy(() -> ServerCertificate.read(bytes(rsa.certificate()), bytes(ec.privateKey())))
                .hasMessageContaining("does not belong");
    }

    @Test
    void aChainThatDoesNotStartWithTheServersOwnCertificateIsRefused() throws Exception {
        byte[] chain = concat(bytes(ec.certificate()), bytes(rsa.certificate()));

        assertThatThrownBy(() -> ServerCertificate.read(chain, bytes(rsa.privateKey())))
                .hasMessageContaining("must start with the server's own certificate");
    }

    @Test
    void aTraditionalRsaKeyIsRefusedWithTheCommandThatConvertsIt() throws Exception {
        Path pkcs1 = folder.resolve("pkcs1.pem");
        TestCertificate.openssl(List.of("openssl", "rsa", "-in", rsa.privateKey().toString(), "-traditional", "-out", pkcs1.toString()));
        assertThat(Files.readString(pkcs1)).contains("BEGIN RSA PRIVATE KEY");

        assertThatThrownBy(() -> ServerCertificate.read(bytes(rsa.certificate()), bytes(pkcs1)))
                .hasMessageContaining("no unencrypted PKCS#8 PEM key").hasMessageContaining("it holds RSA PRIVATE KEY")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void anEcKeyInItsOwnFormatIsRefusedWithTheCommandThatConvertsIt() throws Exception {
        Path sec1 = folder.resolve("sec1.pem");
        TestCertificate.openssl(List.of("openssl", "ec", "-in", ec.privateKey().toString(), "-out", sec1.toString()));
        assertThat(Files.readString(sec1)).contains("BEGIN EC PRIVATE KEY");

        assertThatThrownBy(() -> ServerCertificate.read(bytes(ec.certificate()), bytes(sec1)))
                .hasMessageContaining("it holds EC PRIVATE KEY").hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void aCertificateFileWithoutACertificateIsRefused() throws Exception {
        assertThatThrownBy(() -> ServerCertificate.read(bytes(rsa.privateKey()), bytes(rsa.privateKey())))
                .hasMessageContaining("the certificate file holds no PEM certificate").hasMessageContaining("it holds PRIVATE KEY");
    }

    @Test
    void aDamagedCertificateIsRefused() throws Exception {
        byte[] damaged = "-----BEGIN CERTIFICATE-----\nMIIBAAAA\n-----END CERTIFICATE-----\n".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> ServerCertificate.read(damaged, bytes(rsa.privateKey())))
                .hasMessageContaining("certificate 1 of the chain is not a valid X.509 certificate");
    }

    @Test
    void aKeyAndCertificateInOneFileServeAsBoth() throws Exception {
        byte[] both = concat(bytes(rsa.privateKey()), bytes(rsa.certificate()));

        assertThat(ServerCertificate.read(both, both).leaf().getSerialNumber()).isEqualTo(rsa.serial());
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
