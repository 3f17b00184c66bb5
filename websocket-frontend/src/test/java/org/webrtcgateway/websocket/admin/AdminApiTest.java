package org.webrtcgateway.websocket.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.webrtcgateway.core.admin.AdminServer;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.BridgeLeg;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.RecordingBridge;
import org.webrtcgateway.testing.TestClient;

/**
 * The admin API over real HTTP, with real clients on the WebSocket: what it lists of users, rooms and calls, its two
 * actions as the clients and a bridge see them, and its refusal of requests without the token.
 */
class AdminApiTest {

    private static final String TOKEN = "admin-token-0123456789abcdef";
    private static final String OFFER_SDP = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";
    private static final String ANSWER_SDP = "v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final RecordingBridge sip = new RecordingBridge("sip", "sip");

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension().withModule(sip.module())
            .with("admin.enabled", "true").with("admin.port", "0").with("admin.token", TOKEN);

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer wrong-token-0123456789abcdef", "Bearer " + TOKEN + "x", "Basic " + TOKEN, "Bearer"})
    void requestsWithoutTheRightBearerTokenAre401WithAJsonErrorAndAChallenge(String authorization) throws Exception {
        gateway.login("alice");
        HttpRequest.Builder request = HttpRequest.newBuilder(api("users")).timeout(Duration.ofSeconds(5));
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }

        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(TestClient.parse(response.body()).path("error").asText()).contains("token");
        assertThat(response.body()).doesNotContain("alice");
    }

    @Test
    void aRefusedActionDoesNothing() throws Exception {
        TestClient alice = gateway.login("alice");

        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(api("users/alice/disconnect"))
                .header("Authorization", "Bearer nope").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        alice.requestOk("type", "join", "room", "still-here");
    }

    @Test
    void usersListTheirRemoteAddressLoginTimeRoomsCallsAndBridgesInUse() throws Exception {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        alice.requestOk("type", "join", "room", "lobby");
        bob.requestOk("type", "join", "room", "lobby");
        alice.next("peer-joined");
        String call = alice.requestOk("type", "offer", "to", "bob", "sdp", OFFER_SDP).path("call").asText();
        String sipCall = alice.requestOk("type", "offer", "to", "sip:1002@pbx", "sdp", OFFER_SDP).path("call").asText();

        JsonNode users = get("users").path("users");

        assertThat(users).extracting(u -> u.path("name").asText()).containsExactly("alice", "bob");
        JsonNode a = users.get(0);
        assertThat(a.path("remote").asText()).startsWith("127.0.0.1:");
        assertThat(a.path("connected").asBoolean()).isTrue();
        assertThat(java.time.Instant.parse(a.path("since").asText())).isBefore(java.time.Instant.now().plusSeconds(1));
        assertThat(a.path("rooms")).extracting(JsonNode::asText).containsExactly("lobby");
        assertThat(a.path("calls")).extracting(JsonNode::asText).containsExactlyInAnyOrder(call, sipCall);
        assertThat(a.path("bridges")).extracting(JsonNode::asText).containsExactly("sip");
        assertThat(users.get(1).path("bridges")).isEmpty();
    }

    @Test
    void roomsListTheirMembersInJoiningOrderAndCapacity() throws Exception {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        alice.requestOk("type", "join", "room", "lobby", "capacity", 4);
        bob.requestOk("type", "join", "room", "lobby");

        JsonNode rooms = get("rooms").path("rooms");

        assertThat(rooms).hasSize(1);
        assertThat(rooms.get(0).path("name").asText()).isEqualTo("lobby");
        assertThat(rooms.get(0).path("capacity").asInt()).isEqualTo(4);
        assertThat(rooms.get(0).path("members")).extracting(JsonNode::asText).containsExactly("alice", "bob");
    }

    @Test
    void aCallBetweenTwoBrowsersHasBothBrowserLegsItsStateAndACorrelationField() throws Exception {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        String call = alice.requestOk("type", "offer", "to", "bob", "sdp", OFFER_SDP).path("call").asText();
        bob.next("offer");
        assertThat(get("calls").path("calls").get(0).path("state").asText()).isEqualTo("ringing");
        bob.requestOk("type", "answer", "call", call, "sdp", ANSWER_SDP);
        alice.next("answer");

        JsonNode calls = get("calls").path("calls");

        assertThat(calls).hasSize(1);
        JsonNode c = calls.get(0);
        assertThat(c.path("id").asText()).isEqualTo(call);
        assertThat(c.path("state").asText()).isEqualTo("answered");
        assertThat(c.path("correlation").asText()).as("the id the call's log lines carry").hasSize(10);
        assertThat(c.path("caller").path("address").asText()).isEqualTo("alice");
        assertThat(c.path("callee").path("address").asText()).isEqualTo("bob");
        assertThat(c.path("legs")).extracting(l -> l.path("kind").asText() + " " + l.path("user").asText() + " " + l.path("call").asText())
                .containsExactly("browser alice " + call, "browser bob " + call);
    }

    @Test
    void aBridgedCallShowsTheBridgesLegWithItsProtocolIdAndState() throws Exception {
        TestClient alice = gateway.login("alice");
        String call = alice.requestOk("type", "offer", "to", "sip:1002@pbx", "sdp", OFFER_SDP).path("call").asText();
        sip.reportLegs(List.of(new BridgeLeg("alice", call, "a84b4c76e66710@gateway", "setting up"),
                new BridgeLeg("carol", call, "someone-else", "established")));

        JsonNode c = get("calls").path("calls").get(0);

        assertThat(c.path("callee").path("bridge").asText()).isEqualTo("sip");
        JsonNode sipLeg = c.path("legs").get(1);
        assertThat(sipLeg.path("kind").asText()).isEqualTo("sip");
        assertThat(sipLeg.path("user").asText()).isEqualTo("alice");
        assertThat(sipLeg.path("protocolId").asText()).isEqualTo("a84b4c76e66710@gateway");
        assertThat(sipLeg.path("state").asText()).isEqualTo("setting up");
    }

    @Test
    void statusHasUsersRoomsAndCallsInOneBody() throws Exception {
        gateway.login("alice").requestOk("type", "join", "room", "lobby");

        JsonNode status = get("status");

        assertThat(status.path("users")).hasSize(1);
        assertThat(status.path("rooms")).hasSize(1);
        assertThat(status.path("calls")).isEmpty();
    }

    @Test
    void endingABrowserCallSendsByeToBothBrowsers() throws Exception {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        String call = alice.requestOk("type", "offer", "to", "bob", "sdp", OFFER_SDP).path("call").asText();
        bob.next("offer");

        HttpResponse<String> response = post("calls/" + call + "/end");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode toAlice = alice.next("bye");
        JsonNode toBob = bob.next("bye");
        assertThat(toAlice.path("call").asText()).isEqualTo(call);
        assertThat(toAlice.path("reason").asText()).isEqualTo("ended-by-operator");
        assertThat(toBob.path("call").asText()).isEqualTo(call);
        assertThat(get("calls").path("calls")).isEmpty();
        alice.requestError("unknown-call", "type", "bye", "call", call);
    }

    @Test
    void endingABridgedCallSendsByeToTheBrowserAndHandsTheBridgeTheHangUp() throws Exception {
        TestClient alice = gateway.login("alice");
        String call = alice.requestOk("type", "offer", "to", "sip:1002@pbx", "sdp", OFFER_SDP).path("call").asText();
        sip.next(Signal.Offer.class);

        assertThat(post("calls/" + call + "/end?user=alice").statusCode()).isEqualTo(200);

        assertThat(alice.next("bye").path("reason").asText()).isEqualTo("ended-by-operator");
        RecordingBridge.Sent hangUp = sip.next();
        assertThat(hangUp.signal()).isInstanceOf(Signal.Bye.class);
        assertThat(hangUp.signal().from()).isEqualTo(new Address.Local("alice"));
        assertThat(((Signal.Bye) hangUp.signal()).call()).isEqualTo(call);
    }

    @Test
    void endingAnUnknownCallIs404() throws Exception {
        HttpResponse<String> response = post("calls/nope/end");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(TestClient.parse(response.body()).path("error").asText()).contains("nope");
    }

    @Test
    void disconnectingAUserClosesItsConnectionWith4003AndEndsItsSession() throws Exception {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        alice.requestOk("type", "join", "room", "lobby");
        bob.requestOk("type", "join", "room", "lobby");
        alice.next("peer-joined");

        assertThat(post("users/bob/disconnect").statusCode()).isEqualTo(200);

        assertThat(bob.awaitClose().code()).isEqualTo(4003);
        assertThat(alice.next("peer-left").path("from").asText()).isEqualTo("bob");
        assertThat(get("users").path("users")).extracting(u -> u.path("name").asText()).containsExactly("alice");
    }

    @Test
    void disconnectingSomeoneNotLoggedInIs404() throws Exception {
        assertThat(post("users/nobody/disconnect").statusCode()).isEqualTo(404);
    }

    @Test
    void actionsNeedPostAndListsNeedGet() throws Exception {
        gateway.login("alice");
        HttpResponse<String> getAction = HTTP.send(authorized(api("users/alice/disconnect")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> postList = post("users");

        assertThat(getAction.statusCode()).isEqualTo(405);
        assertThat(postList.statusCode()).isEqualTo(405);
        assertThat(get("users").path("users")).hasSize(1);
    }

    @Test
    void thePageIsServedWithoutTheTokenAndItselfAsksForIt() throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(pageUri()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("sessionStorage").contains("/admin/api/").doesNotContain(TOKEN);
    }

    private URI pageUri() {
        return gateway.injector().getInstance(AdminServer.class).pageUri().orElseThrow();
    }

    private URI api(String path) {
        return pageUri().resolve("api/" + path);
    }

    private static HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + TOKEN);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(authorized(api(path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return TestClient.parse(response.body());
    }

    private HttpResponse<String> post(String path) throws Exception {
        return HTTP.send(authorized(api(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
