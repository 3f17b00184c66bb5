package org.webrtcgateway.sip.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.webrtcgateway.sip.rtpengine.NgClient;

/**
 * A real rtpengine (Debian's rtpengine-daemon, installed by scripts/install-test-deps.sh) for a test class, in
 * userspace only ({@code --table=-1}, no kernel module), its ng control port and media ports on 127.0.0.1 only, as
 * ../shared/peers/rtpengine-up.sh proved. Its log is in {@link #log()}.
 */
public final class RtpengineExtension implements BeforeAllCallback, AfterAllCallback {

    public static final Path BINARY = Path.of("/usr/bin/rtpengine");

    private Path dir;
    private Process process;
    private InetSocketAddress ng;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        assumeTrue(Files.isExecutable(BINARY), BINARY + " is not installed (Debian package rtpengine-daemon)");
        dir = Files.createTempDirectory("rtpengine-test");
        int ngPort = FreePorts.udpAndTcp();
        int media = 40_000 + 200 * ThreadLocalRandom.current().nextInt(0, 100);
        ng = new InetSocketAddress(InetAddress.getLoopbackAddress(), ngPort);
        process = new ProcessBuilder(List.of(BINARY.toString(), "--config-file=none", "--table=-1", "--foreground",
                "--log-stderr", "--log-level=6", "--interface=127.0.0.1", "--listen-ng=127.0.0.1:" + ngPort,
                "--port-min=" + media, "--port-max=" + (media + 199)))
                .redirectErrorStream(true).redirectOutput(dir.resolve("rtpengine.log").toFile()).start();
        try (NgClient client = new NgClient(ng, Duration.ofMillis(100))) {
            Awaitility.await("rtpengine answers an ng ping on " + ng).atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new AssertionError("rtpengine exited: " + log());
                        }
                        try {
                            return "pong".equals(client.send(Map.of("command", "ping"), Duration.ofMillis(300))
                                    .get(1, TimeUnit.SECONDS).get("result"));
                        } catch (Exception e) {
                            return false;
                        }
                    });
        }
    }

    /** Where its ng control protocol listens (UDP). */
    public InetSocketAddress ng() {
        return ng;
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("rtpengine.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The call-ids rtpengine holds sessions for now (ng {@code list}). */
    @SuppressWarnings("unchecked")
    public List<String> calls() {
        try (NgClient client = new NgClient(ng, Duration.ofMillis(100))) {
            return (List<String>) client.send(Map.of("command", "list"), Duration.ofSeconds(2)).get(3, TimeUnit.SECONDS).get("calls");
        } catch (Exception e) {
            throw new IllegalStateException("rtpengine at " + ng + " did not list its calls", e);
        }
    }

    /** Stops rtpengine before the class ends (a test of what the gateway does when it dies); its ng port goes silent. */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
