package org.webrtcgateway.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.api.IceCandidate;
import org.webrtcgateway.core.api.IceServer;
import org.webrtcgateway.core.api.PresenceStatus;
import org.webrtcgateway.core.api.RawJson;
import org.webrtcgateway.core.api.Signal;

/**
 * {@link JsonEncoder}: {@link ServerMessage}s to PROTOCOL.md's JSON frames, and relayed {@code data}
 * written back exactly as {@link JsonDecoder} kept it from the sender's frame.
 */
class JsonEncoderTest {

    private final JsonDecoder decoder = new JsonDecoder();
    private final JsonEncoder encoder = new JsonEncoder();

    private ClientMessage decode(String json) {
        Inbound inbound = decoder.decode(json);
        assertThat(inbound).as("decoding %s", json).isInstanceOf(Inbound.Request.class);
        return ((Inbound.Request) inbound).message();
    }

    private String encode(ServerMessage message) {
        return new String(encoder.encode(message), StandardCharsets.UTF_8);
    }

    @Nested
    class RequestIds {

        @Test
        void idsAreWrittenBackInTheirOriginalForm() {
            assertThat(encode(new ServerMessage.Pong(RequestId.ofString("007")))).isEqualTo("{\"type\":\"pong\",\"id\":\"007\"}");
            assertThat(encode(new ServerMessage.Pong(RequestId.ofNumber("12345678901234567890123"))))
                    .isEqualTo("{\"type\":\"pong\",\"id\":12345678901234567890123}");
            assertThat(encode(new ServerMessage.Pong(RequestId.ofNumber("1.50")))).isEqualTo("{\"type\":\"pong\",\"id\":1.50}");
            assertThat(encode(new ServerMessage.Pong(null))).isEqualTo("{\"type\":\"pong\"}");
        }
    }

    @Nested
    class RawDataPassthrough {

        private String relayed(String data) {
            ClientMessage.Message message = (ClientMessage.Message) decode("{\"type\":\"message\",\"to\":\"bob\",\"data\":" + data + "}");
            return encode(new ServerMessage.Delivery(new Signal.Text(Address.of("alice"), null, message.data())));
        }

        private String dataOf(String encoded) {
            String prefix = "{\"type\":\"message\",\"from\":\"alice\",\"data\":";
            assertThat(encoded).startsWith(prefix).endsWith("}");
            return encoded.substring(prefix.length(), encoded.length() - 1);
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {
                "{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\"}}",
                "[1,\"two\",3.5,{\"four\":[]}]",
                "\"text\"",
                "42",
                "-0.125",
                "null",
                "true",
                "{}",
                "[]",
                "\"\"",
                "12345678901234567890123456789012345678901234567890",
                "-98765432109876543210",
                "\"héllo wörld ✓ 日本語 😀\"",
                "{\"émoji\":\"🎉\",\"nested\":{\"deeper\":[{\"ü\":\"ß\"}]}}"})
        void dataComesOutExactlyAsItWentIn(String data) {
            assertThat(dataOf(relayed(data))).isEqualTo(data);
        }

        @Test
        void aNumberBeyondDoubleRangeIsKeptNotTurnedIntoInfinity() {
            String out = dataOf(relayed("1e400"));

            assertThat(out).isNotEqualToIgnoringCase("Infinity").doesNotContain("Infinity");
            assertThat(new java.math.BigDecimal(out)).isEqualByComparingTo(new java.math.BigDecimal("1e400"));
        }

        @Test
        void aNumberBeyondDoubleRangeInsideAnObjectIsKept() {
            String out = dataOf(relayed("{\"big\":-1e400,\"tiny\":1e-400}"));

            assertThat(out).doesNotContain("Infinity");
            assertThat(out).doesNotContain(":0.0").doesNotContain(":-0.0");
        }

        @Test
        void aLongDecimalKeepsAllItsDigits() {
            assertThat(dataOf(relayed("{\"pi\":3.14159265358979323846264338327950288}")))
                    .contains("3.14159265358979323846264338327950288");
        }

        @Test
        void escapesDecodeToTheSameStringsAndTheOutputIsValidJson() throws Exception {
            String data = "{\"s\":\"line\\nbreak \\\"quoted\\\" back\\\\slash \\u00e9 \\ud83d\\ude00 \\u0000 \\/\"}";

            String out = dataOf(relayed(data));

            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            assertThat(json.readTree(out)).isEqualTo(json.readTree(data));
        }

        @Test
        void lineSeparatorsSurviveTheRoundTrip() throws Exception {
            String data = "\"a\u2028b\u2029c\"";

            assertThat(dataOf(relayed(data))).isEqualTo(data);
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"\"\\ud800\"", "\"\\udc00x\"", "{\"k\\ud800\":1}"})
        void dataThatDecodesAlsoEncodes(String data) {
            Inbound inbound = decoder.decode("{\"type\":\"message\",\"to\":\"bob\",\"data\":" + data + "}");

            if (inbound instanceof Inbound.Request request) {
                ClientMessage.Message message = (ClientMessage.Message) request.message();
                assertThat(encode(new ServerMessage.Delivery(new Signal.Text(Address.of("alice"), null, message.data()))))
                        .startsWith("{\"type\":\"message\"");
            } else {
                assertThat(((Inbound.Malformed) inbound).code()).isIn(ErrorCode.BAD_JSON, ErrorCode.BAD_MESSAGE);
            }
        }

        @Test
        void dataIsTheWholeValueEvenWhenFieldsFollowIt() {
            ClientMessage.Message message = (ClientMessage.Message) decode(
                    "{\"type\":\"message\",\"data\":{\"to\":\"not-this\",\"room\":\"nor-this\"},\"to\":\"bob\"}");

            assertThat(message.to()).isEqualTo(Address.of("bob"));
            assertThat(message.data().json()).isEqualTo("{\"to\":\"not-this\",\"room\":\"nor-this\"}");
        }
    }

    @Nested
    class Encoding {

        @Test
        void okWithoutResult() {
            assertThat(encode(new ServerMessage.Ok(RequestId.ofNumber("1"), ServerMessage.NoResult.INSTANCE)))
                    .isEqualTo("{\"type\":\"ok\",\"id\":1}");
            assertThat(encode(new ServerMessage.Ok(null, ServerMessage.NoResult.INSTANCE))).isEqualTo("{\"type\":\"ok\"}");
        }

        @Test
        void loginOk() {
            ServerMessage.LoginResult result = new ServerMessage.LoginResult("alice",
                    List.of(new IceServer(List.of("stun:s.example.org"), null, null),
                            new IceServer(List.of("turn:t.example.org"), "123:alice", "cred")),
                    "tok", false, List.of("lobby"), List.of("c-1"));

            assertThat(encode(new ServerMessage.Ok(RequestId.ofString("x"), result))).isEqualTo("{\"type\":\"ok\",\"id\":\"x\","
                    + "\"name\":\"alice\",\"iceServers\":[{\"urls\":[\"stun:s.example.org\"]},"
                    + "{\"urls\":[\"turn:t.example.org\"],\"username\":\"123:alice\",\"credential\":\"cred\"}],"
                    + "\"session\":\"tok\",\"resumed\":false,\"rooms\":[\"lobby\"],\"calls\":[\"c-1\"]}");
        }

        @Test
        void freshIceServersAreTheirOwnMessageWithTheLoginReplysIceServersField() {
            ServerMessage fresh = new ServerMessage.FreshIceServers(List.of(
                    new IceServer(List.of("turn:t.example.org"), "1700043200:alice", "QwoaCWsbGyBTwZodZx/QxKnSykI=")));

            assertThat(encode(fresh)).isEqualTo("{\"type\":\"ice-servers\",\"iceServers\":[{\"urls\":[\"turn:t.example.org\"],"
                    + "\"username\":\"1700043200:alice\",\"credential\":\"QwoaCWsbGyBTwZodZx/QxKnSykI=\"}]}");
        }

        @Test
        void joinOk() {
            assertThat(encode(new ServerMessage.Ok(null, new ServerMessage.JoinResult("lobby", List.of("alice", "bob"), false, 3))))
                    .isEqualTo("{\"type\":\"ok\",\"room\":\"lobby\",\"peers\":[\"alice\",\"bob\"],\"initiator\":false,\"capacity\":3}");
        }

        @Test
        void offerOk() {
            assertThat(encode(new ServerMessage.Ok(RequestId.ofNumber("2"), new ServerMessage.CallResult("c-9"))))
                    .isEqualTo("{\"type\":\"ok\",\"id\":2,\"call\":\"c-9\"}");
        }

        @Test
        void subscribeOk() {
            assertThat(encode(new ServerMessage.Ok(RequestId.ofNumber("3"), new ServerMessage.PresenceResult("bob", PresenceStatus.AWAY, "lunch"))))
                    .isEqualTo("{\"type\":\"ok\",\"id\":3,\"to\":\"bob\",\"status\":\"away\",\"note\":\"lunch\"}");
            assertThat(encode(new ServerMessage.Ok(RequestId.ofNumber("4"), new ServerMessage.PresenceResult("sip:b@c", null, null))))
                    .isEqualTo("{\"type\":\"ok\",\"id\":4,\"to\":\"sip:b@c\"}");
        }

        @Test
        void error() {
            assertThat(encode(new ServerMessage.Error(RequestId.ofString("e"), ErrorCode.ROOM_FULL, "room 'x' is full")))
                    .isEqualTo("{\"type\":\"error\",\"id\":\"e\",\"code\":\"room-full\",\"message\":\"room 'x' is full\"}");
            assertThat(encode(new ServerMessage.Error(null, ErrorCode.BAD_JSON, "a \"quoted\"\nmessage")))
                    .isEqualTo("{\"type\":\"error\",\"code\":\"bad-json\",\"message\":\"a \\\"quoted\\\"\\nmessage\"}");
        }

        @Test
        void everyErrorCodeHasItsWireName() {
            for (ErrorCode code : ErrorCode.values()) {
                assertThat(encode(new ServerMessage.Error(null, code, "m"))).contains("\"code\":\"" + code.wireName() + "\"");
            }
            assertThat(List.of(ErrorCode.values()).stream().map(ErrorCode::wireName)).containsExactly("bad-json", "bad-message",
                    "unknown-type", "not-logged-in", "bad-name", "name-taken", "unauthorized", "forbidden", "unknown-peer",
                    "unknown-call", "unreachable", "busy", "room-full", "rate-limited", "too-large", "internal");
        }

        @Test
        void deliveredCallSignals() {
            Address alice = Address.of("alice");
            assertThat(encode(delivery(new Signal.Offer(alice, "c-1", "v=0\r\n"))))
                    .isEqualTo("{\"type\":\"offer\",\"from\":\"alice\",\"call\":\"c-1\",\"sdp\":\"v=0\\r\\n\"}");
            assertThat(encode(delivery(new Signal.Answer(Address.of("sip:1001@pbx.example.org"), "c-1", "v=0"))))
                    .isEqualTo("{\"type\":\"answer\",\"from\":\"sip:1001@pbx.example.org\",\"call\":\"c-1\",\"sdp\":\"v=0\"}");
            assertThat(encode(delivery(new Signal.Ringing(alice, "c-1"))))
                    .isEqualTo("{\"type\":\"ringing\",\"from\":\"alice\",\"call\":\"c-1\"}");
            assertThat(encode(delivery(new Signal.Bye(alice, "c-1", "gone"))))
                    .isEqualTo("{\"type\":\"bye\",\"from\":\"alice\",\"call\":\"c-1\",\"reason\":\"gone\"}");
            assertThat(encode(delivery(new Signal.Bye(alice, "c-1", null))))
                    .isEqualTo("{\"type\":\"bye\",\"from\":\"alice\",\"call\":\"c-1\"}");
            assertThat(encode(delivery(new Signal.Dtmf(alice, "c-1", "12#", 100))))
                    .isEqualTo("{\"type\":\"dtmf\",\"from\":\"alice\",\"call\":\"c-1\",\"tones\":\"12#\",\"duration\":100}");
        }

        @Test
        void deliveredCandidates() {
            Address alice = Address.of("alice");
            assertThat(encode(delivery(new Signal.Candidate(alice, "c-1", new IceCandidate("candidate:1", "0", 0, "uf")))))
                    .isEqualTo("{\"type\":\"candidate\",\"from\":\"alice\",\"call\":\"c-1\",\"candidate\":"
                            + "{\"candidate\":\"candidate:1\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0,\"usernameFragment\":\"uf\"}}");
            assertThat(encode(delivery(new Signal.Candidate(alice, "c-1", null))))
                    .isEqualTo("{\"type\":\"candidate\",\"from\":\"alice\",\"call\":\"c-1\",\"candidate\":null}");
            assertThat(encode(delivery(new Signal.Candidate(alice, "c-1", new IceCandidate("", null, null, null)))))
                    .isEqualTo("{\"type\":\"candidate\",\"from\":\"alice\",\"call\":\"c-1\",\"candidate\":{\"candidate\":\"\"}}");
        }

        @Test
        void deliveredRoomAndPresenceSignals() {
            Address bob = Address.of("bob");
            assertThat(encode(delivery(new Signal.Text(bob, "lobby", new RawJson("[1,2]")))))
                    .isEqualTo("{\"type\":\"message\",\"from\":\"bob\",\"room\":\"lobby\",\"data\":[1,2]}");
            assertThat(encode(delivery(new Signal.Text(Address.of("xmpp:bob@example.org/phone"), null, new RawJson("\"hi\"")))))
                    .isEqualTo("{\"type\":\"message\",\"from\":\"xmpp:bob@example.org/phone\",\"data\":\"hi\"}");
            assertThat(encode(delivery(new Signal.Presence(bob, PresenceStatus.BUSY, "call"))))
                    .isEqualTo("{\"type\":\"presence\",\"from\":\"bob\",\"status\":\"busy\",\"note\":\"call\"}");
            assertThat(encode(delivery(new Signal.Presence(bob, PresenceStatus.OFFLINE, null))))
                    .isEqualTo("{\"type\":\"presence\",\"from\":\"bob\",\"status\":\"offline\"}");
            assertThat(encode(delivery(new Signal.PeerJoined(bob, "lobby"))))
                    .isEqualTo("{\"type\":\"peer-joined\",\"from\":\"bob\",\"room\":\"lobby\"}");
            assertThat(encode(delivery(new Signal.PeerLeft(bob, "lobby"))))
                    .isEqualTo("{\"type\":\"peer-left\",\"from\":\"bob\",\"room\":\"lobby\"}");
        }

        @Test
        void nonAsciiIsWrittenAsUtf8AndReadsBackUnchanged() throws Exception {
            byte[] bytes = encoder.encode(delivery(new Signal.Presence(Address.of("bob"), PresenceStatus.AWAY, "café ☕ 😀")));

            assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("café ☕");
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(bytes).path("note").asText()).isEqualTo("café ☕ 😀");
        }

        private ServerMessage delivery(Signal signal) {
            return new ServerMessage.Delivery(signal);
        }
    }
}
