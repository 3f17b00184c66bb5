package org.webrtcgateway.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.webrtcgateway.testing.inprocess.InProcessFrontend;

/**
 * A browser stand-in for tests: a real WebSocket client (the JDK's, not Netty's, so client and server
 * share no code) that queues every message it receives as JSON and records how the connection closed.
 * At an {@code inproc:} address it talks to the {@link InProcessFrontend} instead, the same way.
 */
public final class TestClient implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(5);
    /** Messages {@link #nextOfType} passes over at most before it fails. */
    public static final int MAX_PASSED_OVER = 50;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** How the server closed the connection: a close code, or -1 when the TCP connection just ended. */
    public record Close(int code, String reason) {
    }

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Close> closed = new CompletableFuture<>();
    private final AtomicInteger nextId = new AtomicInteger();
    private String name;

    private TestClient(URI uri, Map<String, String> headers) {
        this(uri, headers, HTTP);
    }

    private TestClient(URI uri, Map<String, String> headers, HttpClient http) {
        if (InProcessFrontend.isInProcess(uri)) {
            socket = InProcessFrontend.connect(uri, new Listener());
            return;
        }
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(WAIT);
        headers.forEach(builder::header);
        try {
            socket = builder.buildAsync(uri, new Listener()).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot connect to " + uri, e);
        }
    }

    public static TestClient connect(URI uri) {
        return new TestClient(uri, Map.of());
    }

    public static TestClient connect(URI uri, Map<String, String> headers) {
        return new TestClient(uri, headers);
    }

    /** Over {@code wss://}, trusting what {@code tls} trusts (e.g. only the test's own certificate): a new TLS connection. */
    public static TestClient connect(URI uri, SSLContext tls) {
        return new TestClient(uri, Map.of(), HttpClient.newBuilder().sslContext(tls).connectTimeout(WAIT).build());
    }

    /** The name this client logged in as (set by {@link #login}). */
    public String name() {
        return name;
    }

    // ------------------------------------------------------------------ sending

    /** Sends a raw text frame. */
    public TestClient sendRaw(String text) {
        join(socket.sendText(text, true));
        return this;
    }

    /** Sends a JSON object built from alternating keys and values: {@code send("type", "ping", "id", 1)}. */
    public TestClient send(Object... keysAndValues) {
        return sendRaw(json(keysAndValues));
    }

    /** Sends a request with a fresh numeric {@code id} and returns the reply carrying that id. */
    public JsonNode request(Object... keysAndValues) {
        int id = nextId.incrementAndGet() + 1000;
        Object[] withId = new Object[keysAndValues.length + 2];
        System.arraycopy(keysAndValues, 0, withId, 0, keysAndValues.length);
        withId[keysAndValues.length] = "id";
        withId[keysAndValues.length + 1] = id;
        send(withId);
        JsonNode reply = next();
        assertThat(reply.path("id").asInt()).as("reply %s to request %d", reply, id).isEqualTo(id);
        return reply;
    }

    /** Sends a request and asserts it was answered {@code ok}. */
    public JsonNode requestOk(Object... keysAndValues) {
        JsonNode reply = request(keysAndValues);
        assertThat(reply.path("type").asText()).as("reply %s", reply).isEqualTo("ok");
        return reply;
    }

    /** Sends a request and asserts it was answered with {@code error} of {@code code}. */
    public JsonNode requestError(String code, Object... keysAndValues) {
        JsonNode reply = request(keysAndValues);
        assertThat(reply.path("type").asText()).as("reply %s", reply).isEqualTo("error");
        assertThat(reply.path("code").asText()).as("reply %s", reply).isEqualTo(code);
        assertThat(reply.path("message").asText()).as("an error explains itself").isNotBlank();
        return reply;
    }

    /** Logs in as {@code name} and returns the {@code ok}. */
    public JsonNode login(String name) {
        JsonNode ok = requestOk("type", "login", "name", name);
        this.name = ok.path("name").asText();
        return ok;
    }

    public TestClient sendBinary(byte[] bytes) {
        join(socket.sendBinary(ByteBuffer.wrap(bytes), true));
        return this;
    }

    /** Sends one text message in several frames (a first frame and continuations). */
    public TestClient sendFragmented(String... parts) {
        for (int i = 0; i < parts.length; i++) {
            join(socket.sendText(parts[i], i == parts.length - 1));
        }
        return this;
    }

    // ------------------------------------------------------------------ receiving

    /** The next message, waiting up to {@link #WAIT}. */
    public JsonNode next() {
        try {
            JsonNode message = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                fail("%s received nothing within %s", this, WAIT);
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next message, which must be of {@code type}. */
    public JsonNode next(String type) {
        JsonNode message = next();
        assertThat(message.path("type").asText()).as("%s expected '%s' and got %s", this, type, message).isEqualTo(type);
        return message;
    }

    /**
     * The next message, which must be of {@code type}, after at most one {@code optional} message: for what a network
     * may lose, like a phone's 180 Ringing over UDP (RFC 3261 does not retransmit provisional responses).
     */
    public JsonNode nextAfterOptional(String optional, String type) {
        JsonNode message = next();
        if (message.path("type").asText().equals(optional) && !optional.equals(type)) {
            message = next();
        }
        assertThat(message.path("type").asText()).as("%s expected '%s' (after an optional '%s') and got %s", this, type,
                optional, message).isEqualTo(type);
        return message;
    }

    /**
     * The next message of {@code type}, passing over others (a bridge may send candidates, ringing or presence in
     * between, as its network does); fails after {@value #MAX_PASSED_OVER} others or when nothing comes.
     */
    public JsonNode nextOfType(String type) {
        return nextOfType(type, json -> true);
    }

    /** The next message of {@code type} that {@code matches}, passing over others, as {@link #nextOfType(String)}. */
    public JsonNode nextOfType(String type, Predicate<JsonNode> matches) {
        return nextMatching("a matching '" + type + "'", json -> json.path("type").asText().equals(type) && matches.test(json));
    }

    /** The next message that {@code matches} ({@code what} it is, for the failure), passing over others. */
    public JsonNode nextMatching(String what, Predicate<JsonNode> matches) {
        List<JsonNode> passed = new ArrayList<>();
        for (int i = 0; i < MAX_PASSED_OVER; i++) {
            JsonNode next = next();
            if (matches.test(next)) {
                return next;
            }
            passed.add(next);
        }
        throw new AssertionError(this + " got no " + what + " among " + passed);
    }

    /** Asserts nothing arrives within {@code quietFor}: for things that must not happen. */
    public void expectNothing(Duration quietFor) {
        try {
            JsonNode message = received.poll(quietFor.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(message).as("%s should have received nothing", this).isNull();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the connection to be closed by the server. */
    public Close awaitClose() {
        try {
            return closed.get(WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError(this + " was not closed by the server", e);
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    // ------------------------------------------------------------------ ending

    /** Closes with a close frame (1000): PROTOCOL.md says the session ends at once. */
    public void closeNormally() {
        if (!socket.isOutputClosed()) {
            join(socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye"));
        }
    }

    /** Drops the TCP connection without a close frame, as a network loss does: the session waits to be resumed. */
    public void drop() {
        socket.abort();
    }

    @Override
    public void close() {
        socket.abort();
    }

    @Override
    public String toString() {
        return "client " + (name != null ? name : "(not logged in)");
    }

    public static String json(Object... keysAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        try {
            return JSON.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static void join(CompletableFuture<WebSocket> sending) {
        try {
            sending.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("sending failed", e);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(parse(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Close(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Close(-1, String.valueOf(error)));
        }
    }
}
