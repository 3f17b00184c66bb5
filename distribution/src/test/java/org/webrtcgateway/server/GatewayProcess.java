package org.webrtcgateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A gateway started as a separate process, by {@code bin/gateway} or by a command that ends up running it
 * (a sandbox, another user): its output line by line, its URL once it listens, and its end. Closing it
 * kills whatever is left of it.
 */
final class GatewayProcess implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:(\\d+)/)");

    private final Process process;
    private final BlockingQueue<String> output = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private GatewayProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readOutput, "gateway-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Runs {@code command} with {@code environment} added to this JVM's, standard error merged into output. */
    static GatewayProcess start(List<String> command, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return new GatewayProcess(builder.start());
    }

    /** The gateway's HTTP URL, from its "listening on" line. */
    URI awaitListening() throws InterruptedException {
        Matcher matcher = LISTENING.matcher(awaitLine("listening on"));
        assertThat(matcher.find()).as("a loopback URL in the 'listening on' line").isTrue();
        return URI.create(matcher.group(1));
    }

    /** Where a WebSocket client connects, once it listens. */
    URI awaitWebSocketUri() throws InterruptedException {
        return URI.create(awaitListening().toString().replace("http", "ws") + "ws");
    }

    /** The first line (from the one after the last line awaited) that contains {@code fragment}. */
    String awaitLine(String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String line = output.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
                if (line.contains(fragment)) {
                    return line;
                }
            }
        }
        throw new AssertionError("no line with '" + fragment + "' within " + WAIT.toSeconds() + " s; output:\n" + String.join("\n", seen));
    }

    /** Waits for the process to end and returns its exit status; fails if it does not end within {@link #WAIT}. */
    int awaitExit() throws InterruptedException {
        assertThat(process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .as("the gateway ends within %s s; output so far:%n%s", WAIT.toSeconds(), String.join("\n", seen)).isTrue();
        return process.exitValue();
    }

    /** Every line awaited or printed so far (the process may still run). */
    String outputAfterExitOrSoFar() throws InterruptedException {
        String line;
        while ((line = output.poll(200, TimeUnit.MILLISECONDS)) != null) {
            seen.add(line);
        }
        return String.join("\n", seen);
    }

    /** Everything it printed, once it has ended (the output stream then closes). */
    String outputAfterExit() throws InterruptedException {
        awaitExit();
        String line;
        while ((line = output.poll(500, TimeUnit.MILLISECONDS)) != null) {
            seen.add(line);
        }
        return String.join("\n", seen);
    }

    /**
     * SIGTERM to the JVM, as a service manager stops it: to the process itself, or to the JVM it runs when
     * it is a wrapper ({@code unshare}, {@code setpriv}). Process.destroy() would also close our end of its output.
     */
    void terminate() {
        jvm().destroy();
    }

    /** Sends a signal by name ({@code HUP}, {@code TERM}) to the JVM. */
    void signal(String name) throws IOException, InterruptedException {
        assertThat(new ProcessBuilder("kill", "-" + name, String.valueOf(jvm().pid())).start().waitFor())
                .as("kill -%s", name).isZero();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The process that runs the gateway's JVM. */
    ProcessHandle jvm() {
        return process.descendants()
                .filter(p -> p.info().command().map(command -> command.endsWith("/java")).orElse(false))
                .findFirst()
                .orElse(process.toHandle());
    }

    /** The user the JVM runs as, as the operating system reports it. */
    Optional<String> jvmUser() {
        return jvm().info().user();
    }

    Process process() {
        return process;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private void readOutput() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
            }
        } catch (IOException e) {
            // the process ended
        }
    }
}
