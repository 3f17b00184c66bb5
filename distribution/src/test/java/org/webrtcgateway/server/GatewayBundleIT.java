package org.webrtcgateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webrtcgateway.testing.TestClient;

/** The bundle a user runs: {@code distribution/target/gateway/bin/gateway}, as a separate process. */
class GatewayBundleIT {

    private static final Path GATEWAY = Path.of("target", "gateway", "bin", "gateway");
    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:(\\d+)/)");

    @TempDir
    Path folder;

    private Process process;
    private final BlockingQueue<String> output = new LinkedBlockingQueue<>();
    private final List<String> allOutput = new ArrayList<>();

    @AfterEach
    void killTheGateway() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void startsLogsItsUrlServesClientsAndShutsDownCleanlyOnSigterm() throws Exception {
        start(Map.of("JAVA_OPTS", "-Dgateway.test-marker=yes"), "--bind", "127.0.0.1", "--port", "0");
        String url = awaitListening();

        TestClient alice = TestClient.connect(URI.create(url.replace("http", "ws") + "ws"));
        alice.login("alice");
        assertThat(process.info().arguments().orElseThrow()).as("JAVA_OPTS reach the JVM").contains("-Dgateway.test-marker=yes");

        process.toHandle().destroy(); // SIGTERM (Process.destroy() would also close our end of its output)

        assertThat(alice.awaitClose().code()).as("clients are told the gateway goes away").isEqualTo(1001);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("the JVM's exit status after SIGTERM").isEqualTo(143);
        awaitLine("stopped");
    }

    @Test
    void readsItsConfigFile() throws Exception {
        Path config = folder.resolve("gateway.yaml");
        Files.writeString(config, "websocket:\n  port: 0\nroom:\n  default-capacity: 5\n");
        start(Map.of(), "--config", config.toString());
        String url = awaitListening();

        TestClient alice = TestClient.connect(URI.create(url.replace("http", "ws") + "ws"));
        alice.login("alice");
        assertThat(alice.requestOk("type", "join", "room", "r").path("capacity").asInt()).isEqualTo(5);
        alice.closeNormally();
    }

    @Test
    void helpPrintsUsageAndExitsZero() throws Exception {
        start(Map.of(), "--help");

        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(String.join("\n", drain())).contains("Usage: gateway").contains("websocket.max-frame-size");
    }

    @Test
    void aMistypedSettingStopsWithExitCode2AndASuggestion() throws Exception {
        start(Map.of(), "--port", "0", "--sesion.resume-grace", "5s");

        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(String.join("\n", drain())).contains("unknown setting 'sesion.resume-grace'")
                .contains("did you mean 'session.resume-grace'?");
    }

    @Test
    void aPortInUseIsAOneLineConfigErrorAndExitCode2() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            start(Map.of(), "--port", String.valueOf(taken.getLocalPort()));

            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(2);
            assertThat(drain()).contains("gateway: websocket.port: 127.0.0.1:" + taken.getLocalPort()
                    + " is already in use (another gateway or program listens there); choose another port or stop that program")
                    .noneMatch(line -> line.startsWith("\tat "));
        }
    }

    private void start(Map<String, String> environment, String... args) throws IOException {
        assertThat(GATEWAY).as("the bundle is built by 'mvn package'").isExecutable();
        List<String> command = new ArrayList<>(List.of(GATEWAY.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        process = builder.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "gateway-output");
        reader.setDaemon(true);
        reader.start();
    }

    private String awaitListening() throws InterruptedException {
        Matcher matcher = LISTENING.matcher(awaitLine("listening on"));
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private String awaitLine(String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            String line = output.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                allOutput.add(line);
                if (line.contains(fragment)) {
                    return line;
                }
            }
        }
        throw new AssertionError("no line with '" + fragment + "' within 15 s; output:\n" + String.join("\n", allOutput));
    }

    private List<String> drain() throws InterruptedException {
        String line;
        while ((line = output.poll(500, TimeUnit.MILLISECONDS)) != null) {
            allOutput.add(line);
        }
        return allOutput;
    }
}
