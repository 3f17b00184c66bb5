package org.webrtcgateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLHandshakeException;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;
import org.webrtcgateway.websocket.testing.TestCertificate;

/** PROTOCOL.md, Transport: "{@code wss://} when TLS is configured"; the page is then served over https. */
class TlsTest {

    @TempDir
    static Path folder;
    static TestCertificate certificate;

    @BeforeAll
    static void makeCertificate() throws Exception {
        certificate = TestCertificate.create(folder);
    }

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension()
            .with("websocket.tls-certificate", certificate.certificate().toString())
            .with("websocket.tls-private-key", certificate.privateKey().toString());

    private HttpClient trusting;

    @BeforeEach
    void trustTheCertificate() throws Exception {
        trusting = HttpClient.newBuilder().sslContext(certificate.trustingContext()).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void aBrowserLogsInOverWss() throws Exception {
        BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        WebSocket socket = trusting.newWebSocketBuilder()
                .buildAsync(URI.create("wss://127.0.0.1:" + gateway.port() + "/ws"), collectingInto(received))
                .get(5, TimeUnit.SECONDS);
        try {
            socket.sendText(TestClient.json("type", "login", "name", "alice", "id", 1), true).get(5, TimeUnit.SECONDS);

            JsonNode ok = received.poll(5, TimeUnit.SECONDS);
            assertThat(ok).as("login reply over wss").isNotNull();
            assertThat(ok.path("type").asText()).isEqualTo("ok");
            assertThat(ok.path("name").asText()).isEqualTo("alice");
        } finally {
            socket.abort();
        }
    }

    @Test
    void clientsAreToldToConnectWithWss() {
        assertThat(gateway.wsUri()).hasScheme("wss").hasPath("/ws");
    }

    @Test
    void thePageAndHealthAreServedOverHttps() throws Exception {
        HttpResponse<String> page = trusting.send(HttpRequest.newBuilder(https("/")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> health = trusting.send(HttpRequest.newBuilder(https("/health")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).isNotEmpty();
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(TestClient.parse(health.body()).path("status").asText()).isEqualTo("ok");
    }

    @Test
    void noStrictTransportSecurityUnlessConfigured() throws Exception {
        HttpResponse<String> page = trusting.send(HttpRequest.newBuilder(https("/")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    @Nested
    class WithStrictTransportSecurity {

        @RegisterExtension
        final GatewayExtension hsts = new GatewayExtension()
                .with("websocket.tls-certificate", certificate.certificate().toString())
                .with("websocket.tls-private-key", certificate.privateKey().toString())
                .with("websocket.hsts-max-age", "365d");

        @Test
        void everyAnswerOverTlsTellsBrowsersToStayOnHttps() throws Exception {
            for (String path : new String[] {"/", "/health", "/no-such-page"}) {
                HttpResponse<String> answer = trusting.send(HttpRequest.newBuilder(
                        URI.create("https://127.0.0.1:" + hsts.port() + path)).build(), HttpResponse.BodyHandlers.ofString());

                assertThat(answer.headers().firstValue("Strict-Transport-Security")).as(path).hasValue("max-age=31536000");
            }
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateCannotConnect() {
        HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        assertThatThrownBy(() -> untrusting.send(HttpRequest.newBuilder(https("/health")).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void plainHttpOnTheTlsPortGetsNoPage() {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(gateway.httpUri("/health")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    private URI https(String path) {
        return URI.create("https://127.0.0.1:" + gateway.port() + path);
    }

    private static WebSocket.Listener collectingInto(BlockingQueue<JsonNode> received) {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    received.add(TestClient.parse(partial.toString()));
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        };
    }
}
