package org.webrtcgateway.xmpp.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.xmpp.XmppBridge;
import org.webrtcgateway.testing.LoopbackPorts;

/**
 * A real Prosody from this module's own {@code prosody/prosody.cfg.lua}, on free loopback ports, with
 * its state (data, a certificate made for the run, the log) in {@code target/prosody-<port>/}. Started
 * once per test class, stopped after it.
 * <pre>
 * &#64;RegisterExtension
 * static final ProsodyExtension prosody = new ProsodyExtension();
 * </pre>
 * Domain {@code localhost}; users alice, bob, carol and dave (password: the name and "pw"); c2s with STARTTLS (the certificate is
 * {@link #certificate()}); an external component {@code gw.localhost} on {@link #componentPort()} with
 * {@link #COMPONENT_SECRET}. Prosody will not run as root: as root the extension starts it as the
 * {@code prosody} user of the Debian package.
 */
public final class ProsodyExtension implements BeforeAllCallback, AfterAllCallback {

    public static final String DOMAIN = "localhost";
    public static final String COMPONENT_DOMAIN = "gw.localhost";
    public static final String COMPONENT_SECRET = "gw-test-secret";
    /** User name and password of each account the tests may log in with. */
    public static final Map<String, String> USERS = Map.of("alice", "alicepw", "bob", "bobpw", "carol", "carolpw", "dave", "davepw");
    private static final Duration START = Duration.ofSeconds(15);

    private final int c2sPort = LoopbackPorts.free();
    private final int componentPort = LoopbackPorts.free();
    /** Known from the start, so a gateway configured in a field initializer can name the certificate. */
    private final Path dir = Path.of("target", "prosody-" + c2sPort).toAbsolutePath();
    private Process process;
    /** The test container that started Prosody: nested test classes inherit the extension, and must not start it again. */
    private String startedFor;

    public int c2sPort() {
        return c2sPort;
    }

    /** {@code 127.0.0.1:<c2s port>}, for {@code xmpp.server}. */
    public String c2sHostPort() {
        return "127.0.0.1:" + c2sPort;
    }

    public int componentPort() {
        return componentPort;
    }

    /** The PEM certificate Prosody presents for {@link #DOMAIN}: what a client must trust. */
    /**
     * A gateway whose XMPP bridge logs these users in to this Prosody as {@code <user>@localhost} (account mode), over
     * verified STARTTLS; add more settings with {@code with(...)}.
     */
    public GatewayExtension gatewayWithAccounts(String... users) {
        GatewayExtension gateway = new GatewayExtension()
                .with("xmpp.enabled", "true")
                .with("xmpp.server", c2sHostPort())
                .with("xmpp.trust-certificate", certificate().toString());
        for (String user : users) {
            gateway.with("xmpp.account." + user + ".jid", user + "@" + DOMAIN)
                    .with("xmpp.account." + user + ".password", USERS.get(user));
        }
        return gateway;
    }

    /** Waits until the gateway's bridge has each user's XMPP account logged in. */
    public static void awaitLoggedIn(GatewayExtension gateway, String... users) {
        XmppBridge bridge = gateway.injector().getInstance(XmppBridge.class);
        for (String user : users) {
            await().atMost(START).until(() -> bridge.isLoggedIn(user));
        }
    }

    public Path certificate() {
        return dir.resolve("certs").resolve("localhost.crt");
    }

    public Path log() {
        return dir.resolve("prosody.log");
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException, InterruptedException {
        if (startedFor != null) {
            return;
        }
        startedFor = context.getUniqueId();
        Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(dir.resolve("certs"));
        Path cfg = dir.resolve("prosody.cfg.lua");
        try (InputStream in = ProsodyExtension.class.getResourceAsStream("/prosody/prosody.cfg.lua")) {
            Files.copy(in, cfg, StandardCopyOption.REPLACE_EXISTING);
        }
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + DOMAIN,
                "-addext", "subjectAltName=DNS:" + DOMAIN + ",DNS:" + COMPONENT_DOMAIN,
                "-keyout", dir.resolve("certs/localhost.key").toString(), "-out", certificate().toString());
        if (isRoot()) {
            // Prosody drops root for its own user: let it own its state, and reach it.
            run("chown", "-R", "prosody:prosody", dir.toString());
            for (Path up = dir.getParent(); up != null; up = up.getParent()) {
                up.toFile().setExecutable(true, false);
            }
        }
        for (Map.Entry<String, String> user : USERS.entrySet()) {
            run(asProsody("prosodyctl", "--config", cfg.toString(), "register", user.getKey(), DOMAIN, user.getValue()));
        }
        startProsody();
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        if (context.getUniqueId().equals(startedFor)) {
            stopProsody();
            startedFor = null;
        }
    }

    /** Stops Prosody and starts it again on the same ports, with the same data (accounts, rosters). */
    public void restart() throws IOException, InterruptedException {
        stopProsody();
        startProsody();
    }

    private void startProsody() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(asProsody("prosody", "-F", "--config", dir.resolve("prosody.cfg.lua").toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        builder.environment().putAll(environment());
        process = builder.start();
        await("prosody listening on " + c2sPort + " and " + componentPort).atMost(START).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("prosody exited with " + process.exitValue() + ": " + Files.readString(log()));
                    }
                    return LoopbackPorts.accepts(c2sPort) && LoopbackPorts.accepts(componentPort);
                });
    }

    private void stopProsody() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            process = null;
        }
    }

    /** Ports, paths and the component secret, as the config file reads them (Prosody's ENV_ variables). */
    private Map<String, String> environment() {
        return Map.of("PROSODY_STATE", dir.toString(),
                "XMPP_C2S_PORT", String.valueOf(c2sPort),
                "XMPP_COMPONENT_PORT", String.valueOf(componentPort),
                "XMPP_COMPONENT_SECRET", COMPONENT_SECRET);
    }

    private List<String> asProsody(String... command) {
        List<String> line = new ArrayList<>();
        if (isRoot()) {
            line.addAll(List.of("setpriv", "--reuid=prosody", "--regid=prosody", "--init-groups"));
        }
        line.addAll(List.of(command));
        return line;
    }

    private void run(String... command) throws IOException, InterruptedException {
        run(List.of(command));
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment());
        Process step = builder.start();
        String output = new String(step.getInputStream().readAllBytes());
        if (!step.waitFor(30, TimeUnit.SECONDS) || step.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }


}
