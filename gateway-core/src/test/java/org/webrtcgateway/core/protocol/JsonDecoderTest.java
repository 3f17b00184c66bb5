package org.webrtcgateway.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.api.IceCandidate;
import org.webrtcgateway.core.api.PresenceStatus;
import org.webrtcgateway.core.api.RawJson;

/** {@link JsonDecoder}: PROTOCOL.md's JSON frames to {@link ClientMessage} records, or to the error that answers them. */
class JsonDecoderTest {

    private final JsonDecoder decoder = new JsonDecoder();

    private ClientMessage decode(String json) {
        Inbound inbound = decoder.decode(json);
        assertThat(inbound).as("decoding %s", json).isInstanceOf(Inbound.Request.class);
        return ((Inbound.Request) inbound).message();
    }

    private Inbound.Malformed malformed(String json) {
        Inbound inbound = decoder.decode(json);
        assertThat(inbound).as("decoding %s", json).isInstanceOf(Inbound.Malformed.class);
        return (Inbound.Malformed) inbound;
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
            assertThat(decoder.decode("{\"type\":\"ping\",\"id\":\"007\"}").id()).isEqualTo(RequestId.ofString("007"));
        }

        @Test
        void aNumericIdIsKeptAsTheNumberLiteralItWas() {
            assertThat(decoder.decode("{\"type\":\"ping\",\"id\":12345678901234567890123}").id())
                    .isEqualTo(RequestId.ofNumber("12345678901234567890123"));
            assertThat(decoder.decode("{\"type\":\"ping\",\"id\":1.50}").id()).isEqualTo(RequestId.ofNumber("1.50"));
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
        @ValueSource(strings = {
            "{\"type\":\"bye\",\"call\":\"c-1\",\"reason\":\"busy\\r\\nX-Forged: 1\"}",
            "{\"type\":\"reject\",\"call\":\"c-1\",\"reason\":\"nul\\u0000\"}",
            "{\"type\":\"presence\",\"status\":\"away\",\"note\":\"\\u001b[2Jcleared\"}",
            "{\"type\":\"presence\",\"status\":\"away\",\"note\":\"csi \\u009b\"}",
            "{\"type\":\"presence\",\"status\":\"away\",\"note\":\"lone \\ud800\"}"})
        void oneLineTextWithAControlCharacterIsABadMessageThatNamesItWithoutEchoingIt(String text) {
            Inbound.Malformed result = malformed(text);

            assertThat(result.code()).isEqualTo(ErrorCode.BAD_MESSAGE);
            assertThat(result.message()).contains("not allowed there (U+").doesNotContain("\n", "\r", "\u0000", "\u001b");
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"", "   ", "nope", "{\"type\":\"ping\"", "{\"type\":\"ping\"}x", "{\"type\":\"ping\"}{}",
                "{\"type\":\"ping\",\"type\":\"ping\"}", "{\"type\":'ping'}"})
        void textThatIsNotOneJsonObjectIsBadJson(String text) {
            Inbound.Malformed result = malformed(text);

            assertThat(result.code()).isEqualTo(ErrorCode.BAD_JSON);
            assertThat(result.message()).isNotBlank();
        }

        /**
         * Found by JsonDecoderFuzzTest: Jackson reads bytes that begin with a NUL or a UTF-16/32 byte-order mark as
         * UTF-16 or UTF-32, and a character out of range then escaped the decoder as an I/O error. Such a frame is
         * valid UTF-8 (NULs included), so the frontend lets it through; it is bad JSON, never read in another encoding.
         */
        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"00 00 00 7b 22 74 78 70 22 3a 31 7d", "00 7b 00 7d", "7b 00 7d 00", "00 00 00 7b",
                "fe ff 00 7b 00 7d", "ff fe 7b 00 7d 00", "00 00 fe ff 00 00 00 7b 00 00 00 7d", "00", "7b 00"})
        void aFrameJacksonWouldReadAsUtf16OrUtf32IsBadJsonNotAnException(String hex) {
            byte[] frame = java.util.HexFormat.of().parseHex(hex.replace(" ", ""));

            Inbound inbound = decoder.decode(frame, 0, frame.length);

            assertThat(inbound).isInstanceOf(Inbound.Malformed.class);
            assertThat(((Inbound.Malformed) inbound).code()).isEqualTo(ErrorCode.BAD_JSON);
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"[]", "\"ping\"", "1", "null", "{}", "{\"type\":1}", "{\"type\":null}"})
        void aFrameWithoutAStringTypeIsBadMessage(String text) {
            assertThat(malformed(text).code()).isEqualTo(ErrorCode.BAD_MESSAGE);
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"65536", "-1", "2147483648", "99999999999999999999", "1.5", "\"0\""})
        void anSdpMLineIndexOutOfRangeIsBadMessageNotBadJson(String index) {
            Inbound.Malformed result = malformed("{\"type\":\"candidate\",\"call\":\"c-1\",\"candidate\":"
                    + "{\"candidate\":\"candidate:1 1 udp 1 127.0.0.1 5 typ host\",\"sdpMLineIndex\":" + index + "}}");

            assertThat(result.code()).isEqualTo(ErrorCode.BAD_MESSAGE);
            assertThat(result.message()).contains("sdpMLineIndex");
        }

        /** A reason is written into the log line that says how the call ended: a line break in it would forge another. */
        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"{\"type\":\"bye\",\"call\":\"c-1\",\"reason\":\"gone\\nINFO forged\"}",
                "{\"type\":\"reject\",\"call\":\"c-1\",\"reason\":\"busy\\r\"}",
                "{\"type\":\"bye\",\"to\":\"bob\",\"reason\":\"\\u0000\"}",
                "{\"type\":\"bye\",\"to\":\"bob\",\"reason\":\"a\\u0085b\"}"})
        void aReasonWithAControlCharacterIsBadMessage(String text) {
            Inbound.Malformed result = malformed(text);

            assertThat(result.code()).isEqualTo(ErrorCode.BAD_MESSAGE);
            assertThat(result.message()).contains("'reason'");
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

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"nope", "{\"type\":'ping'}", "{\"type\":\"ping\",\"extra\":NaN}", "{\"type\":\"ping\"",
                "{\"type\":\"ping\" /* comment */}"})
        void badJsonIsExplainedInTheGatewaysWordsWithWhereNotTheParsers(String text) {
            String message = malformed(text).message();

            assertThat(message).startsWith("not valid JSON").doesNotContain("Unexpected").doesNotContain("ALLOW_")
                    .doesNotContain("Unrecognized").doesNotContain("Source:").doesNotContainIgnoringCase("jackson")
                    .doesNotContain("JsonParser").doesNotContain("REDACTED");
        }

        @Test
        void deeplyNestedDataIsRefusedWithoutAnException() {
            String deep = "[".repeat(5000) + "]".repeat(5000);

            assertThat(malformed("{\"type\":\"message\",\"to\":\"bob\",\"data\":" + deep + "}").message())
                    .doesNotContain("StreamReadConstraints").doesNotContain("maxNestingDepth");
        }

        @Test
        void deeplyNestedDataIsBadJson() {
            String deep = "[".repeat(5000) + "]".repeat(5000);

            assertThat(malformed("{\"type\":\"message\",\"to\":\"bob\",\"data\":" + deep + "}").code()).isEqualTo(ErrorCode.BAD_JSON);
        }

        @Test
        void invalidUtf8IsBadJsonWithoutAnException() {
            byte[] frame = {'{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

            Inbound inbound = decoder.decode(frame, 0, frame.length);

            assertThat(inbound).isInstanceOf(Inbound.Malformed.class);
            assertThat(((Inbound.Malformed) inbound).code()).isEqualTo(ErrorCode.BAD_JSON);
        }

        @Test
        void decodingHonoursOffsetAndLength() {
            byte[] buffer = "xx{\"type\":\"ping\"}yy".getBytes(StandardCharsets.UTF_8);

            Inbound inbound = decoder.decode(buffer, 2, buffer.length - 4);

            assertThat(inbound).isEqualTo(new Inbound.Request(null, new ClientMessage.Ping()));
        }
    }
}
