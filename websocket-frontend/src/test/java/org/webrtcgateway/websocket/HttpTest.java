package org.webrtcgateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;

/** The HTTP side of the frontend: {@code /health}, the static client files, and the Origin check on the upgrade. */
class HttpTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String INDEX = "<!doctype html><title>test page</title>\n";
    private static final String SECRET = "outside the static folder\n";

    /** {@code secret.txt} beside the served folder {@code www/}, which a path traversal would try to reach. */
    @TempDir
    static Path root;

    static Path www() {
        return root.resolve("www");
    }

    @BeforeAll
    static void writeFiles() throws IOException {
        Files.createDirectories(www().resolve("sub"));
        Files.writeString(root.resolve("secret.txt"), SECRET);
        Files.writeString(www().resolve("index.html"), INDEX);
        Files.writeString(www().resolve("app.js"), "console.log('hi');\n");
        Files.writeString(www().resolve("module.mjs"), "export const x = 1;\n");
        Files.writeString(www().resolve("style.css"), "body { margin: 0 }\n");
        Files.writeString(www().resolve("data.json"), "{\"a\":1}\n");
        Files.writeString(www().resolve("logo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n");
        Files.write(www().resolve("icon.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3});
        Files.writeString(www().resolve("notes.txt"), "plain\n");
        Files.writeString(www().resolve("archive.bin"), "????");
        Files.writeString(www().resolve("sub").resolve("page.html"), "<p>nested</p>\n");
    }

    @Nested
    class StaticFilesAndHealth {

        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension().with("websocket.static-dir", www().toString());

        @Test
        void healthIsJsonWithStatusOk() throws Exception {
            HttpResponse<String> response = get("/health");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            JsonNode body = TestClient.parse(response.body());
            assertThat(body.path("status").asText()).isEqualTo("ok");
            assertThat(body.path("overloaded").isBoolean()).isTrue();
            assertThat(body.path("overloaded").asBoolean()).isFalse();
        }

        @Test
        void healthTellsNoCountsUnlessConfigured() throws Exception {
            gateway.login("alice");

            JsonNode body = TestClient.parse(get("/health").body());

            assertThat(body.has("sessions")).as("%s", body).isFalse();
        }

        @Test
        void theRootServesIndexHtmlFromTheStaticFolder() throws Exception {
            HttpResponse<String> response = get("/");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(response.body()).isEqualTo(INDEX);
            assertThat(get("/index.html").body()).isEqualTo(INDEX);
        }

        @Test
        void eachFileGetsTheContentTypeOfItsExtension() throws Exception {
            assertThat(contentType("/app.js")).isEqualTo("text/javascript; charset=utf-8");
            assertThat(contentType("/module.mjs")).isEqualTo("text/javascript; charset=utf-8");
            assertThat(contentType("/style.css")).isEqualTo("text/css; charset=utf-8");
            assertThat(contentType("/data.json")).isEqualTo("application/json");
            assertThat(contentType("/logo.svg")).isEqualTo("image/svg+xml");
            assertThat(contentType("/icon.png")).isEqualTo("image/png");
            assertThat(contentType("/notes.txt")).isEqualTo("text/plain; charset=utf-8");
            assertThat(contentType("/archive.bin")).isEqualTo("application/octet-stream");
        }

        @Test
        void binaryFilesAreServedByteForByte() throws Exception {
            HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(gateway.httpUri("/icon.png")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());

            assertThat(response.body()).isEqualTo(Files.readAllBytes(www().resolve("icon.png")));
        }

        @Test
        void aPageOfOnesOwnStillGetsTheGatewaysClientLibraryButNotItsPage() throws Exception {
            HttpResponse<String> library = get("/gateway.js");

            assertThat(library.statusCode()).isEqualTo(200);
            assertThat(library.body()).contains("WebSocket");
            assertThat(get("/app.css").statusCode()).as("the built-in page's other files stay out").isEqualTo(404);
        }

        @Test
        void filesInSubfoldersAreServed() throws Exception {
            HttpResponse<String> response = get("/sub/page.html");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("<p>nested</p>\n");
        }

        @Test
        void staticFilesAreNotSniffed() throws Exception {
            assertThat(get("/app.js").headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }

        @Test
        void headAnswersWithTheHeadersOfGetAndNoBody() throws Exception {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(gateway.httpUri("/index.html"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(response.headers().firstValueAsLong("Content-Length"))
                    .hasValue((long) INDEX.getBytes(StandardCharsets.UTF_8).length);
            assertThat(response.body()).isEmpty();
        }

        @Test
        void postIsMethodNotAllowed() throws Exception {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(gateway.httpUri("/index.html"))
                    .POST(HttpRequest.BodyPublishers.ofString("x=1")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(405);
        }

        @Test
        void putAndDeleteAreMethodNotAllowed() throws Exception {
            assertThat(HTTP.send(HttpRequest.newBuilder(gateway.httpUri("/"))
                    .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                    .isEqualTo(405);
            assertThat(HTTP.send(HttpRequest.newBuilder(gateway.httpUri("/health")).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(405);
        }

        @Test
        void anUnknownPathIsNotFound() throws Exception {
            assertThat(get("/missing.html").statusCode()).isEqualTo(404);
            assertThat(get("/sub/").statusCode()).isEqualTo(404);
            assertThat(get("/sub").statusCode()).isEqualTo(404);
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {
                "/../secret.txt",
                "/www/../secret.txt",
                "/sub/../../secret.txt",
                "/%2e%2e/secret.txt",
                "/%2E%2E/secret.txt",
                "/..%2fsecret.txt",
                "/%2e%2e%2fsecret.txt",
                "/..%5csecret.txt",
                "/..\\secret.txt",
                "/%252e%252e/secret.txt",
                "/..;/secret.txt",
                "/.%2e/secret.txt",
                "//secret.txt",
                "/../../../../../../etc/passwd",
                "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                "/etc/passwd",
                "/%00index.html",
                "/index.html%00.txt"})
        void pathTraversalIsRefusedWithNotFound(String path) throws IOException {
            String response = rawGet(gateway.port(), path);

            assertThat(response).as("response to GET %s", path).startsWith("HTTP/1.1 404");
            assertThat(response).doesNotContain("outside the static folder").doesNotContain("root:");
        }

        @Test
        void aQueryStringDoesNotChangeWhichFileIsServed() throws Exception {
            HttpResponse<String> response = get("/index.html?v=3");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(INDEX);
        }

        @Test
        void theWebSocketPathWithoutAnUpgradeIsNotAPage() throws Exception {
            assertThat(get("/ws").statusCode()).isGreaterThanOrEqualTo(400);
        }

        private HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return HTTP.send(HttpRequest.newBuilder(gateway.httpUri(path)).build(), HttpResponse.BodyHandlers.ofString());
        }

        private String contentType(String path) throws IOException, InterruptedException {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
            return response.headers().firstValue("Content-Type").orElse(null);
        }
    }

    /** A limit of 1 % of the heap, and more than that held, so the first collection reports overload. */
    @Nested
    class HealthUnderMemoryPressure {

        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension().with("bridge.heap-limit-percent", "1");

        @Test
        void healthSaysOverloadedWhileTheHeapIsPastTheLimit() throws Exception {
            byte[] ballast = new byte[(int) Math.min(Integer.MAX_VALUE - 8, Runtime.getRuntime().maxMemory() / 50)];
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                System.gc();
                return TestClient.parse(HTTP.send(HttpRequest.newBuilder(gateway.httpUri("/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).body()).path("overloaded").asBoolean();
            });
            assertThat(ballast).isNotEmpty();
        }
    }

    @Nested
    class HealthWithCounts {

        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension().with("websocket.health-counts", "true");

        @Test
        void healthCountsTheLoggedInSessionsWhereConfigured() throws Exception {
            gateway.login("alice");
            gateway.login("bob");

            JsonNode body = TestClient.parse(HTTP.send(HttpRequest.newBuilder(gateway.httpUri("/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());

            assertThat(body.path("sessions").asInt()).isEqualTo(2);
        }
    }

    @Nested
    class BuiltInClientPage {

        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension();

        @Test
        void theRootServesTheIndexHtmlBuiltIntoTheJar() throws Exception {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(gateway.httpUri("/")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            try (InputStream in = HttpTest.class.getClassLoader().getResourceAsStream("static/index.html")) {
                assertThat(in).as("static/index.html on the classpath").isNotNull();
                assertThat(response.body()).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }

        @Test
        void classpathTraversalIsRefused() throws IOException {
            assertThat(rawGet(gateway.port(), "/../logback-test.xml")).startsWith("HTTP/1.1 404");
            assertThat(rawGet(gateway.port(), "/%2e%2e/org/webrtcgateway/websocket/HttpTest.class")).startsWith("HTTP/1.1 404");
        }
    }

    @Nested
    class OriginCheck {

        private static final String ALLOWED = "https://app.example.org";

        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension()
                .with("websocket.allowed-origins", ALLOWED + ", https://other.example.org");

        @Test
        void anUpgradeFromAnOriginNotAllowedIsRefusedWith403() {
            assertThatThrownBy(() -> gateway.client(gateway.wsUri(), Map.of("Origin", "https://evil.example.org")))
                    .satisfies(e -> assertThat(handshakeStatus(e)).isEqualTo(403));
        }

        @Test
        void anUpgradeFromAnOriginThatOnlyStartsLikeAnAllowedOneIsRefused() {
            assertThatThrownBy(() -> gateway.client(gateway.wsUri(), Map.of("Origin", ALLOWED + ".evil.example")))
                    .satisfies(e -> assertThat(handshakeStatus(e)).isEqualTo(403));
        }

        @Test
        void anUpgradeFromAnOpaqueNullOriginIsRefused() {
            assertThatThrownBy(() -> gateway.client(gateway.wsUri(), Map.of("Origin", "null")))
                    .satisfies(e -> assertThat(handshakeStatus(e)).isEqualTo(403));
        }

        @Test
        void anUpgradeFromAnAllowedOriginWorks() {
            TestClient client = gateway.client(gateway.wsUri(), Map.of("Origin", ALLOWED));

            assertThat(client.login("alice").path("name").asText()).isEqualTo("alice");
        }

        @Test
        void everyListedOriginIsAllowed() {
            TestClient client = gateway.client(gateway.wsUri(), Map.of("Origin", "https://other.example.org"));

            assertThat(client.login("alice").path("name").asText()).isEqualTo("alice");
        }

        @Test
        void anUpgradeWithoutOriginWorks() {
            TestClient client = gateway.client();

            assertThat(client.login("alice").path("name").asText()).isEqualTo("alice");
        }

        @Test
        void theOriginCheckAppliesToTheUpgradeNotToPages() throws Exception {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(gateway.httpUri("/health"))
                    .header("Origin", "https://evil.example.org").build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class AnyOrigin {

        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension();

        @Test
        void withoutAllowedOriginsAnyOriginMayUpgrade() {
            TestClient client = gateway.client(gateway.wsUri(), Map.of("Origin", "https://anywhere.example"));

            assertThat(client.login("alice").path("name").asText()).isEqualTo("alice");
        }
    }

    private static int handshakeStatus(Throwable thrown) {
        Throwable cause = thrown;
        while (cause != null && !(cause instanceof WebSocketHandshakeException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("a refused handshake in %s", thrown).isNotNull();
        return ((WebSocketHandshakeException) cause).getResponse().statusCode();
    }

    /** A GET written byte for byte, so no client library normalizes the path first; returns the whole response. */
    static String rawGet(int port, String path) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
