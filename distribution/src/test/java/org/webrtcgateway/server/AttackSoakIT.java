package org.webrtcgateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.webrtcgateway.testing.Attacker;
import org.webrtcgateway.testing.Attacker.End;
import org.webrtcgateway.testing.Attacker.Report;
import org.webrtcgateway.testing.BacklogReader;
import org.webrtcgateway.testing.CallLoop;
import org.webrtcgateway.testing.TestClient;

/**
 * No single client may take the gateway down: the bundle a user runs, at its default settings (a
 * 256 MB heap, and an out-of-memory error ends the process), attacked from one address while two
 * legitimate users keep calling each other. After each attack the gateway must still run, every one
 * of those calls must have completed, and its live heap (after a full GC, as the JVM itself counts it)
 * must be back where it was before. Each attack is bounded in connections, in what they send and in
 * time: the class takes ~30 s on 2 cores against a gateway that holds, and under 2 minutes against one
 * that does not (its attacks then run to their time limits).
 */
@Tag("soak")
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class AttackSoakIT {

    /** Between two legitimate calls: 3 messages a call stay far below the rate limit of 50 a second. */
    private static final Duration CALL_PAUSE = Duration.ofMillis(100);
    /** What the live heap may gain over an attack: JIT, class and pool growth, log buffers; not a backlog. */
    private static final long HEAP_TOLERANCE = 24L << 20;
    private static final int LEGITIMATE_SESSIONS = 2;

    private Bundle gateway;
    private CallLoop calls;

    @AfterEach
    void stopTheCallsAndKillTheGateway() throws InterruptedException {
        try {
            if (calls != null) {
                calls.close();
            }
        } finally {
            if (gateway != null) {
                gateway.kill();
            }
        }
    }

    @Test
    void aPingFloodFromClientsThatNeverReadNeitherKillsNorStallsTheGateway() throws Exception {
        long heapBefore = startWithLegitimateCalls();

        // Every ping asks for a pong that the flooder never reads: 2.4 million of them, 300 MB.
        Report flood = Attacker.pingFlood(gateway.port(), 6, 400_000, Duration.ofSeconds(10));

        assertTheGatewayCameThrough(flood, heapBefore);
    }

    @Test
    void messagesPiledUpForDroppedSessionsNeitherKillNorStallTheGateway() throws Exception {
        long heapBefore = startWithLegitimateCalls("--session.resume-grace", "10s");
        List<String> dropped = IntStream.range(0, 20).mapToObj(i -> "dropped-" + i).toList();
        Attacker.loginAndDrop(gateway.port(), dropped);
        gateway.awaitLines("event=drop user=", dropped.size()); // all detached: what comes now is queued

        // 100 senders x 190 messages of 16 KB (within each one's burst): ~300 MB for the 20 queues.
        Report flood = Attacker.messageFlood(gateway.port(), dropped, 100, 190, 16_000, Duration.ofSeconds(30));

        assertTheGatewayCameThrough(flood, heapBefore);
    }

    @Test
    void legacyUpgradesAreRefusedSoUnterminatedLegacyFramesCannotStallTheGateway() throws Exception {
        long heapBefore = startWithLegitimateCalls();

        // A draft that no browser speaks: an upgrade to it has to be refused, not kept open.
        Report hybi08 = Attacker.requests("hybi-08 upgrades", gateway.port(), 4,
                Attacker.upgrade("Sec-WebSocket-Version: 8"), Duration.ofSeconds(5));
        // 8 x 3 MB of one hixie-76 text frame whose end never comes.
        Report hixie76 = Attacker.unterminatedLegacyFrames(gateway.port(), 8, 3 << 20, Duration.ofSeconds(15));

        assertSoftly(softly -> {
            softly.check(() -> assertTheGatewayCameThrough(hixie76, heapBefore));
            softly.assertThat(hixie76.distinctAnswers()).as("answers to hixie-76 upgrades; %s", hixie76)
                    .noneMatch(line -> line.startsWith("HTTP/1.1 101"));
            softly.assertThat(hybi08.distinctAnswers()).as("answers to hybi-08 upgrades; %s", hybi08)
                    .noneMatch(line -> line.startsWith("HTTP/1.1 101"));
            softly.assertThat(hybi08.count(End.ENDED_BY_SERVER)).as("hybi-08 upgrades closed by the gateway; %s", hybi08)
                    .isEqualTo(4);
        });
    }

    @Test
    void aResumedSessionGetsItsWholeBacklogInOrderOrAClearEndNeverAGap() throws Exception {
        long heapBefore = startWithLegitimateCalls("--session.resume-grace", "10s");
        String reader = "backlog-reader";
        String token = Attacker.loginAndDrop(gateway.port(), List.of(reader)).get(0);
        gateway.awaitLines("event=drop user=" + reader + " ", 1);

        // 400 messages of 16 KB: 6.4 MB, far above the 1 MiB write buffer, within what a session may queue.
        int backlog = 400;
        sendNumberedMessages(reader, backlog, 4);
        // It reads as fast as it can, through a 16 KB receive buffer: the gateway has to pace the 6.4 MB.
        BacklogReader.Transcript transcript = BacklogReader.resumeAndRead(gateway.port(), token, backlog, 16 * 1024);

        assertSoftly(softly -> {
            softly.assertThat(transcript.inOrderWithoutGaps()).as("the messages in order, none skipped or repeated: %s", transcript)
                    .isTrue();
            softly.assertThat(transcript.complete() || transcript.endedClearly())
                    .as("the whole backlog, or a close with a reason and the session ended: %s", transcript).isTrue();
            softly.check(() -> assertTheGatewayCameThrough(transcript, heapBefore));
        });
    }

    @Test
    void upgradesTrickledOneByteAtATimeAreClosedAtTheHandshakeTimeout() throws Exception {
        long heapBefore = startWithLegitimateCalls();
        String upgrade = Attacker.upgrade("Sec-WebSocket-Version: 13");

        // A byte every 250 ms: the upgrade would take ~40 s; the handshake timeout is 10 s by default.
        Report trickled = Attacker.trickledRequests("upgrades trickled a byte every 250 ms", gateway.port(), 50, upgrade,
                Duration.ofMillis(250), Duration.ofSeconds(20));

        assertSoftly(softly -> {
            softly.assertThat(trickled.count(End.ENDED_BY_SERVER)).as("trickled upgrades closed by the gateway; %s", trickled)
                    .isEqualTo(50);
            softly.assertThat(trickled.distinctAnswers()).as("no answer, 101 least of all; %s", trickled).containsOnly("");
            softly.check(() -> assertTheGatewayCameThrough(trickled, heapBefore));
        });
    }

    @Test
    void malformedHttpRequestsAreRefusedAndClosedInsteadOfServed() throws Exception {
        long heapBefore = startWithLegitimateCalls();
        int port = gateway.port();
        Duration answerWithin = Duration.ofSeconds(5);

        Report longHeader = Attacker.requests("a header over 8 KB", port, 20,
                "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + "a".repeat(9000) + "\r\n\r\n", answerWithin);
        Report nul = Attacker.requests("a NUL in a header", port, 20,
                "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Junk: a\0b\r\nAccept: */*\r\n\r\n", answerWithin);
        Report bareLf = Attacker.requests("bare-LF lines", port, 20, "GET /health HTTP/1.1\nHost: 127.0.0.1\n\n", answerWithin);

        assertSoftly(softly -> {
            for (var expected : List.of(new Refusal(longHeader, "HTTP/1.1 431"), new Refusal(nul, "HTTP/1.1 400"),
                    new Refusal(bareLf, "HTTP/1.1 400"))) {
                softly.assertThat(expected.report().distinctAnswers()).as("answers to %s", expected.report())
                        .allMatch(line -> line.startsWith(expected.status()));
                softly.assertThat(expected.report().count(End.ENDED_BY_SERVER))
                        .as("connections closed by the gateway; %s", expected.report()).isEqualTo(20);
            }
            softly.check(() -> assertTheGatewayCameThrough(List.of(longHeader, nul, bareLf), heapBefore));
        });
    }

    private record Refusal(Report report, String status) {
    }

    // ------------------------------------------------------------------ the legitimate users and the verdict

    /** Starts the bundle and the legitimate calls; returns the live heap once a few calls went through. */
    private long startWithLegitimateCalls(String... settings) throws Exception {
        gateway = Bundle.start(settings);
        calls = CallLoop.start(gateway.websocket(), CALL_PAUSE);
        calls.awaitMoreCalls(5, Duration.ofSeconds(15));
        return gateway.liveHeap();
    }

    /**
     * The gateway came through {@code attack}: it runs, it still completes calls (and completed every one
     * so far), only the legitimate sessions are left once dropped ones have ended, and its live heap is
     * back where it was.
     */
    private void assertTheGatewayCameThrough(Object attack, long heapBefore) throws Exception {
        System.out.println("[soak] " + attack);
        gateway.assertAlive(attack);
        try {
            calls.awaitMoreCalls(3, Duration.ofSeconds(20));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nduring " + attack, e);
        }
        calls.stop();
        System.out.println("[soak] " + calls);
        gateway.awaitSessions(LEGITIMATE_SESSIONS, Duration.ofSeconds(30));
        long heapAfter = gateway.liveHeap();
        System.out.printf("[soak] live heap %d MB before, %d MB after%n", heapBefore >> 20, heapAfter >> 20);
        assertThat(heapAfter - heapBefore).as("live heap growth over the attack (%d MB before, %d MB after): %s",
                heapBefore >> 20, heapAfter >> 20, attack).isLessThanOrEqualTo(HEAP_TOLERANCE);
    }

    /** {@code count} messages numbered 0, 1, ... of ~16 KB to {@code to}, from {@code senders} users in turn (each within its burst). */
    private void sendNumberedMessages(String to, int count, int senders) {
        int each = (count + senders - 1) / senders;
        String padding = "x".repeat(16_000);
        for (int s = 0; s < senders; s++) {
            TestClient sender = TestClient.connect(gateway.websocket());
            try {
                sender.login("backlog-writer-" + s);
                for (int n = s * each; n < Math.min(count, (s + 1) * each); n++) {
                    sender.requestOk("type", "message", "to", to, "data", n + ":" + padding);
                }
                sender.closeNormally();
                sender.awaitClose(); // its session has ended: only the legitimate ones count at the end
            } finally {
                sender.close();
            }
        }
    }

    // ------------------------------------------------------------------ the bundle as a process

    /** The bundle a user runs, {@code target/gateway/bin/gateway}, as a separate process on a free loopback port. */
    private static final class Bundle {

        private static final Path GATEWAY = Path.of("target", "gateway", "bin", "gateway");
        private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/");
        private static final Pattern SESSIONS = Pattern.compile("\"sessions\":(\\d+)");
        /** A line of {@code jcmd GC.heap_info} per heap space: "garbage-first heap total 262144K, used 21504K". */
        private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");
        private static final Duration WAIT = Duration.ofSeconds(15);
        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        private final Process process;
        private final List<String> output = new ArrayList<>();
        private int port;

        private Bundle(Process process) {
            this.process = process;
        }

        /** Starts it with its default settings (conf/jvm.options, no JAVA_OPTS) but for a free port and {@code settings}. */
        static Bundle start(String... settings) throws IOException, InterruptedException {
            assertThat(GATEWAY).as("the bundle is built by 'mvn package'").isExecutable();
            List<String> command = new ArrayList<>(List.of(GATEWAY.toString(), "--bind", "127.0.0.1", "--port", "0",
                    "--websocket.health-counts", "true", // the soak reads the session count off /health
                    // the legitimate calls, ten a second, show the gateway still serves: not a user's call rate
                    "--call.attempts-per-minute", "0"));
            command.addAll(List.of(settings));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().remove("JAVA_OPTS");
            Bundle bundle = new Bundle(builder.start());
            bundle.readOutput();
            Matcher listening = LISTENING.matcher(bundle.awaitLines("listening on", 1));
            assertThat(listening.find()).isTrue();
            bundle.port = Integer.parseInt(listening.group(1));
            return bundle;
        }

        private void readOutput() {
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        synchronized (output) {
                            output.add(line);
                            output.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
            }, "gateway-output");
            reader.setDaemon(true);
            reader.start();
        }

        int port() {
            return port;
        }

        URI websocket() {
            return URI.create("ws://127.0.0.1:" + port + "/ws");
        }

        /** Waits until {@code count} lines of the log contain {@code fragment}; returns the last of them. */
        String awaitLines(String fragment, int count) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            synchronized (output) {
                while (true) {
                    List<String> matching = output.stream().filter(line -> line.contains(fragment)).toList();
                    if (matching.size() >= count) {
                        return matching.get(count - 1);
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || !process.isAlive()) {
                        throw new AssertionError(matching.size() + " of " + count + " lines with '" + fragment + "' within "
                                + WAIT + (process.isAlive() ? "" : " (the gateway exited)") + "; its last lines:\n" + tail());
                    }
                    TimeUnit.NANOSECONDS.timedWait(output, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
                }
            }
        }

        /** Fails when the process has ended, or has run out of (heap or direct) memory, dying or not. */
        void assertAlive(Object during) {
            boolean outOfMemory;
            synchronized (output) {
                outOfMemory = output.stream().anyMatch(line -> line.matches(".*OutOf\\w*MemoryError.*"));
            }
            if (outOfMemory || !process.isAlive()) {
                throw new AssertionError("the gateway " + (outOfMemory ? "ran out of memory" : "died")
                        + (process.isAlive() ? "" : " (exit status " + process.exitValue() + ")") + " during " + during
                        + "; its last lines:\n" + tail());
            }
        }

        /** The {@code sessions} of {@code /health}. */
        int sessions() {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(5)).build();
            try {
                String body = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
                Matcher sessions = SESSIONS.matcher(body);
                assertThat(sessions.find()).as("/health: %s", body).isTrue();
                return Integer.parseInt(sessions.group(1));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Waits, at most {@code bound}, until {@code /health} counts {@code expected} sessions (dropped ones end after the grace). */
        void awaitSessions(int expected, Duration bound) {
            await("the sessions of /health back to " + expected).atMost(bound).pollInterval(Duration.ofMillis(200))
                    .until(this::sessions, sessions -> sessions == expected);
        }

        /** Bytes in use on the heap right after a full GC, as the gateway's JVM counts them ({@code jcmd}). */
        long liveHeap() throws IOException, InterruptedException {
            jcmd("GC.run");
            String info = jcmd("GC.heap_info");
            Matcher used = HEAP_USED.matcher(info);
            long kilobytes = 0;
            boolean found = false;
            while (used.find()) {
                kilobytes += Long.parseLong(used.group(1));
                found = true;
            }
            assertThat(found).as("heap figures in jcmd GC.heap_info:\n%s", info).isTrue();
            return kilobytes << 10;
        }

        private String jcmd(String command) throws IOException, InterruptedException {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Path result = Files.createTempFile("jcmd", ".txt");
            try {
                Process run = new ProcessBuilder(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd",
                        String.valueOf(process.pid()), command).redirectErrorStream(true).redirectOutput(result.toFile()).start();
                if (!run.waitFor(30, TimeUnit.SECONDS)) {
                    run.destroyForcibly();
                    throw new AssertionError("jcmd " + command + " took more than 30 s");
                }
                String text = Files.readString(result);
                assertThat(run.exitValue()).as("jcmd %s: %s", command, text).isZero();
                return text;
            } finally {
                Files.deleteIfExists(result);
            }
        }

        String tail() {
            synchronized (output) {
                return String.join("\n", output.subList(Math.max(0, output.size() - 15), output.size()));
            }
        }

        void kill() {
            process.destroyForcibly();
        }
    }
}
