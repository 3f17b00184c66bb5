package org.webrtcgateway.websocket.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;

/** PROTOCOL.md, client to gateway: {@code login}; and Transport: {@code id} echoed on every reply. */
class LoginTest {

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension();

    @Test
    void loginOkCarriesNameIceServersSessionAndAnEmptyState() {
        TestClient alice = gateway.client();

        JsonNode ok = alice.requestOk("type", "login", "name", "alice");

        assertThat(ok.path("name").asText()).isEqualTo("alice");
        assertThat(ok.path("iceServers").isArray()).as("iceServers in %s", ok).isTrue();
        assertThat(ok.path("session").isTextual()).as("session in %s", ok).isTrue();
        assertThat(ok.path("session").asText()).isNotBlank();
        assertThat(ok.path("resumed").isBoolean()).as("resumed in %s", ok).isTrue();
        assertThat(ok.path("resumed").asBoolean()).isFalse();
        assertThat(ok.path("rooms").isArray()).as("rooms in %s", ok).isTrue();
        assertThat(ok.path("rooms")).isEmpty();
        assertThat(ok.path("calls").isArray()).as("calls in %s", ok).isTrue();
        assertThat(ok.path("calls")).isEmpty();
    }

    @Test
    void loginWithoutIdStillGetsOk() {
        TestClient alice = gateway.client();

        alice.send("type", "login", "name", "alice");

        JsonNode ok = alice.next("ok");
        assertThat(ok.has("id")).isFalse();
        assertThat(ok.path("name").asText()).isEqualTo("alice");
    }

    @Test
    void everyLoginGetsItsOwnSessionToken() {
        String first = gateway.client().login("alice").path("session").asText();
        String second = gateway.client().login("bob").path("session").asText();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void loginWithoutNameGetsAFreshUniqueGuestName() {
        String first = gateway.client().requestOk("type", "login").path("name").asText();
        String second = gateway.client().requestOk("type", "login").path("name").asText();

        assertThat(first).matches("guest-[a-z0-9]{8}");
        assertThat(second).matches("guest-[a-z0-9]{8}");
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void aGuestNameIsReachableLikeAnyOther() {
        TestClient guest = gateway.client();
        String name = guest.requestOk("type", "login").path("name").asText();
        TestClient alice = gateway.login("alice");

        alice.requestOk("type", "message", "to", name, "data", "hi");

        assertThat(guest.next("message").path("from").asText()).isEqualTo("alice");
    }

    @Test
    void aStringIdComesBackAsTheSameString() {
        TestClient alice = gateway.client();

        alice.send("type", "login", "name", "alice", "id", "007");
        JsonNode ok = alice.next("ok");
        alice.send("type", "ping", "id", "ping-1");
        JsonNode pong = alice.next("pong");

        assertThat(ok.get("id").isTextual()).as("id in %s", ok).isTrue();
        assertThat(ok.get("id").asText()).isEqualTo("007");
        assertThat(pong.get("id").isTextual()).as("id in %s", pong).isTrue();
        assertThat(pong.get("id").asText()).isEqualTo("ping-1");
    }

    @Test
    void aNumericIdComesBackAsTheSameNumber() {
        TestClient alice = gateway.client();

        alice.sendRaw("{\"type\":\"login\",\"name\":\"alice\",\"id\":12345678901234567890}");
        JsonNode ok = alice.next("ok");
        alice.sendRaw("{\"type\":\"ping\",\"id\":-7}");
        JsonNode pong = alice.next("pong");

        assertThat(ok.get("id").isNumber()).as("id in %s", ok).isTrue();
        assertThat(ok.get("id").bigIntegerValue()).isEqualTo(new BigInteger("12345678901234567890"));
        assertThat(pong.get("id").isNumber()).as("id in %s", pong).isTrue();
        assertThat(pong.get("id").asInt()).isEqualTo(-7);
    }

    @Test
    void anErrorCarriesTheRequestIdInItsOriginalForm() {
        TestClient alice = gateway.login("alice");

        alice.send("type", "leave", "id", "42");
        JsonNode stringId = alice.next("error");
        alice.sendRaw("{\"type\":\"leave\",\"id\":42}");
        JsonNode numericId = alice.next("error");

        assertThat(stringId.path("code").asText()).isEqualTo("bad-message");
        assertThat(stringId.get("id").isTextual()).as("id in %s", stringId).isTrue();
        assertThat(stringId.get("id").asText()).isEqualTo("42");
        assertThat(numericId.path("code").asText()).isEqualTo("bad-message");
        assertThat(numericId.get("id").isNumber()).as("id in %s", numericId).isTrue();
        assertThat(numericId.get("id").asInt()).isEqualTo(42);
    }

    @Test
    void anErrorToARequestWithoutIdHasNoId() {
        TestClient alice = gateway.login("alice");

        alice.send("type", "leave");

        assertThat(alice.next("error").has("id")).isFalse();
    }

    @Test
    void aNameHeldByAnotherConnectionIsTaken() {
        TestClient alice = gateway.login("alice");
        TestClient impostor = gateway.client();

        impostor.requestError("name-taken", "type", "login", "name", "alice");

        alice.send("type", "ping");
        assertThat(alice.next("pong")).isNotNull();
    }

    @Test
    void aRefusedLoginChangesNothingAndMayBeRetriedWithAnotherName() {
        gateway.login("alice");
        TestClient second = gateway.client();
        second.requestError("name-taken", "type", "login", "name", "alice");

        assertThat(second.login("alice2").path("name").asText()).isEqualTo("alice2");
    }

    static Stream<String> badNames() {
        return Stream.of("", "has space", "tab\there", "new\nline", "élodie", "алиса", "bob😀", "a/b", "a:b", "semi;colon",
                "<b>", "a".repeat(65));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @MethodSource("badNames")
    void aNameOutsideTheAllowedFormIsBadName(String name) {
        TestClient client = gateway.client();

        client.requestError("bad-name", "type", "login", "name", name);
    }

    static Stream<String> goodNames() {
        return Stream.of("a", "A.b_c-d@e+f", "0123456789", "a".repeat(64));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @MethodSource("goodNames")
    void everyNameOfTheAllowedFormIsAccepted(String name) {
        TestClient client = gateway.client();

        assertThat(client.login(name).path("name").asText()).isEqualTo(name);
    }

    @Test
    void nothingButLoginWorksBeforeLoginPingIncluded() {
        TestClient client = gateway.client();
        List<Object[]> requests = List.of(
                new Object[] {"type", "ping"},
                new Object[] {"type", "offer", "to", "bob", "sdp", "v=0\r\n"},
                new Object[] {"type", "answer", "call", "c1", "sdp", "v=0\r\n"},
                new Object[] {"type", "candidate", "call", "c1", "candidate", null},
                new Object[] {"type", "ringing", "call", "c1"},
                new Object[] {"type", "reject", "call", "c1"},
                new Object[] {"type", "bye", "call", "c1"},
                new Object[] {"type", "join", "room", "r1"},
                new Object[] {"type", "leave", "room", "r1"},
                new Object[] {"type", "message", "to", "bob", "data", Map.of("a", 1)},
                new Object[] {"type", "presence", "status", "away"},
                new Object[] {"type", "subscribe", "to", "bob"},
                new Object[] {"type", "unsubscribe", "to", "bob"},
                new Object[] {"type", "dtmf", "call", "c1", "tones", "1"});

        for (Object[] request : requests) {
            client.requestError("not-logged-in", request);
        }
    }

    @Test
    void notLoggedInIsAnsweredEvenWithoutId() {
        TestClient client = gateway.client();

        client.send("type", "ping");

        JsonNode error = client.next("error");
        assertThat(error.path("code").asText()).isEqualTo("not-logged-in");
        assertThat(error.has("id")).isFalse();
    }

    @Test
    void aRequestRefusedBeforeLoginChangesNothing() {
        TestClient early = gateway.client();
        early.requestError("not-logged-in", "type", "join", "room", "lobby");
        early.login("early");
        TestClient alice = gateway.login("alice");

        JsonNode joined = alice.requestOk("type", "join", "room", "lobby");

        assertThat(joined.path("peers")).isEmpty();
        assertThat(joined.path("initiator").asBoolean()).isTrue();
    }

    @Test
    void aSecondLoginOnTheSameConnectionIsBadMessage() {
        TestClient alice = gateway.login("alice");

        alice.requestError("bad-message", "type", "login", "name", "other");
        alice.requestError("bad-message", "type", "login", "name", "alice");

        TestClient other = gateway.client();
        assertThat(other.login("other").path("name").asText()).as("the refused second login claimed nothing").isEqualTo("other");
    }

    @Test
    void theNameIsFreeAgainOnceItsHolderClosesTheConnection() {
        TestClient alice = gateway.login("alice");

        alice.closeNormally();

        TestClient again = gateway.client();
        await().atMost(TestClient.WAIT).untilAsserted(() ->
                assertThat(again.request("type", "login", "name", "alice").path("type").asText()).isEqualTo("ok"));
    }

    @Test
    void loggingInGivesNoOtherMessages() {
        TestClient alice = gateway.login("alice");

        alice.expectNothing(Duration.ofMillis(200));
    }
}
