package org.webrtcgateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code bin/gateway} running as a process of its own: its output line by line, its URL, signals to it. */
final class RunningBundle implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on (https?://[^/]+/)");

    private final Process process;
    private final BlockingQueue<String> output = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private RunningBundle(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    output.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "gateway-output");
        reader.setDaemon(true);
        reader.start();
    }

    static RunningBundle start(Path gateway, Map<String, String> environment, String... args) throws IOException {
        assertThat(gateway).as("the bundle is built by 'mvn package'").isExecutable();
        List<String> command = new ArrayList<>(List.of(gateway.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return new RunningBundle(builder.start());
    }

    /** The WebSocket URI, once the gateway logs that it listens. */
    URI awaitListening() throws InterruptedException {
        Matcher matcher = LISTENING.matcher(awaitLine("listening on"));
        assertThat(matcher.find()).isTrue();
        return URI.create(matcher.group(1).replaceFirst("^http", "ws") + "ws");
    }

    /** The next line that contains {@code fragment} (15 s at most). */
    String awaitLine(String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            String line = output.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
                if (line.contains(fragment)) {
                    return line;
                }
            }
        }
        throw new AssertionError("no line with '" + fragment + "' within 15 s; output:\n" + String.join("\n", seen));
    }

    /** Sends a signal by name (HUP, TERM) to the JVM (the launcher execs it: same process). */
    void signal(String name) throws IOException, InterruptedException {
        assertThat(new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start().waitFor()).isZero();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int awaitExit() throws InterruptedException {
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("the gateway ended").isTrue();
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
