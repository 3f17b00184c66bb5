package org.webrtcgateway.websocket.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;

/**
 * PROTOCOL.md, Transport and Error codes: {@code bad-json}, {@code bad-message} ("field missing or of the wrong
 * form"), {@code unknown-type} ("the connection stays open"), and "Unknown fields are ignored".
 */
class MalformedInputTest {

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension();

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "not json",
            "{\"type\":\"ping\"",
            "{\"type\":\"ping\",}",
            "{'type':'ping'}",
            "{type:\"ping\"}",
            "{\"type\":\"ping\"} trailing",
            "{\"type\":\"ping\"}{\"type\":\"ping\"}",
            "{\"type\":\"ping\"} {}",
            "{\"type\":\"ping\",\"type\":\"ping\"}",
            "{\"type\":\"join\",\"room\":\"a\",\"room\":\"b\"}",
            "{\"type\":\"ping\",\"extra\":NaN}",
            ""})
    void textThatIsNotExactlyOneJsonObjectIsBadJsonAndTheConnectionStaysOpen(String frame) {
        TestClient alice = gateway.login("alice");

        alice.sendRaw(frame);

        JsonNode error = alice.next("error");
        assertThat(error.path("code").asText()).as("reply to %s: %s", frame, error).isEqualTo("bad-json");
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(error.path("message").asText()).as("the parser's own words stay inside").doesNotContain("JsonParser")
                .doesNotContain("Unexpected character").doesNotContain("ALLOW_").doesNotContain("Unrecognized token")
                .doesNotContainIgnoringCase("jackson").doesNotContain("Source:");
        assertStillOpen(alice);
    }

    @Test
    void badJsonWithAReadableIdEchoesIt() {
        TestClient alice = gateway.login("alice");

        alice.sendRaw("{\"id\":\"x1\",\"type\":\"ping\",}");

        JsonNode error = alice.next("error");
        assertThat(error.path("code").asText()).isEqualTo("bad-json");
        assertThat(error.path("id").asText()).isEqualTo("x1");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"[]", "[{\"type\":\"ping\"}]", "\"ping\"", "42", "true", "null"})
    void aFrameThatIsNotAnObjectIsBadMessage(String frame) {
        TestClient alice = gateway.login("alice");

        alice.sendRaw(frame);

        assertThat(alice.next("error").path("code").asText()).isEqualTo("bad-message");
        assertStillOpen(alice);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"{\"id\":7}", "{\"id\":7,\"type\":5}", "{\"id\":7,\"type\":null}", "{\"id\":7,\"type\":[\"ping\"]}",
            "{\"id\":7,\"type\":{\"name\":\"ping\"}}", "{\"id\":7,\"type\":true}"})
    void aMissingOrNonStringTypeIsBadMessageWithTheId(String frame) {
        TestClient alice = gateway.login("alice");

        alice.sendRaw(frame);

        JsonNode error = alice.next("error");
        assertThat(error.path("code").asText()).isEqualTo("bad-message");
        assertThat(error.path("id").asInt()).isEqualTo(7);
        assertStillOpen(alice);
    }

    @Test
    void anUnknownTypeIsUnknownTypeWithTheIdAndTheConnectionStaysOpen() {
        TestClient alice = gateway.login("alice");

        alice.sendRaw("{\"type\":\"dance\",\"id\":\"d1\"}");

        JsonNode error = alice.next("error");
        assertThat(error.path("code").asText()).isEqualTo("unknown-type");
        assertThat(error.path("id").asText()).isEqualTo("d1");
        assertThat(error.path("message").asText()).isNotBlank();
        assertStillOpen(alice);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"Ping", "PING", "ok", "error", "pong", "peer-joined", "", " ping"})
    void typesAreExactAndServerOnlyTypesAreUnknown(String type) {
        TestClient alice = gateway.login("alice");

        alice.requestError("unknown-type", "type", type);
    }

    static Stream<Arguments> wrongFields() {
        return Stream.of(
                Arguments.of("login name a number", "{\"type\":\"login\",\"name\":5}"),
                Arguments.of("login name an object", "{\"type\":\"login\",\"name\":{\"n\":\"a\"}}"),
                Arguments.of("login token a number", "{\"type\":\"login\",\"token\":5}"),
                Arguments.of("login resume an array", "{\"type\":\"login\",\"resume\":[\"x\"]}"),
                Arguments.of("offer without to or call", "{\"type\":\"offer\",\"sdp\":\"v=0\"}"),
                Arguments.of("offer without sdp", "{\"type\":\"offer\",\"to\":\"bob\"}"),
                Arguments.of("offer sdp a number", "{\"type\":\"offer\",\"to\":\"bob\",\"sdp\":0}"),
                Arguments.of("offer sdp null", "{\"type\":\"offer\",\"to\":\"bob\",\"sdp\":null}"),
                Arguments.of("offer to a number", "{\"type\":\"offer\",\"to\":42,\"sdp\":\"v=0\"}"),
                Arguments.of("offer to an array", "{\"type\":\"offer\",\"to\":[\"bob\"],\"sdp\":\"v=0\"}"),
                Arguments.of("offer call a number", "{\"type\":\"offer\",\"to\":\"bob\",\"call\":1,\"sdp\":\"v=0\"}"),
                Arguments.of("answer without sdp", "{\"type\":\"answer\",\"call\":\"c1\"}"),
                Arguments.of("answer without call or to", "{\"type\":\"answer\",\"sdp\":\"v=0\"}"),
                Arguments.of("answer sdp an object", "{\"type\":\"answer\",\"call\":\"c1\",\"sdp\":{}}"),
                Arguments.of("candidate without candidate", "{\"type\":\"candidate\",\"call\":\"c1\"}"),
                Arguments.of("candidate a string", "{\"type\":\"candidate\",\"call\":\"c1\",\"candidate\":\"candidate:1 1 udp\"}"),
                Arguments.of("candidate an array", "{\"type\":\"candidate\",\"call\":\"c1\",\"candidate\":[]}"),
                Arguments.of("candidate.candidate a number", "{\"type\":\"candidate\",\"call\":\"c1\",\"candidate\":{\"candidate\":1}}"),
                Arguments.of("candidate.sdpMLineIndex a string",
                        "{\"type\":\"candidate\",\"call\":\"c1\",\"candidate\":{\"candidate\":\"\",\"sdpMLineIndex\":\"0\"}}"),
                Arguments.of("candidate.sdpMLineIndex negative",
                        "{\"type\":\"candidate\",\"call\":\"c1\",\"candidate\":{\"candidate\":\"\",\"sdpMLineIndex\":-1}}"),
                Arguments.of("candidate.sdpMid a number",
                        "{\"type\":\"candidate\",\"call\":\"c1\",\"candidate\":{\"candidate\":\"\",\"sdpMid\":0}}"),
                Arguments.of("candidate without call or to", "{\"type\":\"candidate\",\"candidate\":null}"),
                Arguments.of("ringing without call", "{\"type\":\"ringing\"}"),
                Arguments.of("ringing call a number", "{\"type\":\"ringing\",\"call\":7}"),
                Arguments.of("reject without call", "{\"type\":\"reject\",\"reason\":\"busy\"}"),
                Arguments.of("reject reason a number", "{\"type\":\"reject\",\"call\":\"c1\",\"reason\":486}"),
                Arguments.of("bye without call or to", "{\"type\":\"bye\"}"),
                Arguments.of("bye reason an object", "{\"type\":\"bye\",\"call\":\"c1\",\"reason\":{}}"),
                Arguments.of("join without room", "{\"type\":\"join\"}"),
                Arguments.of("join room a number", "{\"type\":\"join\",\"room\":1}"),
                Arguments.of("join room null", "{\"type\":\"join\",\"room\":null}"),
                Arguments.of("join capacity a string", "{\"type\":\"join\",\"room\":\"r\",\"capacity\":\"3\"}"),
                Arguments.of("join capacity a fraction", "{\"type\":\"join\",\"room\":\"r\",\"capacity\":2.5}"),
                Arguments.of("join capacity huge", "{\"type\":\"join\",\"room\":\"r\",\"capacity\":99999999999999999999}"),
                Arguments.of("leave without room", "{\"type\":\"leave\"}"),
                Arguments.of("leave room an array", "{\"type\":\"leave\",\"room\":[\"r\"]}"),
                Arguments.of("message without data", "{\"type\":\"message\",\"to\":\"bob\"}"),
                Arguments.of("message without room or to", "{\"type\":\"message\",\"data\":1}"),
                Arguments.of("message with room and to", "{\"type\":\"message\",\"room\":\"r\",\"to\":\"bob\",\"data\":1}"),
                Arguments.of("message room a number", "{\"type\":\"message\",\"room\":1,\"data\":1}"),
                Arguments.of("message to a number", "{\"type\":\"message\",\"to\":1,\"data\":1}"),
                Arguments.of("presence without status", "{\"type\":\"presence\",\"note\":\"hi\"}"),
                Arguments.of("presence status a number", "{\"type\":\"presence\",\"status\":1}"),
                Arguments.of("presence note a number", "{\"type\":\"presence\",\"status\":\"away\",\"note\":1}"),
                Arguments.of("subscribe without to", "{\"type\":\"subscribe\"}"),
                Arguments.of("subscribe to a number", "{\"type\":\"subscribe\",\"to\":1}"),
                Arguments.of("unsubscribe without to", "{\"type\":\"unsubscribe\"}"),
                Arguments.of("unsubscribe to an object", "{\"type\":\"unsubscribe\",\"to\":{}}"),
                Arguments.of("dtmf without tones", "{\"type\":\"dtmf\",\"call\":\"c1\"}"),
                Arguments.of("dtmf without call", "{\"type\":\"dtmf\",\"tones\":\"1\"}"),
                Arguments.of("dtmf tones a number", "{\"type\":\"dtmf\",\"call\":\"c1\",\"tones\":1}"),
                Arguments.of("dtmf tones not DTMF", "{\"type\":\"dtmf\",\"call\":\"c1\",\"tones\":\"hello\"}"),
                Arguments.of("dtmf tones empty", "{\"type\":\"dtmf\",\"call\":\"c1\",\"tones\":\"\"}"),
                Arguments.of("dtmf duration a string", "{\"type\":\"dtmf\",\"call\":\"c1\",\"tones\":\"1\",\"duration\":\"100\"}"),
                Arguments.of("dtmf duration zero", "{\"type\":\"dtmf\",\"call\":\"c1\",\"tones\":\"1\",\"duration\":0}"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("wrongFields")
    void aRequiredFieldMissingOrOfTheWrongJsonTypeIsBadMessage(String description, String frame) {
        TestClient alice = gateway.login("alice");

        alice.sendRaw(frame.replaceFirst("^\\{", "{\"id\":\"req\","));

        JsonNode error = alice.next("error");
        assertThat(error.path("code").asText()).as("%s: %s", description, error).isEqualTo("bad-message");
        assertThat(error.path("id").asText()).isEqualTo("req");
        assertThat(error.path("message").asText()).isNotBlank();
        assertStillOpen(alice);
    }

    static Stream<String> badCallIds() {
        return Stream.of("", "has space", "slash/inside", "at@sign", "plus+sign", "ünï", "c".repeat(65), "line\nbreak");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @MethodSource("badCallIds")
    void aCallIdOutsideTheCallIdFormIsBadMessage(String call) {
        TestClient alice = gateway.login("alice");
        gateway.login("bob");

        alice.requestError("bad-message", "type", "offer", "to", "bob", "call", call, "sdp", "v=0\r\n");
        alice.requestError("bad-message", "type", "bye", "call", call);
        alice.requestError("bad-message", "type", "ringing", "call", call);
        alice.requestError("bad-message", "type", "dtmf", "call", call, "tones", "1");
    }

    @Test
    void aCallIdOfSixtyFourCharactersIsAccepted() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        String call = "c".repeat(64);

        alice.requestOk("type", "offer", "to", "bob", "call", call, "sdp", "v=0\r\n");

        assertThat(bob.next("offer").path("call").asText()).isEqualTo(call);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"{}", "[1]", "true", "false"})
    void anIdThatIsNeitherStringNorNumberIsBadMessage(String id) {
        TestClient alice = gateway.login("alice");

        alice.sendRaw("{\"type\":\"ping\",\"id\":" + id + "}");

        assertThat(alice.next("error").path("code").asText()).isEqualTo("bad-message");
        assertStillOpen(alice);
    }

    @Test
    void anIdLongerThanSixtyFourCharactersIsBadMessage() {
        TestClient alice = gateway.login("alice");

        alice.send("type", "ping", "id", "i".repeat(65));

        assertThat(alice.next("error").path("code").asText()).isEqualTo("bad-message");
        assertStillOpen(alice);
    }

    @Test
    void aNumericIdLongerThanSixtyFourCharactersIsBadMessage() {
        TestClient alice = gateway.login("alice");

        alice.sendRaw("{\"type\":\"ping\",\"id\":" + "9".repeat(65) + "}");

        assertThat(alice.next("error").path("code").asText()).isEqualTo("bad-message");
        assertStillOpen(alice);
    }

    @Test
    void anIdOfSixtyFourCharactersIsEchoed() {
        TestClient alice = gateway.login("alice");
        String id = "i".repeat(64);

        alice.send("type", "ping", "id", id);

        assertThat(alice.next("pong").path("id").asText()).isEqualTo(id);
    }

    @Test
    void unknownFieldsAreIgnored() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");

        alice.sendRaw("{\"type\":\"ping\",\"id\":1,\"x-extra\":{\"deep\":[1,2,{\"deeper\":null}]},\"version\":2}");
        assertThat(alice.next("pong").path("id").asInt()).isEqualTo(1);

        alice.sendRaw("{\"x-first\":true,\"type\":\"message\",\"to\":\"bob\",\"data\":\"hi\",\"priority\":\"high\",\"id\":2}");
        assertThat(alice.next("ok").path("id").asInt()).isEqualTo(2);
        JsonNode message = bob.next("message");
        assertThat(message.path("data").asText()).isEqualTo("hi");
        assertThat(message.has("priority")).as("unknown fields are not relayed: %s", message).isFalse();
    }

    @Test
    void aKnownFieldIrrelevantToTheTypeIsIgnoredWhateverItsValue() {
        TestClient alice = gateway.login("alice");

        alice.sendRaw("{\"type\":\"ping\",\"id\":1,\"to\":{\"not\":\"an address\"},\"sdp\":42,\"room\":[\"x\"],"
                + "\"call\":\"not a call id\",\"candidate\":\"garbage\",\"capacity\":\"many\",\"status\":\"weird\","
                + "\"data\":{\"any\":1},\"name\":\"bad name\",\"tones\":\"zz\"}");
        assertThat(alice.next("pong").path("id").asInt()).isEqualTo(1);

        alice.sendRaw("{\"type\":\"join\",\"id\":2,\"room\":\"lobby\",\"sdp\":{\"x\":1},\"to\":\"sip:a b\",\"status\":7}");
        assertThat(alice.next("ok").path("room").asText()).isEqualTo("lobby");
    }

    @Test
    void manyMalformedFramesInARowDoNotCloseTheConnection() {
        TestClient alice = gateway.login("alice");

        for (int i = 0; i < 20; i++) {
            alice.sendRaw("{oops");
            alice.next("error");
        }

        assertStillOpen(alice);
    }

    private static void assertStillOpen(TestClient client) {
        client.send("type", "ping", "id", "still-open");
        assertThat(client.next("pong").path("id").asText()).isEqualTo("still-open");
        assertThat(client.isClosed()).isFalse();
    }
}
