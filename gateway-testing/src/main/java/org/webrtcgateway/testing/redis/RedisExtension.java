package org.webrtcgateway.testing.redis;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.webrtcgateway.testing.ChildProcesses;
import org.webrtcgateway.testing.LoopbackPorts;

/**
 * A real, throw-away {@code redis-server} (Debian package {@code redis-server}) on a free loopback port: a child
 * process of the test JVM (never daemonized, so nothing outlives the test), with no persistence
 * ({@code --save "" --appendonly no}), so a restart comes back empty, as a Redis that lost its memory does.
 * Skipped (an assumption) where the binary is not installed.
 * <p>
 * Registered on an instance field, it runs for each test; on a static field, once for the class (and is
 * started again before a test if an earlier one left it stopped). A test may {@link #stop()}, {@link #kill()}
 * and {@link #start()} it again on the same port, to play a Redis outage:
 * <pre>
 * &#64;RegisterExtension
 * final RedisExtension redis = new RedisExtension();
 * ...
 * RedisClient client = RedisClient.create(redis.uri().toString());
 * redis.restart();
 * </pre>
 */
public final class RedisExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    public static final Path BINARY = Path.of("/usr/bin/redis-server");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private Path dir;
    private int port;
    private Process process;
    private boolean perClass;
    /** Set by {@link #withPassword}: Redis then refuses every command before AUTH. */
    private String password;

    /** Set by {@link #withTls}: Redis then serves TLS only, with a certificate made for 127.0.0.1 at its first start. */
    private boolean tls;

    /**
     * Makes Redis serve TLS only ({@code rediss://}), with a self-signed certificate for 127.0.0.1 made at its first
     * start ({@link #certificate()}, the file a client trusts).
     */
    public RedisExtension withTls() {
        this.tls = true;
        return this;
    }

    /** The PEM certificate Redis serves with {@link #withTls}: its own CA. */
    public Path certificate() {
        return dir.resolve("redis.crt");
    }

    /** Makes Redis require {@code password} ({@code requirepass}), as a production Redis should. */
    public RedisExtension withPassword(String password) {
        this.password = password;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        perClass = true;
        begin();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        if (!perClass) {
            begin();
        } else if (!isRunning()) {
            start();
        }
    }

    private void begin() throws IOException {
        assumeTrue(Files.isExecutable(BINARY), BINARY + " is not installed (Debian package redis-server)");
        dir = Files.createTempDirectory("redis-test");
        port = LoopbackPorts.free();
        start();
    }

    /** Starts Redis on its port (the same port every time) and returns once it answers PING. */
    public void start() {
        if (isRunning()) {
            throw new IllegalStateException("redis-server is already running on port " + port);
        }
        if (LoopbackPorts.accepts(port)) {
            throw new IllegalStateException("port " + port + " was taken by another process while Redis was stopped");
        }
        try {
            // --bind: loopback only. --dir: a temporary folder (no file should be written there, but a stray
            // BGSAVE or a crash report lands in it rather than in the working directory).
            List<String> command = new java.util.ArrayList<>(List.of(BINARY.toString(), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes",
                    "--dir", dir.toString(), "--logfile", "", "--requirepass", password == null ? "" : password));
            if (tls) {
                makeCertificate();
                command.addAll(List.of("--port", "0", "--tls-port", String.valueOf(port), "--tls-cert-file",
                        certificate().toString(), "--tls-key-file", dir.resolve("redis.key").toString(),
                        "--tls-ca-cert-file", certificate().toString(), "--tls-auth-clients", "no"));
            } else {
                command.addAll(List.of("--port", String.valueOf(port)));
            }
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + BINARY, e);
        }
        Awaitility.await("redis-server answers PING on 127.0.0.1:" + port).atMost(START_TIMEOUT)
                .pollInterval(Duration.ofMillis(50)).until(this::answersPing);
    }

    /** Stops Redis as an operator would (SIGTERM), and returns once the process has ended. */
    public void stop() {
        end(false);
    }

    /** Kills Redis (SIGKILL), as a crash or an out-of-memory killer would, and returns once it has ended. */
    public void kill() {
        end(true);
    }

    /** {@link #stop()}, then {@link #start()} on the same port: Redis comes back empty. */
    public void restart() {
        stop();
        start();
    }

    /** True while the redis-server process runs. */
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** {@code redis://127.0.0.1:port}, the form Lettuce's {@code RedisURI.create} and {@code redis-cli -u} take. */
    public URI uri() {
        if (dir == null) {
            throw new IllegalStateException("Redis has not been started (is the extension registered?)");
        }
        return URI.create((tls ? "rediss" : "redis") + "://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** What Redis logged (every start of this extension's instance), for a failure message. */
    public String log() {
        try {
            return Files.readString(dir.resolve("redis.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Whether Redis holds {@code key} now (an inline EXISTS; {@code key} has no white space). */
    public boolean exists(String key) {
        if (key.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("an inline command cannot carry a key with white space: " + key);
        }
        try (Socket socket = tls ? tlsSocket() : new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            String auth = password == null ? "" : "AUTH " + password + "\r\n";
            out.write((auth + "EXISTS " + key + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            if (password != null) {
                in.readNBytes("+OK\r\n".length());
            }
            return ":1\r\n".equals(new String(in.readNBytes(4), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("could not ask Redis on port " + port, e);
        }
    }

    private boolean answersPing() {
        if (!process.isAlive()) {
            throw new AssertionError("redis-server exited with " + process.exitValue() + ": " + log());
        }
        // PING as an inline command (RESP allows one for a human at telnet): enough to know Redis is
        // serving, without a client library in the extension.
        try (Socket socket = tls ? tlsSocket() : new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            String auth = password == null ? "" : "AUTH " + password + "\r\n";
            out.write((auth + "PING\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String expected = (password == null ? "" : "+OK\r\n") + "+PONG\r\n";
            byte[] answer = in.readNBytes(expected.length());
            return expected.equals(new String(answer, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return false;
        }
    }

    private void makeCertificate() throws IOException {
        if (Files.exists(certificate())) {
            return;
        }
        try {
            Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout",
                    dir.resolve("redis.key").toString(), "-out", certificate().toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
            if (!openssl.waitFor(30, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
                throw new IOException("openssl could not make Redis's certificate: " + Files.readString(dir.resolve("openssl.log")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** A TLS socket that trusts {@link #certificate()} alone. */
    private Socket tlsSocket() throws IOException {
        try (InputStream pem = Files.newInputStream(certificate())) {
            java.security.KeyStore trust = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("redis", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(pem));
            javax.net.ssl.TrustManagerFactory trustManagers =
                    javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(null, trustManagers.getTrustManagers(), null);
            return context.getSocketFactory().createSocket();
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private void end(boolean forcibly) {
        if (process == null) {
            return;
        }
        if (!ChildProcesses.end(process, forcibly, STOP_TIMEOUT)) {
            throw new IllegalStateException("redis-server (pid " + process.pid() + ") did not end: " + log());
        }
        process = null;
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (!perClass) {
            finish();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        finish();
    }

    private void finish() throws IOException {
        end(false);
        ChildProcesses.deleteFolder(dir);
        dir = null;
    }
}
