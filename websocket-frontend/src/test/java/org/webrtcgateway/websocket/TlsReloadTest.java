package org.webrtcgateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Set;

import javax.net.ssl.SSLHandshakeException;

import com.google.inject.Key;
import com.google.inject.TypeLiteral;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.webrtcgateway.core.plugin.Reloadable;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.websocket.testing.TestCertificate;

/** A renewed certificate (certbot writes new files) is taken on reload (SIGHUP), for new connections, without a restart. */
class TlsReloadTest {

    @TempDir
    static Path folder;
    static Path live;
    static TestCertificate first;

    @BeforeAll
    static void makeCertificate() throws Exception {
        first = TestCertificate.create(Files.createDirectories(folder.resolve("first")));
        live = Files.createDirectories(folder.resolve("live"));
        install(first);
    }

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension()
            .with("websocket.tls-certificate", live.resolve("cert.pem").toString())
            .with("websocket.tls-private-key", live.resolve("key.pem").toString());

    @Test
    void aRenewedCertificateServesNewConnectionsAfterAReload() throws Exception {
        assertThat(healthTrusting(first).statusCode()).isEqualTo(200);
        TestCertificate renewed = TestCertificate.create(Files.createDirectories(folder.resolve("renewed")));
        install(renewed);
        try {
            assertThat(healthTrusting(first).statusCode()).as("before the reload: the old certificate").isEqualTo(200);
            String said = reloadables().iterator().next().reload();

            assertThat(said).contains("reloaded");
            assertThat(healthTrusting(renewed).statusCode()).isEqualTo(200);
            assertThatThrownBy(() -> healthTrusting(first)).isInstanceOf(SSLHandshakeException.class);
        } finally {
            install(first);
        }
    }

    @Test
    void unusableFilesLeaveTheCertificateInUse() throws Exception {
        Files.writeString(live.resolve("key.pem"), "not a key");
        try {
            assertThatThrownBy(() -> reloadables().iterator().next().reload()).hasMessageContaining("cannot use");

            assertThat(healthTrusting(first).statusCode()).isEqualTo(200);
        } finally {
            install(first);
        }
    }

    private Set<Reloadable> reloadables() {
        return gateway.injector().getInstance(Key.get(new TypeLiteral<Set<Reloadable>>() { }));
    }

    private HttpResponse<String> healthTrusting(TestCertificate certificate) throws Exception {
        // a new client each time: a new TLS connection, not a resumed one
        HttpClient client = HttpClient.newBuilder().sslContext(certificate.trustingContext())
                .connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(java.net.URI.create("https://127.0.0.1:" + gateway.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void install(TestCertificate certificate) throws Exception {
        Files.copy(certificate.certificate(), live.resolve("cert.pem"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(certificate.privateKey(), live.resolve("key.pem"), StandardCopyOption.REPLACE_EXISTING);
    }
}
