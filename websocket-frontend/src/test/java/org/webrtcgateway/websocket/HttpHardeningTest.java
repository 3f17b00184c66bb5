package org.webrtcgateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.core.config.Settings;
import org.webrtcgateway.testing.Attacker;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;

/**
 * The HTTP side under attack, spoken byte for byte over a plain socket: legacy WebSocket handshakes,
 * requests the HTTP decoder cannot read, and a request sent too slowly to ever finish.
 */
class HttpHardeningTest {

    /** How long a test waits for the server to answer or close; a bound, not a pause. */
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Nested
    class OnlyRfc6455Upgrades {

        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension();

        @Test
        void aHixie76UpgradeIsAnswered426AndClosed() throws IOException {
            // draft-hixie-76: two keys, no version, and 8 key bytes after the head (announced, so the
            // aggregator hands them to Netty's legacy handshaker, which would complete the upgrade)
            Answer answer = exchange(gateway.port(), request(
                    "GET /ws HTTP/1.1",
                    "Host: 127.0.0.1",
                    "Connection: Upgrade",
                    "Upgrade: WebSocket",
                    "Origin: http://127.0.0.1",
                    "Sec-WebSocket-Key1: 4 @1  46546xW%0l 1 5",
                    "Sec-WebSocket-Key2: 12998 5 Y3 1  .P00",
                    "Content-Length: 8") + "^n:ds[4U");

            assertThat(answer.status()).isEqualTo(426);
            assertThat(answer.header("Sec-WebSocket-Version")).hasValue("13");
            assertThat(answer.closed()).as("closed by the server").isTrue();
        }

        @Test
        void aHybi08UpgradeIsAnswered426AndClosed() throws IOException {
            Answer answer = exchange(gateway.port(), Attacker.upgrade("Sec-WebSocket-Version: 8"));

            assertThat(answer.status()).isEqualTo(426);
            assertThat(answer.header("Sec-WebSocket-Version")).hasValue("13");
            assertThat(answer.closed()).as("closed by the server").isTrue();
        }

        @Test
        void anUpgradeWithoutAVersionIsAnswered426AndClosed() throws IOException {
            Answer answer = exchange(gateway.port(), Attacker.upgrade());

            assertThat(answer.status()).isEqualTo(426);
            assertThat(answer.header("Sec-WebSocket-Version")).hasValue("13");
            assertThat(answer.closed()).as("closed by the server").isTrue();
        }

        @Test
        void aVersion13UpgradeWithoutAKeyIsAnswered400AndClosed() throws IOException {
            Answer answer = exchange(gateway.port(), request(
                    "GET /ws HTTP/1.1", "Host: 127.0.0.1", "Connection: Upgrade", "Upgrade: websocket",
                    "Sec-WebSocket-Version: 13"));

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.closed()).as("closed by the server").isTrue();
        }

        @Test
        void aPlainGetOfTheWebSocketPathIsAnswered400AndClosed() throws IOException {
            Answer answer = exchange(gateway.port(), request("GET /ws HTTP/1.1", "Host: 127.0.0.1"));

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.closed()).as("closed by the server").isTrue();
        }

        @Test
        void aProperVersion13UpgradeStillGets101() throws IOException {
            try (Socket socket = connect(gateway.port())) {
                send(socket, Attacker.upgrade("Sec-WebSocket-Version: 13"));

                assertThat(readHead(socket)).startsWith("HTTP/1.1 101");
            }
        }

        @Test
        void anUpgradeWhoseConnectionHeaderListsKeepAliveToo() throws IOException {
            try (Socket socket = connect(gateway.port())) {
                send(socket, Attacker.upgrade("Sec-WebSocket-Version: 13").replace("Connection: Upgrade", "Connection: keep-alive, Upgrade"));

                assertThat(readHead(socket)).as("as Firefox sends it").startsWith("HTTP/1.1 101");
            }
        }
    }

    @Nested
    class MalformedRequests {

        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension();

        @Test
        void aHeaderOver8KbIsAnswered431AndClosed() throws IOException {
            Answer answer = exchange(gateway.port(),
                    request("GET /health HTTP/1.1", "Host: 127.0.0.1", "X-Padding: " + "a".repeat(9000)));

            assertThat(answer.status()).isEqualTo(431);
            assertThat(answer.header("Connection")).hasValue("close");
            assertThat(answer.closed()).as("closed by the server").isTrue();
        }

        @Test
        void aRequestLineOver4KbIsAnswered414AndClosed() throws IOException {
            Answer answer = exchange(gateway.port(),
                    request("GET /health?" + "a".repeat(5000) + " HTTP/1.1", "Host: 127.0.0.1"));

            assertThat(answer.status()).isEqualTo(414);
            assertThat(answer.header("Connection")).hasValue("close");
            assertThat(answer.closed()).as("closed by the server").isTrue();
        }

        @Test
        void aNulInAHeaderIsAnswered400AndClosed() throws IOException {
            Answer answer = exchange(gateway.port(),
                    request("GET /health HTTP/1.1", "Host: 127.0.0.1", "X-Junk: a\0b", "Accept: */*"));

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.header("Connection")).hasValue("close");
            assertThat(answer.closed()).as("closed by the server").isTrue();
        }

        @Test
        void bareLfLineEndingsAreAnswered400AndClosed() throws IOException {
            Answer answer = exchange(gateway.port(), "GET /health HTTP/1.1\nHost: 127.0.0.1\n\n");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.header("Connection")).hasValue("close");
            assertThat(answer.closed()).as("closed by the server").isTrue();
        }
    }

    @Nested
    class MalformedRequestsAndTheOriginCheck {

        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension().with("websocket.allowed-origins", "https://app.example.org");

        @Test
        void anUpgradeHidingAForbiddenOriginBehindANulHeaderIsRefused() throws IOException {
            // The decoder stops at the bad header: a request handed on anyway would have no Origin to check.
            Answer answer = exchange(gateway.port(), Attacker.upgrade("Sec-WebSocket-Version: 13", "X-Junk: a\0b",
                    "Origin: https://evil.example.org"));

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.closed()).as("closed by the server").isTrue();
        }
    }

    @Nested
    class HandshakeDeadline {

        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension().with("websocket.handshake-timeout", "1s");

        @Test
        void anUpgradeSentOneByteEvery100msIsClosedAtTheDeadline() throws IOException {
            byte[] upgrade = Attacker.upgrade("Sec-WebSocket-Version: 13").getBytes(StandardCharsets.ISO_8859_1);
            ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();
            try (Socket socket = connect(gateway.port())) {
                long start = System.nanoTime();
                AtomicInteger sent = new AtomicInteger();
                drip.scheduleAtFixedRate(() -> writeNextByte(socket, upgrade, sent), 0, 100, TimeUnit.MILLISECONDS);

                Answer answer = readUntilClosed(socket);

                assertThat(answer.closed()).as("closed by the server within %s", WAIT).isTrue();
                assertThat(answer.text()).as("no response, 101 least of all").isEmpty();
                assertThat(sent.get()).as("bytes of the upgrade sent before the close").isLessThan(upgrade.length);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(800));
            } finally {
                drip.shutdownNow();
            }
        }

        @Test
        void aKeepAliveHttpConnectionIsClosedAtTheDeadline() throws IOException {
            try (Socket socket = connect(gateway.port())) {
                send(socket, request("GET /health HTTP/1.1", "Host: 127.0.0.1"));
                assertThat(readHead(socket)).startsWith("HTTP/1.1 200");

                assertThat(readUntilClosed(socket).closed()).as("closed by the server within %s", WAIT).isTrue();
            }
        }

        @Test
        void anUpgradedConnectionOutlivesTheDeadline() {
            TestClient client = gateway.login("alice");

            client.expectNothing(Duration.ofMillis(1500));

            assertThat(client.request("type", "ping").path("type").asText()).isEqualTo("pong");
            assertThat(client.isClosed()).isFalse();
        }

        @Test
        void aHandshakeTimeoutOfZeroIsRefused() {
            Settings settings = Settings.of(Map.of("websocket.handshake-timeout", "0s"));

            assertThatThrownBy(() -> WebSocketConfig.from(settings))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("websocket.handshake-timeout");
        }

        private static void writeNextByte(Socket socket, byte[] bytes, AtomicInteger sent) {
            int next = sent.get();
            if (next == bytes.length) {
                throw new IllegalStateException("all sent"); // ends the schedule
            }
            try {
                OutputStream out = socket.getOutputStream();
                out.write(bytes[next]);
                out.flush();
                sent.incrementAndGet();
            } catch (IOException closed) {
                throw new UncheckedIOException(closed); // ends the schedule
            }
        }
    }

    // ------------------------------------------------------------------ raw HTTP

    /** What the server sent on one connection, and whether it then closed it. */
    private record Answer(String text, boolean closed) {

        int status() {
            assertThat(text).as("a response").startsWith("HTTP/1.1 ");
            return Integer.parseInt(text.substring(9, 12));
        }

        Optional<String> header(String name) {
            String head = text.substring(0, Math.max(0, text.indexOf("\r\n\r\n")));
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return Optional.of(line.substring(colon + 1).trim());
                }
            }
            return Optional.empty();
        }
    }

    /** A request head of these lines, CRLF-terminated. */
    private static String request(String... lines) {
        return String.join("\r\n", lines) + "\r\n\r\n";
    }

    /** A WebSocket upgrade of /ws with these extra header lines (a version among them, or not). */

    /** Sends {@code request} on a new connection and reads until the server closes it or {@link #WAIT} passes. */
    private static Answer exchange(int port, String request) throws IOException {
        try (Socket socket = connect(port)) {
            send(socket, request);
            return readUntilClosed(socket);
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), (int) WAIT.toMillis());
        socket.setSoTimeout((int) WAIT.toMillis());
        return socket;
    }

    private static void send(Socket socket, String bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** The response head, up to and including the blank line. */
    private static String readHead(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Everything the server sends until it closes the connection (a reset counts) or {@link #WAIT} passes without a byte. */
    private static Answer readUntilClosed(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        boolean closed;
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                received.write(buffer, 0, n);
            }
            closed = true;
        } catch (SocketTimeoutException stillOpen) {
            closed = false;
        } catch (SocketException reset) {
            closed = true;
        }
        return new Answer(received.toString(StandardCharsets.ISO_8859_1), closed);
    }
}
