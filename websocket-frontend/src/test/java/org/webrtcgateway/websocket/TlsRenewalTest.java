package org.webrtcgateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.LogCapture;
import org.webrtcgateway.testing.TestClient;
import org.webrtcgateway.testing.metrics.Exposition;
import org.webrtcgateway.testing.metrics.Promtool;
import org.webrtcgateway.websocket.testing.TestCertificate;
import org.webrtcgateway.websocket.testing.TestCertificate.KeyType;
import org.webrtcgateway.websocket.testing.TlsHandshake;
import org.webrtcgateway.websocket.tls.CertificateWatch;

/**
 * A renewed certificate written over the configured files serves the handshakes that follow, found by
 * the gateway's own look at the files ({@code websocket.tls-reload-interval}, short here): no restart,
 * no SIGHUP, and the connections already open carry on. A pair that cannot be served changes nothing
 * and is logged.
 */
class TlsRenewalTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String LOOK_INTERVAL = "50ms";

    @TempDir
    Path folder;
    private GatewayExtension gateway;
    private Path certificateFile;
    private Path keyFile;

    @AfterEach
    void stopTheGateway() {
        if (gateway != null) {
            gateway.stop();
        }
    }

    @Test
    void aCertificateOverwrittenInPlaceServesNewHandshakesWithoutARestart() throws Exception {
        TestCertificate first = TestCertificate.create(folder.resolve("first"), KeyType.RSA);
        startServing(first);
        assertThat(servedSerial()).isEqualTo(first.serial());

        TestCertificate renewed = TestCertificate.create(folder.resolve("renewed"), KeyType.RSA);
        renewed.writeTo(certificateFile, keyFile);

        await().atMost(WAIT).ignoreExceptions().until(this::servedSerial, renewed.serial()::equals);
    }

    @Test
    void aCertbotRenewalThatRepointsTheLiveLinksServesNewHandshakes() throws Exception {
        // certbot's layout: live/NAME/*.pem are relative links into archive/NAME/*N.pem; a renewal writes
        // the N+1 files, then replaces each link (unlink, symlink: not atomic), privkey before fullchain.
        Path archive = Files.createDirectories(folder.resolve("etc/letsencrypt/archive/gw.example.org"));
        Path live = Files.createDirectories(folder.resolve("etc/letsencrypt/live/gw.example.org"));
        TestCertificate first = TestCertificate.create(folder.resolve("first"), KeyType.EC);
        TestCertificate renewed = TestCertificate.create(folder.resolve("renewed"), KeyType.EC);
        first.writeTo(archive.resolve("fullchain1.pem"), archive.resolve("privkey1.pem"));
        certbotLink(live.resolve("fullchain.pem"), "fullchain1.pem");
        certbotLink(live.resolve("privkey.pem"), "privkey1.pem");
        startServing(live.resolve("fullchain.pem"), live.resolve("privkey.pem"));
        assertThat(servedSerial()).isEqualTo(first.serial());

        renewed.writeTo(archive.resolve("fullchain2.pem"), archive.resolve("privkey2.pem"));
        certbotLink(live.resolve("privkey.pem"), "privkey2.pem");
        certbotLink(live.resolve("fullchain.pem"), "fullchain2.pem");

        await().atMost(WAIT).ignoreExceptions().until(this::servedSerial, renewed.serial()::equals);
        assertThat(Files.readAllBytes(live.resolve("fullchain.pem"))).as("the link was followed anew")
                .isEqualTo(Files.readAllBytes(renewed.certificate()));
    }

    @Test
    void anRsaCertificateCanBeRenewedWithAnEcOne() throws Exception {
        startServing(TestCertificate.create(folder.resolve("first"), KeyType.RSA));

        TestCertificate renewed = TestCertificate.create(folder.resolve("renewed"), KeyType.EC);
        renewed.writeTo(certificateFile, keyFile);

        await().atMost(WAIT).ignoreExceptions().until(this::servedSerial, renewed.serial()::equals);
        assertThat(TlsHandshake.servedCertificate(gateway.port()).getPublicKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void aWebSocketOpenBeforeTheRenewalKeepsExchangingMessagesWithOnesOpenedAfter() throws Exception {
        TestCertificate first = TestCertificate.create(folder.resolve("first"), KeyType.RSA);
        startServing(first);
        TestClient alice = TestClient.connect(gateway.wsUri(), first.trustingContext());
        alice.login("alice");

        TestCertificate renewed = TestCertificate.create(folder.resolve("renewed"), KeyType.RSA);
        renewed.writeTo(certificateFile, keyFile);
        await().atMost(WAIT).ignoreExceptions().until(this::servedSerial, renewed.serial()::equals);
        // A client that trusts only the renewed certificate: it could not connect to the old one.
        TestClient bob = TestClient.connect(gateway.wsUri(), renewed.trustingContext());
        bob.login("bob");

        alice.requestOk("type", "message", "to", "bob", "data", "sent over the old certificate's connection");
        assertThat(bob.next("message").path("data").asText()).isEqualTo("sent over the old certificate's connection");
        bob.requestOk("type", "message", "to", "alice", "data", "and answered over the new one's");
        assertThat(alice.next("message").path("data").asText()).isEqualTo("and answered over the new one's");
        assertThat(alice.isClosed()).isFalse();
        alice.close();
        bob.close();
    }

    @Test
    void aKeyThatIsNotTheCertificatesKeepsTheOldPairServedAndIsWarnedAboutOnce() throws Exception {
        TestCertificate first = TestCertificate.create(folder.resolve("first"), KeyType.RSA);
        startServing(first);
        TestCertificate renewed = TestCertificate.create(folder.resolve("renewed"), KeyType.RSA);

        try (LogCapture log = LogCapture.everything()) {
            Files.write(certificateFile, Files.readAllBytes(renewed.certificate())); // the key stays first's

            List<ILoggingEvent> warnings = await().atMost(WAIT).until(() -> watchWarnings(log), found -> !found.isEmpty());
            assertThat(warnings.get(0).getFormattedMessage())
                    .contains("cannot be served").contains("does not belong to the certificate")
                    .contains(certificateFile.toString());
            assertThat(servedSerial()).as("the old pair is still served").isEqualTo(first.serial());
            // Looked at again and again (every 50 ms) while nothing changes: no second warning.
            await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> watchWarnings(log).size() == 1);
            assertThat(servedSerial()).isEqualTo(first.serial());

            Files.write(keyFile, Files.readAllBytes(renewed.privateKey()));

            await().atMost(WAIT).ignoreExceptions().until(this::servedSerial, renewed.serial()::equals);
            assertThat(watchWarnings(log)).hasSize(1);
        }
    }

    @Test
    void aKeyFileThatIsNoKeyKeepsTheOldPairServedAndIsWarnedAbout() throws Exception {
        TestCertificate first = TestCertificate.create(folder.resolve("first"), KeyType.RSA);
        startServing(first);

        try (LogCapture log = LogCapture.everything()) {
            Files.writeString(keyFile, "not a key\n");

            List<ILoggingEvent> warnings = await().atMost(WAIT).until(() -> watchWarnings(log), found -> !found.isEmpty());
            assertThat(warnings.get(0).getFormattedMessage()).contains("no unencrypted PKCS#8 PEM key");
            assertThat(servedSerial()).isEqualTo(first.serial());
        }
    }

    @Test
    void theExpiryGaugeIsTheServedCertificatesEndOfValidity() throws Exception {
        TestCertificate first = TestCertificate.create(folder.resolve("first"), KeyType.RSA, 10);
        startServing(first);
        assertThat(expiryGauge()).isEqualTo(first.x509().getNotAfter().toInstant().getEpochSecond());

        TestCertificate renewed = TestCertificate.create(folder.resolve("renewed"), KeyType.RSA, 90);
        renewed.writeTo(certificateFile, keyFile);

        long renewedNotAfter = renewed.x509().getNotAfter().toInstant().getEpochSecond();
        await().atMost(WAIT).until(this::expiryGauge, value -> value == renewedNotAfter);
        assertThat(servedSerial()).isEqualTo(renewed.serial());
        Promtool.Result lint = Promtool.checkMetrics(gateway.injector().getInstance(MetricsExposition.class).scrape());
        assertThat(lint.passed()).as(lint.output()).isTrue();
    }

    @Test
    void takingANewCertificateIsLoggedWithItsSubjectSerialAndEnd() throws Exception {
        startServing(TestCertificate.create(folder.resolve("first"), KeyType.RSA));
        TestCertificate renewed = TestCertificate.create(folder.resolve("renewed"), KeyType.EC);

        try (LogCapture log = LogCapture.everything(Level.INFO, "org.webrtcgateway.websocket.tls")) {
            renewed.writeTo(certificateFile, keyFile);

            ILoggingEvent taken = await().atMost(WAIT).until(() -> log.atLeast(Level.INFO).stream()
                    .filter(event -> event.getFormattedMessage().contains("new certificate served")).findFirst().orElse(null),
                    event -> event != null);
            assertThat(taken.getLevel()).isEqualTo(Level.INFO);
            assertThat(taken.getFormattedMessage()).contains("CN=localhost")
                    .contains("serial " + renewed.opensslSerial())
                    .contains("valid until " + renewed.x509().getNotAfter().toInstant())
                    .contains("EC 256 bits");
        }
    }

    private void startServing(TestCertificate certificate) throws Exception {
        Path live = Files.createDirectories(folder.resolve("live"));
        certificate.writeTo(live.resolve("cert.pem"), live.resolve("key.pem"));
        startServing(live.resolve("cert.pem"), live.resolve("key.pem"));
    }

    private void startServing(Path certificate, Path key) throws Exception {
        certificateFile = certificate;
        keyFile = key;
        gateway = new GatewayExtension()
                .with("websocket.tls-certificate", certificateFile.toString())
                .with("websocket.tls-private-key", keyFile.toString())
                .with("websocket.tls-reload-interval", LOOK_INTERVAL);
        gateway.start();
    }

    /** Points {@code link} at {@code ../../archive/<its folder's name>/<target>}, as certbot does. */
    private static void certbotLink(Path link, String target) throws Exception {
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of("..", "..", "archive", link.getParent().getFileName().toString(), target));
    }

    /** The serial of the certificate a new handshake gets. */
    private BigInteger servedSerial() throws Exception {
        return TlsHandshake.servedCertificate(gateway.port()).getSerialNumber();
    }

    private long expiryGauge() {
        String text = gateway.injector().getInstance(MetricsExposition.class).scrape();
        return (long) Exposition.parse(text).value("gateway_tls_certificate_expiry_timestamp_seconds");
    }

    private static List<ILoggingEvent> watchWarnings(LogCapture log) {
        return log.of(CertificateWatch.class.getName()).stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                .toList();
    }
}
