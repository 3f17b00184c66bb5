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

/** {@link JsonCodec}: PROTOCOL.md's JSON frames to {@link ClientMessage} records and {@link ServerMessage}s to frames. */
class JsonCodecTest {

    private final JsonCodec codec = new JsonCodec();

    private ClientMessage decode(String json) {
        Inbound inbound = codec.decode(json);
        assertThat(inbound).as("decoding %s", json).isInstanceOf(Inbound.Request.class);
        return ((Inbound.Request) inbound).message();
    }

    private Inbound.Malformed malformed(String json) {
        Inbound inbound = codec.decode(json);
        assertThat(inbound).as("decoding %s", json).isInstanceOf(Inbound.Malformed.class);
        return (Inbound.Malformed) inbound;
    }

    private String encode(ServerMessage message) {
        return new String(codec.encode(message), StandardCharsets.UTF_8);
    }

    @Nested
    class DecodingEachType {

        @Test
        void login() {
            assertThat(decode("{\"type\":\"login\",\"name\":\"alice\",\"token\":\"t.o.k\",\"resume\":\"r1\"}"))
                    .isEqualTo(new ClientMessage.Login("alice", "t.o.k", "r1"));
            assertThat(decode("{\"type\":\"login\"}")).isEqualTo(new ClientMessage.Login(null, null, null));
        }

        @Test
        void offer() {
            assertThat(decode("{\"type\":\"offer\",\"to\":\"bob\",\"sdp\":\"v=0\\r\\n\"}"))
                    .isEqualTo(new ClientMessage.Offer(Address.of("bob"), null, "v=0\r\n"));
            assertThat(decode("{\"type\":\"offer\",\"to\":\"sip:1001@pbx.example.org\",\"call\":\"c-1\",\"sdp\":\"v=0\"}"))
                    .isEqualTo(new ClientMessage.Offer(Address.of("sip:1001@pbx.example.org"), "c-1", "v=0"));
            assertThat(decode("{\"type\":\"offer\",\"call\":\"c-1\",\"sdp\":\"v=0\"}"))
                    .as("a renegotiation names the call only").isEqualTo(new ClientMessage.Offer(null, "c-1", "v=0"));
        }

        @Test
        void answer() {
            assertThat(decode("{\"type\":\"answer\",\"call\":\"c-1\",\"sdp\":\"v=0\"}"))
                    .isEqualTo(new ClientMessage.Answer("c-1", null, "v=0"));
            assertThat(decode("{\"type\":\"answer\",\"to\":\"alice\",\"sdp\":\"v=0\"}"))
                    .isEqualTo(new ClientMessage.Answer(null, Address.of("alice"), "v=0"));
        }

        @Test
        void candidate() {
            assertThat(decode("{\"type\":\"candidate\",\"call\":\"c-1\",\"candidate\":{\"candidate\":\"candidate:1 1 udp 1 1.2.3.4 5 typ host\","
                    + "\"sdpMid\":\"0\",\"sdpMLineIndex\":0,\"usernameFragment\":\"uf\",\"foundation\":\"1\"}}"))
                    .isEqualTo(new ClientMessage.Candidate("c-1", null,
                            new IceCandidate("candidate:1 1 udp 1 1.2.3.4 5 typ host", "0", 0, "uf")));
            assertThat(decode("{\"type\":\"candidate\",\"to\":\"alice\",\"candidate\":null}"))
                    .isEqualTo(new ClientMessage.Candidate(null, Address.of("alice"), null));
            assertThat(decode("{\"type\":\"candidate\",\"call\":\"c-1\",\"candidate\":{\"candidate\":\"\",\"sdpMid\":null}}"))
                    .isEqualTo(new ClientMessage.Candidate("c-1", null, new IceCandidate("", null, null, null)));
        }

        @Test
        void ringingRejectAndBye() {
            assertThat(decode("{\"type\":\"ringing\",\"call\":\"c-1\"}")).isEqualTo(new ClientMessage.Ringing("c-1"));
            assertThat(decode("{\"type\":\"reject\",\"call\":\"c-1\",\"reason\":\"busy\"}"))
                    .isEqualTo(new ClientMessage.Reject("c-1", "busy"));
            assertThat(decode("{\"type\":\"reject\",\"call\":\"c-1\"}")).isEqualTo(new ClientMessage.Reject("c-1", null));
            assertThat(decode("{\"type\":\"bye\",\"call\":\"c-1\",\"reason\":\"hangup\"}"))
                    .isEqualTo(new ClientMessage.Bye("c-1", null, "hangup"));
            assertThat(decode("{\"type\":\"bye\",\"to\":\"tel:+4412345\"}"))
                    .isEqualTo(new ClientMessage.Bye(null, Address.of("tel:+4412345"), null));
        }

        @Test
        void joinAndLeave() {
            assertThat(decode("{\"type\":\"join\",\"room\":\"lobby\"}")).isEqualTo(new ClientMessage.Join("lobby", null));
            assertThat(decode("{\"type\":\"join\",\"room\":\"lobby\",\"capacity\":5}")).isEqualTo(new ClientMessage.Join("lobby", 5));
            assertThat(decode("{\"type\":\"leave\",\"room\":\"lobby\"}")).isEqualTo(new ClientMessage.Leave("lobby"));
        }

        @Test
        void message() {
            assertThat(decode("{\"type\":\"message\",\"room\":\"lobby\",\"data\":{\"a\":1}}"))
                    .isEqualTo(new ClientMessage.Message("lobby", null, new RawJson("{\"a\":1}")));
            assertThat(decode("{\"type\":\"message\",\"to\":\"xmpp:bob@example.org/phone\",\"data\":\"hi\"}"))
                    .isEqualTo(new ClientMessage.Message(null, Address.of("xmpp:bob@example.org/phone"), new RawJson("\"hi\"")));
        }

        @Test
        void presenceSubscribeAndUnsubscribe() {
            assertThat(decode("{\"type\":\"presence\",\"status\":\"away\",\"note\":\"lunch\"}"))
                    .isEqualTo(new ClientMessage.SetPresence(PresenceStatus.AWAY, "lunch"));
            assertThat(decode("{\"type\":\"presence\",\"status\":\"offline\"}"))
                    .isEqualTo(new ClientMessage.SetPresence(PresenceStatus.OFFLINE, null));
            assertThat(decode("{\"type\":\"subscribe\",\"to\":\"bob\"}")).isEqualTo(new ClientMessage.Subscribe(Address.of("bob")));
            assertThat(decode("{\"type\":\"unsubscribe\",\"to\":\"sip:bob@example.org\"}"))
                    .isEqualTo(new ClientMessage.Unsubscribe(Address.of("sip:bob@example.org")));
        }

        @Test
        void dtmfAndPing() {
            assertThat(decode("{\"type\":\"dtmf\",\"call\":\"c-1\",\"tones\":\"12#*A,\",\"duration\":250}"))
                    .isEqualTo(new ClientMessage.Dtmf("c-1", "12#*A,", 250));
            assertThat(decode("{\"type\":\"dtmf\",\"call\":\"c-1\",\"tones\":\"5\"}")).isEqualTo(new ClientMessage.Dtmf("c-1", "5", null));
            assertThat(decode("{\"type\":\"ping\"}")).isEqualTo(new ClientMessage.Ping());
        }

        @Test
        void fieldOrderDoesNotMatter() {
            assertThat(decode("{\"sdp\":\"v=0\",\"to\":\"bob\",\"type\":\"offer\"}"))
                    .isEqualTo(new ClientMessage.Offer(Address.of("bob"), null, "v=0"));
        }

        @Test
        void unknownFieldsAreSkippedWhateverTheirShape() {
            assertThat(decode("{\"x\":{\"y\":[1,{\"z\":[]}]},\"type\":\"ping\",\"w\":null}")).isEqualTo(new ClientMessage.Ping());
        }
    }

    @Nested
    class RequestIds {

        @Test
        void aStringIdIsKeptAsAString() {
            assertThat(codec.decode("{\"type\":\"ping\",\"id\":\"007\"}").id()).isEqualTo(RequestId.ofString("007"));
        }

        @Test
        void aNumericIdIsKeptAsTheNumberLiteralItWas() {
            assertThat(codec.decode("{\"type\":\"ping\",\"id\":12345678901234567890123}").id())
                    .isEqualTo(RequestId.ofNumber("12345678901234567890123"));
            assertThat(codec.decode("{\"type\":\"ping\",\"id\":1.50}").id()).isEqualTo(RequestId.ofNumber("1.50"));
        }

        @Test
        void idsAreWrittenBackInTheirOriginalForm() {
            assertThat(encode(new ServerMessage.Pong(RequestId.ofString("007")))).isEqualTo("{\"type\":\"pong\",\"id\":\"007\"}");
            assertThat(encode(new ServerMessage.Pong(RequestId.ofNumber("12345678901234567890123"))))
                    .isEqualTo("{\"type\":\"pong\",\"id\":12345678901234567890123}");
            assertThat(encode(new ServerMessage.Pong(RequestId.ofNumber("1.50")))).isEqualTo("{\"type\":\"pong\",\"id\":1.50}");
            assertThat(encode(new ServerMessage.Pong(null))).isEqualTo("{\"type\":\"pong\"}");
        }

        @Test
        void aMalformedRequestStillCarriesItsId() {
            assertThat(malformed("{\"id\":\"k\",\"type\":\"join\"}").id()).isEqualTo(RequestId.ofString("k"));
            assertThat(malformed("{\"id\":3,\"type\":\"nope\"}").id()).isEqualTo(RequestId.ofNumber("3"));
        }

        @Test
        void anIdOfTheWrongTypeOrTooLongIsBadMessage() {
            assertThat(malformed("{\"type\":\"ping\",\"id\":{}}").code()).isEqualTo(ErrorCode.BAD_MESSAGE);
            assertThat(malformed("{\"type\":\"ping\",\"id\":[1]}").code()).isEqualTo(ErrorCode.BAD_MESSAGE);
            assertThat(malformed("{\"type\":\"ping\",\"id\":true}").code()).isEqualTo(ErrorCode.BAD_MESSAGE);
            assertThat(malformed("{\"type\":\"ping\",\"id\":\"" + "i".repeat(65) + "\"}").message()).contains("'id'");
        }
    }

    @Nested
    class Errors {

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"", "   ", "nope", "{\"type\":\"ping\"", "{\"type\":\"ping\"}x", "{\"type\":\"ping\"}{}",
                "{\"type\":\"ping\",\"type\":\"ping\"}", "{\"type\":'ping'}"})
        void textThatIsNotOneJsonObjectIsBadJson(String text) {
            Inbound.Malformed result = malformed(text);

            assertThat(result.code()).isEqualTo(ErrorCode.BAD_JSON);
            assertThat(result.message()).isNotBlank();
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"[]", "\"ping\"", "1", "null", "{}", "{\"type\":1}", "{\"type\":null}"})
        void aFrameWithoutAStringTypeIsBadMessage(String text) {
            assertThat(malformed(text).code()).isEqualTo(ErrorCode.BAD_MESSAGE);
        }

        @Test
        void anUnknownTypeIsUnknownTypeNamingIt() {
            Inbound.Malformed result = malformed("{\"type\":\"dance\"}");

            assertThat(result.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
            assertThat(result.message()).contains("dance");
        }

        @Test
        void aMissingFieldIsNamedInTheMessage() {
            assertThat(malformed("{\"type\":\"offer\",\"to\":\"bob\"}").message()).contains("'sdp'");
            assertThat(malformed("{\"type\":\"join\"}").message()).contains("'room'");
            assertThat(malformed("{\"type\":\"presence\"}").message()).contains("'status'");
            assertThat(malformed("{\"type\":\"dtmf\",\"call\":\"c\"}").message()).contains("'tones'");
            assertThat(malformed("{\"type\":\"message\",\"to\":\"bob\"}").message()).contains("'data'");
            assertThat(malformed("{\"type\":\"candidate\",\"call\":\"c\"}").message()).contains("'candidate'");
            assertThat(malformed("{\"type\":\"ringing\"}").message()).contains("'call'");
            assertThat(malformed("{\"type\":\"subscribe\"}").message()).contains("'to'");
        }

        @Test
        void aFieldOfTheWrongTypeIsNamedWithWhatItWas() {
            Inbound.Malformed result = malformed("{\"type\":\"offer\",\"to\":\"bob\",\"sdp\":42}");

            assertThat(result.code()).isEqualTo(ErrorCode.BAD_MESSAGE);
            assertThat(result.message()).contains("'sdp'").contains("a number");
            assertThat(malformed("{\"type\":\"join\",\"room\":[]}").message()).contains("'room'").contains("an array");
            assertThat(malformed("{\"type\":\"join\",\"room\":\"r\",\"capacity\":\"2\"}").message()).contains("'capacity'");
            assertThat(malformed("{\"type\":\"candidate\",\"call\":\"c\",\"candidate\":{\"sdpMLineIndex\":\"x\"}}").message())
                    .contains("sdpMLineIndex");
        }

        @Test
        void aBadAddressIsBadMessageNamingTo() {
            Inbound.Malformed result = malformed("{\"type\":\"message\",\"to\":\"sip:a@b?X-Injected=1\",\"data\":1}");

            assertThat(result.code()).isEqualTo(ErrorCode.BAD_MESSAGE);
            assertThat(result.message()).contains("'to'");
        }

        @Test
        void aBadCallIdIsBadMessageNamingCall() {
            assertThat(malformed("{\"type\":\"bye\",\"call\":\"a b\"}").message()).contains("'call'");
            assertThat(malformed("{\"type\":\"bye\",\"call\":\"" + "c".repeat(65) + "\"}").message()).contains("'call'");
        }

        @Test
        void anUnknownStatusIsBadMessageNamingStatus() {
            assertThat(malformed("{\"type\":\"presence\",\"status\":\"online\"}").message()).contains("'status'").contains("online");
        }

        @Test
        void messageNeedsExactlyOneOfRoomAndTo() {
            assertThat(malformed("{\"type\":\"message\",\"data\":1}").message()).contains("'room'").contains("'to'");
            assertThat(malformed("{\"type\":\"message\",\"room\":\"r\",\"to\":\"bob\",\"data\":1}").message())
                    .contains("'room'").contains("'to'");
        }

        @Test
        void deeplyNestedDataIsRefusedWithoutAnException() {
            String deep = "[".repeat(5000) + "]".repeat(5000);

            assertThat(malformed("{\"type\":\"message\",\"to\":\"bob\",\"data\":" + deep + "}").code()).isEqualTo(ErrorCode.BAD_JSON);
        }

        @Test
        void invalidUtf8IsBadJsonWithoutAnException() {
            byte[] frame = {'{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

            Inbound inbound = codec.decode(frame, 0, frame.length);

            assertThat(inbound).isInstanceOf(Inbound.Malformed.class);
            assertThat(((Inbound.Malformed) inbound).code()).isEqualTo(ErrorCode.BAD_JSON);
        }

        @Test
        void decodingHonoursOffsetAndLength() {
            byte[] buffer = "xx{\"type\":\"ping\"}yy".getBytes(StandardCharsets.UTF_8);

            Inbound inbound = codec.decode(buffer, 2, buffer.length - 4);

            assertThat(inbound).isEqualTo(new Inbound.Request(null, new ClientMessage.Ping()));
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
            Inbound inbound = codec.decode("{\"type\":\"message\",\"to\":\"bob\",\"data\":" + data + "}");

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
            byte[] bytes = codec.encode(delivery(new Signal.Presence(Address.of("bob"), PresenceStatus.AWAY, "café ☕ 😀")));

            assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("café ☕");
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(bytes).path("note").asText()).isEqualTo("café ☕ 😀");
        }

        private ServerMessage delivery(Signal signal) {
            return new ServerMessage.Delivery(signal);
        }
    }
}
