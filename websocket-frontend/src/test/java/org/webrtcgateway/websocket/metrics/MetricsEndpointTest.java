package org.webrtcgateway.websocket.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;
import org.webrtcgateway.testing.metrics.Exposition;
import org.webrtcgateway.testing.metrics.Promtool;

/** GET /metrics on the main port: what a browser-to-browser call, logins and closes do to the meters. */
class MetricsEndpointTest {

    static final String OFFER_SDP = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";
    static final String ANSWER_SDP = "v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension();

    private Exposition scrape() {
        return Exposition.scrape(gateway.httpUri("/metrics"));
    }

    @Test
    void aBrowserCallMovesTheCallCountersTheActiveGaugeAndTheSetUpHistogram() {
        Exposition before = scrape();
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");

        String call = alice.requestOk("type", "offer", "to", "bob", "sdp", OFFER_SDP).path("call").asText();
        bob.next("offer");
        Exposition ringing = scrape();
        bob.requestOk("type", "answer", "call", call, "sdp", ANSWER_SDP);
        alice.next("answer");
        Exposition talking = scrape();
        alice.requestOk("type", "bye", "call", call);
        bob.next("bye");
        Exposition after = scrape();

        assertThat(ringing.value("gateway_calls_active", "bridge", "browser")).isEqualTo(1);
        assertThat(talking.value("gateway_call_setup_seconds_count", "bridge", "browser"))
                .isEqualTo(before.value("gateway_call_setup_seconds_count", "bridge", "browser") + 1);
        assertThat(talking.value("gateway_call_setup_seconds_bucket", "bridge", "browser", "le", "30.0")).isEqualTo(1);
        assertThat(talking.value("gateway_call_setup_seconds_bucket", "bridge", "browser", "le", "+Inf")).isEqualTo(1);
        assertThat(after.value("gateway_calls_active", "bridge", "browser")).isZero();
        assertThat(after.value("gateway_calls_started_total", "bridge", "browser"))
                .isEqualTo(before.value("gateway_calls_started_total", "bridge", "browser") + 1);
        assertThat(after.value("gateway_calls_ended_total", "bridge", "browser", "reason", "none"))
                .isEqualTo(before.value("gateway_calls_ended_total", "bridge", "browser", "reason", "none") + 1);
        assertThat(after.value("gateway_messages_received_total", "type", "offer")).isEqualTo(1);
        assertThat(after.value("gateway_messages_received_total", "type", "login")).isEqualTo(2);
        assertThat(after.value("gateway_messages_sent_total", "type", "offer")).isEqualTo(1);
        assertThat(after.value("gateway_messages_sent_total", "type", "bye")).isEqualTo(1);
        assertThat(after.value("gateway_logins_total", "result", "ok")).isEqualTo(2);
        assertThat(after.value("gateway_sessions")).isEqualTo(2);
    }

    @Test
    void aReasonThatNoPartOfTheGatewayUsesIsCountedAsOtherNeverAsTheClientsText() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        String call = alice.requestOk("type", "offer", "to", "bob", "sdp", OFFER_SDP).path("call").asText();
        bob.next("offer");

        bob.requestOk("type", "reject", "call", call, "reason", "bob@example.org said no");
        alice.next("bye");

        Exposition after = scrape();
        assertThat(after.value("gateway_calls_ended_total", "bridge", "browser", "reason", "other")).isEqualTo(1);
        assertThat(after.text()).doesNotContain("example.org").doesNotContain("alice").doesNotContain("bob");
    }

    @Test
    void refusedLoginsErrorsRoomsAndCloseCodesAreCounted() {
        TestClient alice = gateway.login("alice");
        gateway.client().requestError("name-taken", "type", "login", "name", "alice");
        alice.requestError("unknown-call", "type", "bye", "call", "nope");
        alice.requestOk("type", "join", "room", "r1");
        TestClient bob = gateway.login("bob");
        bob.requestOk("type", "join", "room", "r1");

        Exposition inRoom = scrape();
        assertThat(inRoom.value("gateway_logins_total", "result", "name-taken")).isEqualTo(1);
        assertThat(inRoom.value("gateway_errors_total", "code", "unknown-call")).isEqualTo(1);
        assertThat(inRoom.value("gateway_rooms")).isEqualTo(1);
        assertThat(inRoom.value("gateway_room_members")).isEqualTo(2);
        assertThat(inRoom.value("gateway_connections_open")).isGreaterThanOrEqualTo(3);

        double normalBefore = inRoom.value("gateway_connections_closed_total", "code", "1000");
        bob.closeNormally();
        bob.awaitClose();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
                scrape().value("gateway_connections_closed_total", "code", "1000") == normalBefore + 1);
        assertThat(scrape().value("gateway_room_members")).isEqualTo(1);
    }

    @Test
    void theExpositionPassesPromtoolsLint() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        String call = alice.requestOk("type", "offer", "to", "bob", "sdp", OFFER_SDP).path("call").asText();
        bob.next("offer");
        bob.requestOk("type", "answer", "call", call, "sdp", ANSWER_SDP);

        Exposition exposition = scrape();
        Promtool.Result lint = Promtool.checkMetrics(exposition.text());

        assertThat(lint.passed()).as(lint.output()).isTrue();
        assertThat(exposition.has("jvm_memory_used_bytes", "area", "heap")).isTrue();
        assertThat(exposition.has("jvm_threads_live_threads")).isTrue();
        assertThat(exposition.has("jvm_gc_memory_allocated_bytes_total")).isTrue();
        assertThat(exposition.has("gateway_netty_buffer_memory_used_bytes", "type", "direct")).isTrue();
        assertThat(exposition.has("gateway_overloaded")).isTrue();
        assertThat(exposition.value("gateway_ready")).as("no bridge here: ready").isEqualTo(1.0);
    }

    @Test
    void theMetricsAreTextInThePrometheusFormat() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(gateway.httpUri("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body()).contains("# TYPE gateway_calls_started_total counter");
    }

    static int status(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
