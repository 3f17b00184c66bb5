package org.webrtcgateway.sip.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.webrtcgateway.testing.GatewayExtension;

/**
 * A real Kamailio (registrar and proxy, digest authentication on) from this module's own
 * {@code kamailio/kamailio.cfg}, on a free loopback port, with its state in
 * {@code target/kamailio-<port>/}. Started once per test class, stopped after it.
 * <pre>
 * &#64;RegisterExtension
 * static final KamailioExtension kamailio = new KamailioExtension();
 * </pre>
 * Users (cfg htable): 1001/pw1001, 1002/pw1002, 1003/pw1003. Their domain is {@code localhost},
 * which the cfg serves on any port.
 */
public final class KamailioExtension implements BeforeAllCallback, AfterAllCallback {

    public static final String DOMAIN = "localhost";
    private static final Duration START = Duration.ofSeconds(10);

    private final int port = FreePorts.udpAndTcp();
    private Process process;
    private Path dir;

    public int port() {
        return port;
    }

    /**
     * A gateway with the SIP bridge on, sending through this Kamailio over UDP, where browser user alice
     * is account 1001 (registered at start): what most SIP tests begin with; they add their own settings.
     */
    public GatewayExtension gatewayWithAliceAs1001() {
        return gatewayWithAliceAs1001(FreePorts.udpAndTcp());
    }

    /** {@link #gatewayWithAliceAs1001()}, its SIP port {@code sipPort}, for a test that sends it requests directly. */
    public GatewayExtension gatewayWithAliceAs1001(int sipPort) {
        return new GatewayExtension()
                .with("sip.enabled", "true")
                .with("sip.port", String.valueOf(sipPort))
                .with("sip.transports", "udp")
                .with("sip.proxy", hostPort())
                .with("sip.account.alice.aor", "sip:1001@localhost")
                .with("sip.account.alice.password", "pw1001");
    }

    /** {@code 127.0.0.1:<port>}, for {@code sip.proxy}. */
    public String hostPort() {
        return "127.0.0.1:" + port;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        start();
    }

    /**
     * Starts Kamailio on {@link #port}, and returns once it answers: at the start of the class, or again after
     * {@link #stop} (a test of what the gateway does while its registrar is away). Its registrations start empty.
     */
    public void start() throws IOException {
        dir = Path.of("target", "kamailio-" + port).toAbsolutePath();
        Files.createDirectories(dir);
        Path cfg = dir.resolve("kamailio.cfg");
        try (InputStream in = KamailioExtension.class.getResourceAsStream("/kamailio/kamailio.cfg")) {
            Files.copy(in, cfg, StandardCopyOption.REPLACE_EXISTING);
        }
        process = new ProcessBuilder(List.of("kamailio", "-DD", "-E", "-f", cfg.toString(), "-Y", dir.toString(),
                "-m", "64", "-M", "8", "-A", "SIP_PORT=" + port, "-A", "WITH_AUTH"))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("kamailio.log").toFile())
                .start();
        await("kamailio answering on " + port).atMost(START).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("kamailio exited with " + process.exitValue() + ": "
                                + Files.readString(dir.resolve("kamailio.log")));
                    }
                    return answersOptions();
                });
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        stop();
    }

    /** Stops Kamailio (SIGTERM, then SIGKILL after 5 s) and returns once it exited; its port is free again. */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** Any answer to an OPTIONS over UDP means Kamailio is up. */
    private boolean answersOptions() {
        String options = "OPTIONS sip:127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:9;rport;branch=z9hG4bK-probe" + System.nanoTime() + "\r\n"
                + "From: <sip:probe@127.0.0.1>;tag=probe\r\nTo: <sip:127.0.0.1:" + port + ">\r\n"
                + "Call-ID: probe-" + System.nanoTime() + "\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(200);
            byte[] bytes = options.getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
            byte[] buffer = new byte[4096];
            socket.receive(new DatagramPacket(buffer, buffer.length));
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sipp phone that calls {@code number} through this Kamailio as 1002, answering its digest challenge. */
    public SippPhone phone1002Calling(String scenario, String number) {
        return SippPhone.start(scenario, FreePorts.udpAndTcp(), hostPort(),
                "-s", number, "-key", "caller", "1002", "-au", "1002", "-ap", "pw1002");
    }

    /**
     * A sipp phone running {@code scenario} on a free port, registered here as {@code number} and as its only
     * contact: contacts an earlier test left would fork calls to a dead end.
     */
    public SippPhone registeredPhone(String scenario, String number, String password, String... extra) {
        SippPhone.runToSuccess("unregister-all.xml", hostPort(), "-s", number, "-au", number, "-ap", password);
        int port = FreePorts.udpAndTcp();
        SippPhone phone = SippPhone.start(scenario, port, null, extra);
        SippPhone.runToSuccess("register.xml", hostPort(),
                "-s", number, "-key", "contact_port", String.valueOf(port), "-au", number, "-ap", password);
        return phone;
    }
}
