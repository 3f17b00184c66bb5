package org.webrtcgateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.core.api.BridgeHealth;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.RecordingBridge;
import org.webrtcgateway.testing.TestClient;

/** {@code /healthz} (the process serves) and {@code /readyz} (every enabled bridge in working order), beside {@code /health}. */
class ReadinessTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final RecordingBridge sip = new RecordingBridge("sip", "sip");

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension().withModule(sip.module());

    @Test
    void healthzAnswersOkWhateverTheBridgesSay() throws Exception {
        sip.reportHealth(BridgeHealth.of(List.of("2 of 3 accounts not registered")));

        HttpResponse<String> response = get("/healthz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(TestClient.parse(response.body()).path("status").asText()).isEqualTo("ok");
    }

    @Test
    void readyzIs200WithNoProblemsWhileEveryBridgeIsReady() throws Exception {
        HttpResponse<String> response = get("/readyz");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = TestClient.parse(response.body());
        assertThat(body.path("status").asText()).isEqualTo("ready");
        assertThat(body.path("problems").isArray()).isTrue();
        assertThat(body.path("problems")).isEmpty();
    }

    @Test
    void readyzIs503ListingEachProblemByBridgeAndReturnsTo200WhenTheBridgeRecovers() throws Exception {
        sip.reportHealth(BridgeHealth.of(List.of("2 of 3 accounts not registered (alice: 408 from 127.0.0.1:5060)",
                "proxy \"pbx\" not answering OPTIONS")));

        HttpResponse<String> down = get("/readyz");

        assertThat(down.statusCode()).isEqualTo(503);
        JsonNode body = TestClient.parse(down.body());
        assertThat(body.path("status").asText()).isEqualTo("not ready");
        assertThat(body.path("problems")).extracting(JsonNode::asText).containsExactly(
                "sip: 2 of 3 accounts not registered (alice: 408 from 127.0.0.1:5060)",
                "sip: proxy \"pbx\" not answering OPTIONS");

        sip.reportHealth(BridgeHealth.READY);
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
    }

    @Test
    void healthKeepsItsOwnBodyWhileNotReady() throws Exception {
        sip.reportHealth(BridgeHealth.of(List.of("down")));

        HttpResponse<String> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestClient.parse(response.body()).path("status").asText()).isEqualTo("ok");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(gateway.httpUri(path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
