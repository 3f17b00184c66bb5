package org.webrtcgateway.websocket.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webrtcgateway.core.config.Settings;
import org.webrtcgateway.testing.LogCapture;
import org.webrtcgateway.websocket.WebSocketConfig;
import org.webrtcgateway.websocket.testing.TestCertificate;

/**
 * The watch, one look at a time (no timer: each {@code look()} is one interval passing): what it takes,
 * what it keeps, and what it warns about.
 */
class CertificateWatchTest {

    @TempDir
    static Path certificates;
    static TestCertificate first;
    static TestCertificate renewed;
    @TempDir
    Path folder;
    private Path certificateFile;
    private Path keyFile;
    private ServerTls tls;
    private CertificateWatch watch;
    private LogCapture log;
    /** The watch's clock for its warnings: a test moves it on a minute instead of waiting one. */
    private final AtomicLong clock = new AtomicLong();

    @BeforeAll
    static void makeCertificates() throws Exception {
        first = TestCertificate.create(certificates.resolve("first"));
        renewed = TestCertificate.create(certificates.resolve("renewed"));
    }

    @BeforeEach
    void serveTheFirstCertificate() throws Exception {
        Path live = Files.createDirectories(folder.resolve("live"));
        certificateFile = live.resolve("cert.pem");
        keyFile = live.resolve("key.pem");
        first.writeTo(certificateFile, keyFile);
        WebSocketConfig config = WebSocketConfig.from(Settings.of(Map.of(
                "websocket.tls-certificate", certificateFile.toString(),
                "websocket.tls-private-key", keyFile.toString())));
        tls = new ServerTls(config, new SimpleMeterRegistry());
        watch = new CertificateWatch(config, tls, clock::get);
        log = LogCapture.everything(Level.INFO, "org.webrtcgateway.websocket.tls");
        watch.look();
    }

    @AfterEach
    void stopCapturing() {
        log.close();
    }

    @Test
    void aPairCaughtHalfwayThroughARenewalIsTakenWhenCompleteWithoutAWarning() throws Exception {
        Files.write(certificateFile, Files.readAllBytes(renewed.certificate()));
        watch.look();
        assertThat(servedSerial()).as("new certificate, old key: the old pair stays").isEqualTo(first.serial());

        Files.write(keyFile, Files.readAllBytes(renewed.privateKey()));
        watch.look();

        assertThat(servedSerial()).isEqualTo(renewed.serial());
        assertThat(warnings()).isEmpty();
    }

    @Test
    void aPairThatStillDoesNotMatchAtTheNextLookIsWarnedAboutAtOnceThenOnceAMinute() throws Exception {
        Files.write(certificateFile, Files.readAllBytes(renewed.certificate()));

        for (int look = 0; look < 5; look++) {
            watch.look();
        }
        assertThat(warnings()).hasSize(1);
        assertThat(warnings().get(0).getFormattedMessage()).contains("does not belong to the certificate")
                .contains("serial " + renewed.opensslSerial()).contains(certificateFile.toString())
                .contains("looking again every 60 s");
        assertThat(servedSerial()).isEqualTo(first.serial());

        clock.addAndGet(TimeUnit.SECONDS.toNanos(61));
        watch.look();

        assertThat(warnings()).hasSize(2);
        assertThat(warnings().get(1).getFormattedMessage()).contains("4 in the last 61 s").contains("does not belong");
        assertThat(servedSerial()).isEqualTo(first.serial());
    }

    @Test
    void whatIsWrongNowIsWhatTheNextWarningSaysAndAGoodPairEndsTheWarnings() throws Exception {
        Files.write(certificateFile, Files.readAllBytes(renewed.certificate()));
        watch.look();
        watch.look();
        Files.writeString(keyFile, "half a key");
        watch.look();
        watch.look();
        clock.addAndGet(TimeUnit.SECONDS.toNanos(61));
        watch.look();
        assertThat(warnings()).as(LogCapture.lines(warnings()).toString()).hasSize(2);
        assertThat(warnings().get(1).getFormattedMessage()).contains("no unencrypted PKCS#8 PEM key");

        Files.write(keyFile, Files.readAllBytes(renewed.privateKey()));
        watch.look();
        clock.addAndGet(TimeUnit.SECONDS.toNanos(61));
        watch.look();

        assertThat(servedSerial()).isEqualTo(renewed.serial());
        assertThat(warnings()).hasSize(2);
    }

    @Test
    void afterAGoodPairTheNextBadOneIsWarnedAboutAtOnce() throws Exception {
        Files.writeString(keyFile, "half a key");
        watch.look();
        watch.look();
        renewed.writeTo(certificateFile, keyFile);
        watch.look();
        assertThat(servedSerial()).isEqualTo(renewed.serial());

        Files.writeString(keyFile, "half a key again");
        watch.look();
        watch.look();

        assertThat(warnings()).hasSize(2);
    }

    @Test
    void aMissingFileIsWarnedAboutAndTheCertificateStays() throws Exception {
        Files.delete(keyFile);
        for (int look = 0; look < 4; look++) {
            watch.look();
        }

        assertThat(warnings()).hasSize(1);
        assertThat(warnings().get(0).getFormattedMessage()).contains("no such file: " + keyFile);
        assertThat(servedSerial()).isEqualTo(first.serial());

        first.writeTo(certificateFile, keyFile);
        watch.look();
        assertThat(servedSerial()).isEqualTo(first.serial());
        assertThat(taken()).as("the same pair back: nothing new to take").isEmpty();
    }

    @Test
    void aFileTouchedWithoutAChangeIsNotTakenAgain() throws Exception {
        Files.setLastModifiedTime(certificateFile, FileTime.from(Instant.now().plusSeconds(60)));
        watch.look();

        assertThat(taken()).isEmpty();
        assertThat(warnings()).isEmpty();
    }

    @Test
    void aFileRewrittenWithinOneTickOfItsTimeStampIsStillSeen() throws Exception {
        // Same file, size and time stamp: only the bytes differ (a file system whose clock ticks coarsely).
        TestCertificate[] sameSize = twoOfTheSameSize();
        FileTime stamp = FileTime.from(Instant.now());
        writeStamped(sameSize[0], stamp);
        watch.look();
        assertThat(servedSerial()).isEqualTo(sameSize[0].serial());

        writeStamped(sameSize[1], stamp);
        watch.look();

        assertThat(servedSerial()).isEqualTo(sameSize[1].serial());
    }

    private void writeStamped(TestCertificate pair, FileTime stamp) throws Exception {
        pair.writeTo(certificateFile, keyFile);
        Files.setLastModifiedTime(certificateFile, stamp);
        Files.setLastModifiedTime(keyFile, stamp);
    }

    /**
     * Two new pairs whose certificate files and key files are each of one size. An ECDSA signature's length varies
     * by a byte or two, so sizes repeat among a few pairs; any two alike will do (waiting for one like
     * {@code first} could take many more).
     */
    private TestCertificate[] twoOfTheSameSize() throws Exception {
        Map<List<Long>, TestCertificate> bySizes = new HashMap<>();
        for (int attempt = 0; attempt < 40; attempt++) {
            TestCertificate candidate = TestCertificate.create(folder.resolve("same-size-" + attempt));
            TestCertificate earlier = bySizes.putIfAbsent(
                    List.of(Files.size(candidate.certificate()), Files.size(candidate.privateKey())), candidate);
            if (earlier != null) {
                return new TestCertificate[] {earlier, candidate};
            }
        }
        throw new IllegalStateException("openssl made no two pairs of the same sizes in 40 attempts: " + bySizes.keySet());
    }

    private java.math.BigInteger servedSerial() {
        return tls.certificate().leaf().getSerialNumber();
    }

    private List<ILoggingEvent> warnings() {
        return log.of(CertificateWatch.class.getName()).stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN)).toList();
    }

    private List<ILoggingEvent> taken() {
        return log.of(ServerTls.class.getName()).stream().filter(event -> event.getFormattedMessage().contains("new certificate")).toList();
    }
}
