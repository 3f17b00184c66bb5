package org.webrtcgateway.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Attacks on a gateway from one client address (loopback), at the byte level. Each is bounded in
 * connections, in what each connection sends, and in time: at the time limit every socket still open
 * is closed, which is also what unblocks a write the server has stopped reading. Until the whole
 * attack ends, a connection that has sent everything stays open, holding whatever the server keeps
 * for it. Each attack reports what became of every connection, for the test to judge the gateway by.
 */
public final class Attacker {

    /** How an attacking connection ended. */
    public enum End {
        /** It sent everything it meant to (and, where it waits for one, got its answer). */
        SENT_ALL,
        /** The server closed, reset or refused it first. */
        ENDED_BY_SERVER,
        /** The time limit came first: the server neither let it finish nor closed it. */
        TIME_LIMIT
    }

    /**
     * One connection: what it sent (pings, messages or bytes, as the attack counts), how it ended, and
     * the server's answer (the start of what it sent back) or, in parentheses, why the connection failed.
     */
    public record Outcome(long sent, End end, String answer, Duration elapsed) {
    }

    /** What became of every connection of one attack. */
    public record Report(String attack, List<Outcome> connections) {

        public long count(End end) {
            return connections.stream().filter(outcome -> outcome.end() == end).count();
        }

        public long sent() {
            return connections.stream().mapToLong(Outcome::sent).sum();
        }

        /** The first line of each connection's answer. */
        public List<String> answerLines() {
            return connections.stream().map(outcome -> outcome.answer().lines().findFirst().orElse("")).toList();
        }

        /** The different first lines of the answers, in order: what a test checks without a line per connection. */
        public SortedSet<String> distinctAnswers() {
            return new TreeSet<>(answerLines());
        }

        public Duration longest() {
            return connections.stream().map(Outcome::elapsed).max(Duration::compareTo).orElse(Duration.ZERO);
        }

        @Override
        public String toString() {
            Map<End, Long> ends = connections.stream().collect(Collectors.groupingBy(Outcome::end, TreeMap::new, Collectors.counting()));
            Map<String, Long> answers = answerLines().stream().collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
            String someAnswers = answers.entrySet().stream().limit(4).map(Object::toString).collect(Collectors.joining(", "))
                    + (answers.size() > 4 ? ", ... (" + answers.size() + " different)" : "");
            return attack + ": " + connections.size() + " connections, " + sent() + " sent, ends " + ends
                    + ", answers {" + someAnswers + "}, longest " + longest().toMillis() + " ms";
        }
    }

    private static final int PING = 0x9;
    private static final int TEXT = 0x1;
    /** A receive buffer that a few pongs fill: what the server sends then piles up on its side. */
    private static final int NEVER_READ_BUFFER = 4096;
    private static final int PINGS_PER_WRITE = 1000;
    /** How long a connection waits for a handshake answer or a reply before it counts as ended by the server. */
    private static final int ANSWER_TIMEOUT_MILLIS = 5000;
    private static final int ANSWER_KEPT = 512;

    /**
     * draft-hixie-76, which browsers dropped in 2011: two keys, no version, an Origin (Netty's legacy
     * handshaker fails without one, so an upgrade without it proves nothing), and 8 key bytes after
     * the head (announced, so that the HTTP decoder hands them on to the handshaker).
     */
    public static final String HIXIE_76_UPGRADE = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\n"
            + "Upgrade: WebSocket\r\nOrigin: http://127.0.0.1\r\n"
            + "Sec-WebSocket-Key1: 4 @1  46546xW%0l 1 5\r\nSec-WebSocket-Key2: 12998 5 Y3 1  .P00\r\n"
            + "Content-Length: 8\r\n\r\n^n:ds[4U";

    private Attacker() {
    }

    /** An RFC 6455 upgrade of /ws with these extra header lines (a version among them, or none). */
    public static String upgrade(String... headers) {
        StringBuilder head = new StringBuilder("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\n"
                + "Upgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    // ------------------------------------------------------------------ attacks

    /**
     * {@code connections} WebSockets that never read send {@code pingsEach} pings each, as fast as they
     * can: every ping asks the server for a pong it cannot deliver. A ping carries 125 bytes, the most a
     * control frame may, so that the pongs soon overflow what the kernel's socket buffers hold (a few
     * MB) and pile up in the server (400,000 pongs are 50 MB).
     */
    public static Report pingFlood(int port, int connections, int pingsEach, Duration timeLimit) {
        byte[] ping = RawWebSocket.clientFrame(PING, new byte[125]);
        byte[] batch = repeat(ping, PINGS_PER_WRITE);
        return run("ping flood", connections, timeLimit, (index, progress) -> {
            RawWebSocket socket = progress.closeAtEnd(RawWebSocket.connect(port, NEVER_READ_BUFFER));
            while (progress.sent < pingsEach) {
                int pings = (int) Math.min(PINGS_PER_WRITE, pingsEach - progress.sent);
                socket.sendBytes(pings == PINGS_PER_WRITE ? batch : Arrays.copyOf(batch, pings * ping.length));
                progress.sent += pings;
            }
            return End.SENT_ALL;
        });
    }

    /**
     * Logs each name in and drops its connection without a close frame, as a network loss does: each
     * session then waits to be resumed, queueing what is sent to it.
     *
     * @return the sessions' resume tokens, in the order of {@code names}
     */
    public static List<String> loginAndDrop(int port, List<String> names) throws IOException {
        List<String> tokens = new ArrayList<>();
        for (String name : names) {
            RawWebSocket socket = RawWebSocket.connect(port, 0);
            tokens.add(socket.login(name));
            socket.close();
        }
        return tokens;
    }

    /**
     * {@code senders} users (sender-0, sender-1, ...) each send {@code messagesEach} messages with a
     * {@code data} of {@code dataBytes} bytes of JSON to the {@code recipients} in turn, within the rate
     * limit's burst, then wait for the reply to a last ping (so the server has read them all) and close.
     * A connection's answer counts the messages the server refused (errors).
     */
    public static Report messageFlood(int port, List<String> recipients, int senders, int messagesEach, int dataBytes,
                                      Duration timeLimit) {
        String data = "x".repeat(dataBytes - 2); // the quotes make up the rest
        List<byte[]> frames = recipients.stream()
                .map(to -> RawWebSocket.clientFrame(TEXT, TestClient.json("type", "message", "to", to, "data", data)
                        .getBytes(StandardCharsets.UTF_8)))
                .toList();
        return run("messages to " + recipients.size() + " users", senders, timeLimit, (index, progress) -> {
            RawWebSocket socket = progress.closeAtEnd(RawWebSocket.connect(port, 0));
            socket.login("sender-" + index);
            for (int i = 0; i < messagesEach; i++) {
                socket.sendBytes(frames.get((index * messagesEach + i) % frames.size()));
                progress.sent++;
            }
            socket.sendText(TestClient.json("type", "ping", "id", "last"));
            int refused = 0;
            RawWebSocket.Frame frame;
            while ((frame = socket.readUntil(TEXT)) != null) {
                var reply = TestClient.parse(frame.text());
                if (reply.path("id").asText().equals("last")) {
                    break;
                }
                refused += reply.path("type").asText().equals("error") ? 1 : 0;
            }
            progress.answer = refused + " refused";
            if (frame == null) {
                return End.ENDED_BY_SERVER;
            }
            socket.closeNormally();
            return End.SENT_ALL;
        });
    }

    /**
     * {@code connections} draft-hixie-76 upgrades, each followed by a text frame that never ends: a 0x00
     * and then {@code bytesEach} bytes without the 0xFF that would end it. Each connection then stays
     * open until the server closes it (ENDED_BY_SERVER) or the time limit comes (TIME_LIMIT): closing
     * it earlier would spare the server the bytes still in its socket buffer. Each connection's answer
     * is the server's response to the upgrade.
     */
    public static Report unterminatedLegacyFrames(int port, int connections, int bytesEach, Duration timeLimit) {
        byte[] chunk = new byte[16 * 1024];
        Arrays.fill(chunk, (byte) 'a');
        return run("unterminated hixie-76 frames", connections, timeLimit, (index, progress) -> {
            Socket socket = progress.closeAtEnd(open(port));
            write(socket, HIXIE_76_UPGRADE.getBytes(StandardCharsets.ISO_8859_1));
            progress.answer = readStatusLine(socket);
            write(socket, new byte[] {0x00});
            while (progress.sent < bytesEach) {
                int length = (int) Math.min(chunk.length, bytesEach - progress.sent);
                write(socket, length == chunk.length ? chunk : Arrays.copyOf(chunk, length));
                progress.sent += length;
            }
            socket.setSoTimeout(0); // the time limit bounds the wait
            discardUntilClosed(socket);
            return End.ENDED_BY_SERVER;
        });
    }

    /**
     * Sends {@code request} on {@code connections} connections at once and reads each answer until the
     * server closes the connection: ENDED_BY_SERVER then, TIME_LIMIT when it keeps it open.
     */
    public static Report requests(String attack, int port, int connections, String request, Duration timeLimit) {
        byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
        return run(attack, connections, timeLimit, (index, progress) -> {
            Socket socket = progress.closeAtEnd(open(port));
            socket.setSoTimeout(0); // the time limit bounds the wait
            write(socket, bytes);
            progress.sent = bytes.length;
            readUntilClosed(socket, progress);
            return End.ENDED_BY_SERVER;
        });
    }

    /**
     * Sends {@code request} on {@code connections} connections at once, one byte every {@code perByte}
     * (slower than any real client, fast enough never to look idle), and reads until the server closes
     * the connection: ENDED_BY_SERVER then, TIME_LIMIT when it keeps waiting for the rest.
     */
    public static Report trickledRequests(String attack, int port, int connections, String request, Duration perByte,
                                          Duration timeLimit) {
        byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
        ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor(daemon("attacker-drip"));
        try {
            return run(attack, connections, timeLimit, (index, progress) -> {
                Socket socket = progress.closeAtEnd(open(port));
                socket.setSoTimeout(0); // the time limit bounds the wait
                ScheduledFuture<?> dripping = drip.scheduleAtFixedRate(() -> writeNextByte(socket, bytes, progress),
                        0, perByte.toNanos(), TimeUnit.NANOSECONDS);
                try {
                    readUntilClosed(socket, progress);
                } finally {
                    dripping.cancel(false);
                }
                return End.ENDED_BY_SERVER;
            });
        } finally {
            drip.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ running connections within bounds

    @FunctionalInterface
    private interface Attack {
        /** One connection's attack; returns how it ended, or throws when the server ended it (or the time limit did). */
        End run(int index, Progress progress) throws IOException;
    }

    /** One connection's progress, kept outside the attack so that it survives the exception that ends it. */
    private static final class Progress {
        private final long start = System.nanoTime();
        private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();
        /** Set when the attack ends: an exception after it comes from our own closing of the socket. */
        private volatile boolean ending;
        volatile long sent;
        volatile String answer = "";

        /** Registers a socket to close when the attack ends (closing unblocks a write the server does not read). */
        <T extends AutoCloseable> T closeAtEnd(T socket) {
            open.add(socket);
            if (ending) {
                closeAll();
            }
            return socket;
        }

        void end() {
            ending = true;
            closeAll();
        }

        private void closeAll() {
            for (AutoCloseable socket : open) {
                try {
                    socket.close();
                } catch (Exception e) {
                    // closed already
                }
            }
        }

        Outcome run(int index, Attack body) {
            End end;
            try {
                end = body.run(index, this);
            } catch (IOException | RuntimeException e) {
                end = ending ? End.TIME_LIMIT : End.ENDED_BY_SERVER;
                if (end == End.ENDED_BY_SERVER && answer.isEmpty()) {
                    answer = "(" + e + ")";
                }
            }
            return new Outcome(sent, end, answer, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private static Report run(String attack, int connections, Duration timeLimit, Attack body) {
        ExecutorService threads = Executors.newFixedThreadPool(connections, daemon("attacker"));
        List<Progress> progress = new ArrayList<>();
        List<Future<Outcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            int index = i;
            Progress connection = new Progress();
            progress.add(connection);
            outcomes.add(threads.submit(() -> connection.run(index, body)));
        }
        threads.shutdown();
        try {
            threads.awaitTermination(timeLimit.toMillis(), TimeUnit.MILLISECONDS);
            progress.forEach(Progress::end);
            if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(attack + ": connections still running 10 s after their sockets were closed");
            }
            List<Outcome> report = new ArrayList<>();
            for (Future<Outcome> outcome : outcomes) {
                report.add(outcome.get());
            }
            return new Report(attack, report);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            threads.shutdownNow();
            progress.forEach(Progress::end);
            throw new IllegalStateException(attack + " interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(attack + ": a connection failed unexpectedly", e.getCause());
        }
    }

    // ------------------------------------------------------------------ bytes on a socket

    private static Socket open(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), ANSWER_TIMEOUT_MILLIS);
        socket.setSoTimeout(ANSWER_TIMEOUT_MILLIS);
        return socket;
    }

    private static void write(Socket socket, byte[] bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    private static void writeNextByte(Socket socket, byte[] bytes, Progress progress) {
        int next = (int) progress.sent;
        if (next == bytes.length) {
            throw new IllegalStateException("all sent"); // ends the schedule
        }
        try {
            socket.getOutputStream().write(bytes[next]);
            progress.sent = next + 1;
        } catch (IOException closed) {
            throw new IllegalStateException(closed); // ends the schedule
        }
    }

    /** The status line of the response (without its CRLF), or what came before the server closed. */
    private static String readStatusLine(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads until the end of the stream (or a reset), keeping the start of what came as the answer. */
    private static void readUntilClosed(Socket socket, Progress progress) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                received.write(buffer, 0, Math.min(n, Math.max(0, ANSWER_KEPT - received.size())));
                progress.answer = received.toString(StandardCharsets.ISO_8859_1);
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("reset")) {
                throw e;
            }
        }
    }

    /** Reads and drops what comes until the end of the stream (or a reset). */
    private static void discardUntilClosed(Socket socket) throws IOException {
        byte[] sink = new byte[8192];
        try {
            while (socket.getInputStream().read(sink) >= 0) {
                // the rest of the response, or frames: not what this attack is about
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("reset")) {
                throw e;
            }
        }
    }

    private static byte[] repeat(byte[] frame, int times) {
        byte[] repeated = new byte[frame.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(frame, 0, repeated, i * frame.length, frame.length);
        }
        return repeated;
    }

    private static ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
