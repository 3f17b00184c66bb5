package org.webrtcgateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import javax.net.ssl.SSLHandshakeException;

import com.google.inject.Key;
import com.google.inject.TypeLiteral;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.webrtcgateway.core.plugin.Reloadable;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.websocket.testing.TestCertificate;
import org.webrtcgateway.websocket.testing.TlsHandshake;

/**
 * SIGHUP ({@code systemctl reload}) serves renewed files to new connections, without a restart, also
 * where the gateway does not look at the files by itself ({@code websocket.tls-reload-interval: 0}).
 */
class TlsReloadTest {

    @TempDir
    static Path folder;
    static Path live;
    static TestCertificate first;

    @BeforeAll
    static void makeCertificate() throws Exception {
        first = TestCertificate.create(folder.resolve("first"));
        live = Files.createDirectories(folder.resolve("live"));
        first.writeTo(live.resolve("cert.pem"), live.resolve("key.pem"));
    }

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension()
            .with("websocket.tls-certificate", live.resolve("cert.pem").toString())
            .with("websocket.tls-private-key", live.resolve("key.pem").toString())
            .with("websocket.tls-reload-interval", "0");

    @AfterEach
    void putTheFirstCertificateBack() throws Exception {
        first.writeTo(live.resolve("cert.pem"), live.resolve("key.pem"));
    }

    @Test
    void aRenewedCertificateServesNewConnectionsAfterASighup() throws Exception {
        assertThat(healthTrusting(first).statusCode()).isEqualTo(200);
        TestCertificate renewed = TestCertificate.create(folder.resolve("renewed"));
        renewed.writeTo(live.resolve("cert.pem"), live.resolve("key.pem"));
        assertThat(TlsHandshake.servedCertificate(gateway.port()).getSerialNumber())
                .as("not looking at the files: the old certificate until SIGHUP").isEqualTo(first.serial());

        String said = sighup();

        assertThat(said).contains("new certificate").contains("serial " + renewed.opensslSerial());
        assertThat(healthTrusting(renewed).statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> healthTrusting(first)).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void aSighupWithUnchangedFilesSaysSo() throws Exception {
        assertThat(sighup()).contains("unchanged").contains("serial " + first.opensslSerial());
    }

    @Test
    void unusableFilesOnSighupLeaveTheCertificateInUse() throws Exception {
        Files.writeString(live.resolve("key.pem"), "not a key");

        assertThatThrownBy(this::sighup).hasMessageContaining("no unencrypted PKCS#8 PEM key")
                .hasMessageContaining(live.resolve("key.pem").toString());
        assertThat(healthTrusting(first).statusCode()).isEqualTo(200);
    }

    @Test
    void aKeyThatIsNotTheCertificatesOnSighupLeavesTheCertificateInUse() throws Exception {
        TestCertificate other = TestCertificate.create(folder.resolve("other"));
        Files.write(live.resolve("key.pem"), Files.readAllBytes(other.privateKey()));

        assertThatThrownBy(this::sighup).hasMessageContaining("does not belong to the certificate");
        assertThat(healthTrusting(first).statusCode()).isEqualTo(200);
    }

    /** What the gateway's SIGHUP handler does with each part that can reload. */
    private String sighup() throws Exception {
        Set<Reloadable> reloadables = gateway.injector().getInstance(Key.get(new TypeLiteral<Set<Reloadable>>() { }));
        assertThat(reloadables).hasSize(1);
        return reloadables.iterator().next().reload();
    }

    private HttpResponse<String> healthTrusting(TestCertificate certificate) throws Exception {
        // a new client each time: a new TLS connection, not a resumed one
        HttpClient client = HttpClient.newBuilder().sslContext(certificate.trustingContext())
                .connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + gateway.port() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
