package org.webrtcgateway.websocket.framing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.webrtcgateway.websocket.framing.WireFrame.utf8;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;
import org.webrtcgateway.websocket.framing.FramingClient.Chops;

/**
 * The Autobahn TestSuite's catalogue of framing cases (its sections 1 to 7, and 9 within
 * {@code websocket.max-frame-size}), each case a test here with its number, against the real frontend as it runs,
 * from a raw TCP socket ({@link WireFrame}, {@link FramingClient}). RFC 6455 decides what is right.
 *
 * <p><b>From an echo server to this gateway.</b> Autobahn's cases expect the server to echo each message. This
 * gateway acts on JSON text messages instead, so "echoed" reads here as "acted on": the offender's message reaches
 * a second client, the witness, whole and unchanged (or, for the empty message, is answered {@code bad-json}).
 * Every test also checks, once it is done, that nothing else of the offender's reached the witness (no message
 * after a violation or a close frame is acted on) and that two bystanders, alice and bob, still talk.
 *
 * <p><b>Binary messages.</b> PROTOCOL.md's messages are JSON text only; a binary message, of any length, whole or
 * fragmented, closes the connection with 1003 (RFC 6455 §7.4.1: a type of data it cannot accept) and ends the
 * session, as it did before. Where Autobahn expects a binary echo (1.2.x, 9.2.x, 9.4.x, 9.6.x), this is the
 * documented difference, and the tests prove the refusal instead.
 *
 * <p><b>Autobahn's judgement.</b> OK for every case but the binary echoes above, and: 6.4.1 to 6.4.4 NON-STRICT
 * (a fragmented message's UTF-8 is checked when the message is whole, not fail-fast: allowed, and bounded by the
 * size limit); 7.1.6 and 7.13.x INFORMATIONAL (the spec leaves them open: the message before the close is acted on
 * whole; close codes 5000 and 65535 are answered 1002, as no endpoint may send them). 2.10 and 2.11 are OK: each of
 * ten pings gets its pong; beyond 16 pongs still waiting to be written, only the latest ping is answered, as RFC
 * 6455 §5.5.3 allows, so a ping flood costs next to no memory.
 *
 * <p>One gateway serves the whole class (a new offender and witness per test), with no rate limit: these frames
 * are about framing, not rate.
 */
@Tag("rfc6455")
class AutobahnFramingTest {

    /** {@code websocket.max-frame-size} here: the largest message, where section 9 goes up to 16 MiB. */
    private static final int MAX_MESSAGE = 65536;
    private static final HexFormat HEX = HexFormat.of();
    private static final GatewayExtension gateway = new GatewayExtension()
            .with("websocket.max-frame-size", String.valueOf(MAX_MESSAGE))
            .with("websocket.messages-per-second", "0");
    private static final AtomicInteger sequence = new AtomicInteger();
    private static TestClient alice;
    private static TestClient bob;

    private String offenderName;
    private String witnessName;
    /** A well-behaved client at the byte level: cheaper to open than a {@link TestClient}, and it shows every frame. */
    private FramingClient witness;
    private FramingClient offender;

    @BeforeAll
    static void startTheGatewayAndTheBystanders() throws Exception {
        gateway.start();
        alice = gateway.login("alice");
        bob = gateway.login("bob");
    }

    @AfterAll
    static void stopTheGateway() {
        gateway.stop();
    }

    @BeforeEach
    void anOffenderAndAWitness() {
        int n = sequence.incrementAndGet();
        offenderName = "offender" + n;
        witnessName = "witness" + n;
        witness = FramingClient.connect(gateway.port()).login(witnessName);
        offender = FramingClient.connect(gateway.port()).login(offenderName);
    }

    @AfterEach
    void nothingElseReachedTheWitnessAndTheBystandersStillTalk() {
        try {
            String marker = "marker after " + offenderName;
            alice.send("type", "message", "to", witnessName, "data", marker);
            assertThat(abbreviated(witness.nextMessage().path("data").asText()))
                    .as("the witness's next message: nothing the offender sent after a violation or a close was acted on")
                    .isEqualTo(marker);
            alice.send("type", "message", "to", "bob", "data", marker);
            assertThat(bob.next("message").path("data").asText()).as("bystanders").isEqualTo(marker);
        } finally {
            offender.close();
            witness.close();
        }
    }

    // ------------------------------------------------------------------ Autobahn 1: framing

    @Nested
    class Section1Framing {

        @Test // 1.1.1, 6.1.1
        void anEmptyTextMessageIsAnsweredBadJsonAndTheConnectionStays() {
            offender.send(WireFrame.text(""));

            assertThat(offender.nextMessage().path("code").asText()).isEqualTo("bad-json");
            assertStillServes();
        }

        @ParameterizedTest(name = "{0} bytes") // 1.1.2 to 1.1.7: each length encoding (7 bits, 16 bits, 64 bits) at its edges
        @ValueSource(ints = {125, 126, 127, 128, 65535, MAX_MESSAGE})
        void aTextMessageOfEachLengthEncodingArrivesWhole(int length) {
            offender.send(WireFrame.text(paddedMessage(length)));

            witnessReceivesPadding(length);
        }

        @Test // 1.1.8
        void aMaximalTextMessageWrittenInChopsOf997BytesArrivesWhole() {
            offender.sendInChops(997, WireFrame.text(paddedMessage(MAX_MESSAGE)));

            witnessReceivesPadding(MAX_MESSAGE);
        }

        @ParameterizedTest(name = "{0} bytes") // 1.2.1 to 1.2.7: binary, refused (see the class comment)
        @ValueSource(ints = {0, 125, 126, 127, 128, 65535, MAX_MESSAGE})
        void aBinaryMessageOfAnyLengthIsRefusedWith1003(int length) {
            assertConnectionEndsWith(1003, Chops.ONE_WRITE, WireFrame.binary(filled(length, 0xfe)));
        }

        @Test // 1.2.8
        void aMaximalBinaryMessageWrittenInChopsOf997BytesIsRefusedWith1003() {
            offender.sendInChops(997, between(WireFrame.binary(filled(MAX_MESSAGE, 0xfe))));

            assertActedOnBeforeAndClosedWith(1003);
        }
    }

    // ------------------------------------------------------------------ Autobahn 2: pings and pongs

    @Nested
    class Section2PingsAndPongs {

        @Test // 2.1
        void aPingWithoutPayloadIsAnsweredWithAnEmptyPong() {
            offender.send(WireFrame.ping(new byte[0]));

            assertThat(offender.nextPong()).isEmpty();
            assertStillServes();
        }

        @Test // 2.2
        void aPingIsAnsweredWithAPongCarryingItsPayload() {
            offender.send(WireFrame.ping("Hello, world!"));

            assertThat(offender.nextPong()).isEqualTo(utf8("Hello, world!"));
            assertStillServes();
        }

        @Test // 2.3
        void aPingWhosePayloadIsNotTextIsAnsweredWithThoseBytes() {
            byte[] payload = HEX.parseHex("00fffefdfcfb00ff");

            offender.send(WireFrame.ping(payload));

            assertThat(offender.nextPong()).isEqualTo(payload);
        }

        @ParameterizedTest // 2.4 in one write, 2.6 a byte at a time
        @EnumSource(value = Chops.class, names = {"ONE_WRITE", "BYTE_BY_BYTE"})
        void aPingWithTheLargest125BytePayloadIsEchoed(Chops chops) {
            byte[] payload = filled(125, 0xfe);

            offender.send(chops, WireFrame.ping(payload));

            assertThat(offender.nextPong()).isEqualTo(payload);
            assertStillServes();
        }

        @Test // 2.5
        void aPingWith126BytesIsAProtocolError() {
            assertConnectionEndsWith(1002, Chops.ONE_WRITE, WireFrame.ping(filled(126, 0xfe)));
        }

        @ParameterizedTest(name = "opcode {0}") // 2.5 for the other control frames (RFC 6455 §5.5)
        @ValueSource(ints = {WireFrame.PONG, WireFrame.CLOSE})
        void anyControlFrameOver125BytesIsAProtocolError(int opcode) {
            byte[] payload = filled(126, '*');
            payload[0] = 0x03; // for the close frame: code 1000, then a reason of 124 bytes
            payload[1] = (byte) 0xe8;

            assertConnectionEndsWith(1002, Chops.ONE_WRITE, WireFrame.of(opcode, payload));
        }

        @ParameterizedTest(name = "payload \"{0}\"") // 2.7, 2.8
        @ValueSource(strings = {"", "unsolicited pong payload"})
        void anUnsolicitedPongIsIgnored(String payload) {
            offender.send(WireFrame.pong(payload), WireFrame.text("{\"type\":\"ping\",\"id\":1}"));

            JsonNode reply = offender.nextMessage();
            assertThat(reply.path("type").asText()).as("the first frame after the pong: the reply to the request").isEqualTo("pong");
            assertStillServes();
        }

        @Test // 2.9
        void anUnsolicitedPongThenAPingGetExactlyThePingsPong() {
            offender.send(WireFrame.pong("unsolicited"), WireFrame.ping("ping payload"), WireFrame.text("{\"type\":\"ping\",\"id\":1}"));

            assertThat(offender.nextPong()).isEqualTo(utf8("ping payload"));
            assertThat(offender.nextMessage().path("type").asText()).isEqualTo("pong");
        }

        @ParameterizedTest // 2.10 in one write, 2.11 a byte at a time
        @EnumSource(value = Chops.class, names = {"ONE_WRITE", "BYTE_BY_BYTE"})
        void tenPingsGetTenPongsWithTheirPayloadsInOrder(Chops chops) {
            WireFrame[] pings = IntStream.range(0, 10).mapToObj(i -> WireFrame.ping("payload-" + i)).toArray(WireFrame[]::new);

            offender.send(chops, pings);

            for (int i = 0; i < 10; i++) {
                assertThat(new String(offender.nextPong(), StandardCharsets.UTF_8)).isEqualTo("payload-" + i);
            }
            assertStillServes();
        }

        @Test // beyond the catalogue: RFC 6455 §5.5.3, "the most recently processed Ping frame"
        void aPingFloodInOneWriteStillGetsItsLastPingAnsweredAndPongsStayInOrder() {
            int count = 200;
            WireFrame[] pings = IntStream.range(0, count).mapToObj(i -> WireFrame.ping(String.valueOf(i))).toArray(WireFrame[]::new);

            offender.send(pings);

            List<Integer> answered = new ArrayList<>();
            while (answered.isEmpty() || answered.get(answered.size() - 1) != count - 1) {
                answered.add(Integer.parseInt(new String(offender.nextPong(), StandardCharsets.UTF_8)));
            }
            assertThat(answered).as("pings answered").startsWith(0).isSorted().doesNotHaveDuplicates();
            assertStillServes();
        }
    }

    // ------------------------------------------------------------------ Autobahn 3: reserved bits

    /** Reserved bits as Autobahn numbers them, the 3 bits after FIN: 4 is RSV1, 2 is RSV2, 1 is RSV3. */
    @Nested
    class Section3ReservedBits {

        @Test // 3.1
        void aTextFrameWithRsv3IsAProtocolError() {
            assertConnectionEndsWith(1002, Chops.ONE_WRITE, toWitness("rsv 1").rsv(1));
        }

        @ParameterizedTest(name = "rsv {0}, {1}") // 3.2, 3.3, 3.4: after a good message, before a ping that gets no pong
        @CsvSource({"2, ONE_WRITE", "3, FRAME_BY_FRAME", "4, BYTE_BY_BYTE"})
        void aTextFrameWithReservedBitsIsAProtocolErrorAndAPingAfterItGetsNoPong(int rsv, Chops chops) {
            assertConnectionEndsWith(1002, chops, toWitness("rsv " + rsv).rsv(rsv));
        }

        @Test // 3.5
        void aBinaryFrameWithReservedBitsIsAProtocolError() {
            assertConnectionEndsWith(1002, Chops.ONE_WRITE, WireFrame.binary(HEX.parseHex("00fffefdfcfb00ff")).rsv(5));
        }

        @Test // 3.6
        void aPingWithReservedBitsIsAProtocolErrorAndGetsNoPong() {
            assertConnectionEndsWith(1002, Chops.ONE_WRITE, WireFrame.ping("Hello, world!").rsv(6));
        }

        @Test // 3.7
        void aCloseWithReservedBitsIsAProtocolError() {
            assertConnectionEndsWith(1002, Chops.ONE_WRITE, WireFrame.close(1000).rsv(7));
        }
    }

    // ------------------------------------------------------------------ Autobahn 4: opcodes

    @Nested
    class Section4Opcodes {

        @ParameterizedTest(name = "opcode {0}") // 4.1.1 to 4.1.5
        @ValueSource(ints = {3, 4, 5, 6, 7})
        void aFrameWithAReservedDataOpcodeIsAProtocolError(int opcode) {
            assertConnectionEndsWith(1002, Chops.ONE_WRITE, WireFrame.of(opcode, opcode == 3 ? new byte[0] : utf8("reserved")));
        }

        @ParameterizedTest(name = "opcode {0}") // 4.2.1 to 4.2.5
        @ValueSource(ints = {0xB, 0xC, 0xD, 0xE, 0xF})
        void aFrameWithAReservedControlOpcodeIsAProtocolError(int opcode) {
            assertConnectionEndsWith(1002, Chops.ONE_WRITE, WireFrame.of(opcode, opcode == 0xB ? new byte[0] : utf8("reserved")));
        }
    }

    // ------------------------------------------------------------------ Autobahn 5: fragmentation

    @Nested
    class Section5Fragmentation {

        @Test // 5.1
        void aFragmentedPingIsAProtocolError() {
            assertConnectionEndsWith(1002, Chops.ONE_WRITE, WireFrame.ping("fragment1").notFinal(), WireFrame.continuation("fragment2"));
        }

        @Test // 5.2
        void aFragmentedPongIsAProtocolError() {
            assertConnectionEndsWith(1002, Chops.ONE_WRITE, WireFrame.pong("fragment1").notFinal(), WireFrame.continuation("fragment2"));
        }

        @Test // beyond the catalogue: RFC 6455 §5.4, control frames are never fragmented
        void aFragmentedCloseIsAProtocolError() {
            assertConnectionEndsWith(1002, Chops.ONE_WRITE, WireFrame.of(WireFrame.CLOSE, new byte[] {0x03}).notFinal(),
                    WireFrame.continuation(new byte[] {(byte) 0xe8}));
        }

        @ParameterizedTest // 5.3 one write, 5.4 frame by frame, 5.5 byte by byte
        @EnumSource(Chops.class)
        void aTextMessageInTwoFragmentsArrivesWhole(Chops chops) {
            byte[] message = messageToWitness("two fragments");

            offender.send(chops, cutAt(message, message.length / 2));

            witnessReceives("two fragments");
        }

        @ParameterizedTest // 5.6 one write, 5.7 frame by frame, 5.8 byte by byte
        @EnumSource(Chops.class)
        void aPingBetweenFragmentsIsAnsweredAndTheMessageStillArrivesWhole(Chops chops) {
            WireFrame[] halves = cutAt(messageToWitness("around a ping"), 20);

            offender.send(chops, halves[0], WireFrame.ping("ping payload"), halves[1]);

            assertThat(offender.nextPong()).isEqualTo(utf8("ping payload"));
            witnessReceives("around a ping");
        }

        @Test // beyond the catalogue: an unsolicited pong between fragments
        void aPongBetweenFragmentsIsIgnoredAndTheMessageStillArrivesWhole() {
            WireFrame[] halves = cutAt(messageToWitness("around a pong"), 20);

            offender.send(halves[0], WireFrame.pong("unsolicited"), halves[1]);

            witnessReceives("around a pong");
        }

        @ParameterizedTest(name = "FIN {0}, {1}") // 5.9 to 5.14
        @CsvSource({"true, ONE_WRITE", "true, FRAME_BY_FRAME", "true, BYTE_BY_BYTE",
                "false, ONE_WRITE", "false, FRAME_BY_FRAME", "false, BYTE_BY_BYTE"})
        void aContinuationWithNothingToContinueIsAProtocolError(boolean fin, Chops chops) {
            WireFrame stray = WireFrame.continuation("fragment1");

            assertConnectionEndsWith(1002, chops, fin ? stray : stray.notFinal());
        }

        @Test // 5.15
        void aContinuationAfterAFragmentedMessageEndedIsAProtocolErrorAndTheMessageStillArrives() {
            List<WireFrame> frames = new ArrayList<>(List.of(cutAt(messageToWitness("fragmented first"), 20)));
            frames.add(WireFrame.continuation("fragment3").notFinal());
            frames.add(WireFrame.continuation("fragment4"));
            frames.add(toWitness("after"));

            offender.send(frames.toArray(WireFrame[]::new));

            witnessReceives("fragmented first");
            assertThat(offender.closeCode()).isEqualTo(1002);
        }

        @ParameterizedTest(name = "FIN {0}") // 5.16 (FIN false), 5.17 (FIN true): twice, each before a fragmented message
        @ValueSource(booleans = {false, true})
        void strayContinuationsAroundFragmentedMessagesAreAProtocolError(boolean fin) {
            WireFrame stray = fin ? WireFrame.continuation("fragment1") : WireFrame.continuation("fragment1").notFinal();
            WireFrame[] message = cutAt(messageToWitness("never"), 20);

            assertConnectionEndsWith(1002, Chops.ONE_WRITE, stray, message[0], message[1], stray, message[0], message[1]);
        }

        @Test // 5.18
        void aNewTextFrameInsideAFragmentedMessageIsAProtocolError() {
            assertConnectionEndsWith(1002, Chops.ONE_WRITE, WireFrame.text("fragment1").notFinal(), WireFrame.text("fragment2"));
        }

        @Test // beyond the catalogue: the same with a binary frame
        void aBinaryFrameInsideAFragmentedTextMessageIsAProtocolError() {
            assertConnectionEndsWith(1002, Chops.ONE_WRITE, WireFrame.text("fragment1").notFinal(), WireFrame.binary(utf8("fragment2")));
        }

        @ParameterizedTest // 5.19 one write each time, 5.20 frame by frame
        @EnumSource(value = Chops.class, names = {"ONE_WRITE", "FRAME_BY_FRAME"})
        void aPingMidMessageIsAnsweredBeforeTheMessageEnds(Chops chops) {
            byte[] message = messageToWitness("fragment1fragment2fragment3fragment4fragment5");
            WireFrame[] fragments = fragments(message, message.length / 5 + 1);
            assertThat(fragments).hasSize(5);

            offender.send(chops, fragments[0], fragments[1], WireFrame.ping("pongme 1!"));
            assertThat(offender.nextPong()).as("answered while the message is unfinished").isEqualTo(utf8("pongme 1!"));
            offender.send(chops, fragments[2], fragments[3], WireFrame.ping("pongme 2!"), fragments[4]);

            assertThat(offender.nextPong()).isEqualTo(utf8("pongme 2!"));
            witnessReceives("fragment1fragment2fragment3fragment4fragment5");
        }
    }

    // ------------------------------------------------------------------ Autobahn 6: UTF-8

    @Nested
    class Section6Utf8 {

        /** Autobahn's 6.2.x text ("Hello-µ@ßöäüàá-UTF-8!!"), and 6.5.5's "κόσμε". */
        private static final String TEXT = "Hello-µ@ßöäüàá-UTF-8!! κόσμε";

        @Test // 6.1.2
        void threeEmptyFragmentsMakeAnEmptyMessageAnsweredBadJson() {
            offender.send(WireFrame.text("").notFinal(), WireFrame.continuation("").notFinal(), WireFrame.continuation(""));

            assertThat(offender.nextMessage().path("code").asText()).isEqualTo("bad-json");
            assertStillServes();
        }

        @Test // 6.1.3
        void emptyFirstAndLastFragmentsAroundAMessageAreHarmless() {
            offender.send(WireFrame.text("").notFinal(), WireFrame.continuation(messageToWitness("middle frame payload")).notFinal(),
                    WireFrame.continuation(""));

            witnessReceives("middle frame payload");
        }

        @Test // 6.2.1
        void validUtf8InOneFrameArrivesWhole() {
            offender.send(toWitness(TEXT));

            witnessReceives(TEXT);
        }

        @Test // 6.2.2
        void validUtf8InTwoFragmentsCutBetweenCharactersArrivesWhole() {
            byte[] message = messageToWitness(TEXT);
            int cut = indexOf(message, utf8("ß")) + 2; // just after ß

            offender.send(cutAt(message, cut));

            witnessReceives(TEXT);
        }

        @Test // 6.2.3, 6.2.4
        void validUtf8InOneByteFragmentsArrivesWhole() {
            offender.send(fragments(messageToWitness(TEXT), 1));

            witnessReceives(TEXT);
        }

        @ParameterizedTest(name = "{0} cut after its byte {1}") // beyond the catalogue: every byte position of each length
        @MethodSource("org.webrtcgateway.websocket.framing.AutobahnFramingTest#charactersCutInside")
        void aValidCharacterCutBetweenTwoFragmentsAnywhereArrivesWhole(String character, int cutAfter) {
            String text = "a" + character + "b";
            byte[] message = messageToWitness(text);

            offender.send(cutAt(message, indexOf(message, utf8(character)) + cutAfter));

            witnessReceives(text);
        }

        @Test // 6.3.1
        void invalidUtf8InOneFrameIsRefusedWith1007() {
            assertConnectionEndsWith(1007, Chops.ONE_WRITE, WireFrame.text(KOSME_THEN_A_SURROGATE));
        }

        @Test // 6.3.2
        void invalidUtf8InOneByteFragmentsIsRefusedWith1007() {
            assertConnectionEndsWith(1007, Chops.ONE_WRITE, fragments(KOSME_THEN_A_SURROGATE, 1));
        }

        @ParameterizedTest // 6.4.1, 6.4.2 (fragments), NON-STRICT: refused when the message is whole
        @ValueSource(strings = {"f4908080", "f490"})
        void invalidUtf8InTheMiddleFragmentFailsTheMessageWith1007(String invalidPart) {
            offender.send(WireFrame.text(KOSME).notFinal());
            offender.send(WireFrame.continuation(HEX.parseHex(invalidPart)).notFinal());
            offender.send(WireFrame.continuation(utf8("edited")));

            assertThat(offender.closeCode()).isEqualTo(1007);
        }

        @ParameterizedTest // 6.4.3, 6.4.4 (three chops of one frame), NON-STRICT as 6.4.1
        @ValueSource(strings = {"f4908080", "f490"})
        void invalidUtf8InTheMiddleChopOfOneFrameIsRefusedWith1007(String invalidPart) {
            byte[] invalid = HEX.parseHex(invalidPart);
            byte[] frame = WireFrame.text(concat(KOSME, invalid, utf8("edited"))).encode();
            int endOfKosme = frame.length - invalid.length - "edited".length();

            offender.sendRawBytes(Arrays.copyOfRange(frame, 0, endOfKosme));
            offender.sendRawBytes(Arrays.copyOfRange(frame, endOfKosme, endOfKosme + invalid.length));
            offender.sendRawBytes(Arrays.copyOfRange(frame, endOfKosme + invalid.length, frame.length));

            assertThat(offender.closeCode()).isEqualTo(1007);
        }

        @ParameterizedTest(name = "{0}") // 6.5 to 6.23, the valid ones: each its own message, a category in one write
        @MethodSource("org.webrtcgateway.websocket.framing.AutobahnFramingTest#validSequences")
        void eachValidSequenceArrivesWhole(String autobahnCases, List<String> hexes) {
            offender.send(hexes.stream().map(hex -> WireFrame.text(messageToWitness(HEX.parseHex(hex)))).toArray(WireFrame[]::new));

            for (String hex : hexes) {
                witnessReceives(new String(HEX.parseHex(hex), StandardCharsets.UTF_8));
            }
        }

        @ParameterizedTest(name = "{0}: {1}") // 6.5 to 6.23, the invalid ones
        @MethodSource("org.webrtcgateway.websocket.framing.AutobahnFramingTest#invalidSequences")
        void anInvalidSequenceIsRefusedWith1007(String autobahnCase, String hex) {
            assertConnectionEndsWith(1007, Chops.ONE_WRITE, WireFrame.text(messageToWitness(HEX.parseHex(hex))));
        }

        @ParameterizedTest(name = "the first {0} bytes") // 6.6.1 to 6.6.11
        @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})
        void aPrefixOfKosmeIsAcceptedOnlyWhereACharacterEnds(int length) {
            byte[] prefix = Arrays.copyOf(KOSME, length);
            if (isUtf8(prefix)) {
                offender.send(toWitness(new String(prefix, StandardCharsets.UTF_8)));
                witnessReceives(new String(prefix, StandardCharsets.UTF_8));
            } else {
                assertConnectionEndsWith(1007, Chops.ONE_WRITE, WireFrame.text(prefix));
            }
        }

        @ParameterizedTest(name = "{0} cut after its byte {1}") // beyond the catalogue: every byte position
        @MethodSource("org.webrtcgateway.websocket.framing.AutobahnFramingTest#invalidSequencesCutInside")
        void anInvalidSequenceCutBetweenTwoFragmentsAnywhereIsRefusedWith1007(String hex, int cutAfter) {
            byte[] message = messageToWitness(HEX.parseHex(hex));

            assertConnectionEndsWith(1007, Chops.ONE_WRITE, cutAt(message, indexOf(message, HEX.parseHex(hex)) + cutAfter));
        }
    }

    // ------------------------------------------------------------------ Autobahn 7: closing

    @Nested
    class Section7Closing {

        @Test // 7.1.1
        void aMessageThenACloseIsActedOnThenTheCloseEchoed() {
            offender.send(toWitness("before the close"), WireFrame.close(1000));

            witnessReceives("before the close");
            assertThat(offender.closeCode()).isEqualTo(1000);
        }

        @Test // 7.1.2
        void aSecondCloseIsIgnored() {
            offender.send(WireFrame.close(1000), WireFrame.close(1000));

            assertThat(offender.closeCode()).as("one close frame, then the end").isEqualTo(1000);
        }

        @Test // 7.1.3, 7.1.4
        void aPingOrAMessageAfterTheCloseIsNotActedOn() {
            offender.send(WireFrame.close(1000), WireFrame.ping("after the close"), toWitness("after the close"));

            assertThat(offender.closeCode()).as("no pong before the end").isEqualTo(1000);
        }

        @Test // 7.1.5
        void aCloseBetweenFragmentsEndsTheConnectionAndTheMessageIsNeverActedOn() {
            WireFrame[] halves = cutAt(messageToWitness("never whole"), 20);

            offender.send(halves[0], WireFrame.close(1000), halves[1]);

            assertThat(offender.closeCode()).isEqualTo(1000);
        }

        @Test // 7.1.6 (64 KiB, not 256 KiB), INFORMATIONAL: the message is acted on whole, then the close
        void aLargeMessageThenACloseThenAPingIsActedOnWholeAndThePingGetsNoPong() {
            offender.send(WireFrame.text(paddedMessage(MAX_MESSAGE)), WireFrame.close(1000), WireFrame.ping("after the close"));

            witnessReceivesPadding(MAX_MESSAGE);
            assertThat(offender.closeCode()).isEqualTo(1000);
        }

        @Test // 7.3.1
        void aCloseWithoutPayloadIsAnsweredNormally() {
            offender.send(WireFrame.of(WireFrame.CLOSE, new byte[0]));

            assertThat(offender.closeCode()).isEqualTo(1000);
        }

        @Test // 7.3.2
        void aCloseWithAOneBytePayloadIsAProtocolError() {
            assertConnectionEndsWith(1002, Chops.ONE_WRITE, WireFrame.of(WireFrame.CLOSE, new byte[] {0x03}));
        }

        @ParameterizedTest(name = "a reason of {0} bytes") // 7.3.3 (none), 7.3.4, 7.3.5 (the largest, 123 bytes)
        @ValueSource(ints = {0, 12, 123})
        void aCloseWithACodeAndAReasonIsEchoed(int reasonLength) {
            offender.send(toWitness("before the close"), WireFrame.close(1000, filled(reasonLength, '*')));

            witnessReceives("before the close");
            assertThat(offender.closeCode()).isEqualTo(1000);
        }

        @Test // 7.3.6
        void aCloseWhoseReasonMakesThePayloadLongerThan125BytesIsAProtocolError() {
            assertConnectionEndsWith(1002, Chops.ONE_WRITE, WireFrame.close(1000, filled(124, '*')));
        }

        @Test // 7.5.1
        void aCloseWhoseReasonIsNotUtf8IsRefusedWith1007() {
            assertConnectionEndsWith(1007, Chops.ONE_WRITE, WireFrame.close(1000, KOSME_THEN_A_SURROGATE));
        }

        @ParameterizedTest(name = "{0}") // 7.7.1 to 7.7.13, and IANA's 1012 to 1014
        @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999})
        void aValidCloseCodeIsEchoed(int code) {
            offender.send(toWitness("before the close"), WireFrame.close(code), toWitness("after"));

            witnessReceives("before the close");
            assertThat(offender.closeCode()).isEqualTo(code);
        }

        @ParameterizedTest(name = "{0}") // 7.9.1 to 7.9.9, and 1015 (TLS failure: reported, never sent)
        @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999})
        void aCloseCodeNoEndpointMaySendIsAProtocolError(int code) {
            assertConnectionEndsWith(1002, Chops.ONE_WRITE, WireFrame.close(code));
        }

        @ParameterizedTest(name = "{0}") // 7.13.1, 7.13.2, INFORMATIONAL
        @ValueSource(ints = {5000, 65535})
        void aCloseCodeBeyondTheRegistryIsAProtocolError(int code) {
            assertConnectionEndsWith(1002, Chops.ONE_WRITE, WireFrame.close(code));
        }
    }

    // ------------------------------------------------------------------ RFC 6455 §5.1 (not in the catalogue)

    @Nested
    class UnmaskedFrames {

        @ParameterizedTest(name = "opcode {0}")
        @ValueSource(ints = {WireFrame.TEXT, WireFrame.BINARY, WireFrame.PING, WireFrame.PONG, WireFrame.CLOSE})
        void anUnmaskedFrameFromAClientIsAProtocolError(int opcode) {
            byte[] payload = opcode == WireFrame.CLOSE ? new byte[] {0x03, (byte) 0xe8} : utf8("unmasked");

            assertConnectionEndsWith(1002, Chops.ONE_WRITE, WireFrame.of(opcode, payload).unmasked());
        }

        @Test
        void anUnmaskedContinuationInsideAMessageIsAProtocolError() {
            WireFrame[] halves = cutAt(messageToWitness("never whole"), 20);

            assertConnectionEndsWith(1002, Chops.ONE_WRITE, halves[0], halves[1].unmasked());
        }
    }

    // ------------------------------------------------------------------ Autobahn 9, within websocket.max-frame-size

    @Nested
    class Section9Sizes {

        @Test // 9.1.2 to 9.1.6, bounded: the limit, passed by one byte
        void aTextMessageOneByteOverTheLimitIsRefusedWith1009() {
            assertConnectionEndsWith(1009, Chops.ONE_WRITE, WireFrame.text(paddedMessage(MAX_MESSAGE + 1)));
        }

        @Test // the same, fragmented: the limit holds for the whole message
        void aFragmentedTextMessageOneByteOverTheLimitIsRefusedWith1009() {
            byte[] message = paddedMessage(MAX_MESSAGE + 1);

            assertConnectionEndsWith(1009, Chops.ONE_WRITE, fragments(message, 4096));
        }

        @Test // 9.1.6's 16 MiB: refused at the frame's header, before any of it is read
        void aFrameAnnouncingSixteenMebibytesIsRefusedWith1009FromItsHeader() {
            byte[] header = {(byte) 0x81, (byte) (0x80 | 127), 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0};

            offender.send(toWitness("before"));
            witnessReceives("before");
            offender.send(WireFrame.ping("nothing of the frame follows")); // acted on: the gateway is reading
            assertThat(offender.nextPong()).isEqualTo(utf8("nothing of the frame follows"));
            offender.sendRawBytes(header);

            assertThat(offender.closeCode()).isEqualTo(1009);
        }

        @ParameterizedTest(name = "fragments of {0} bytes") // 9.3.1 to 9.3.9, 64 KiB instead of 4 MiB
        @ValueSource(ints = {64, 256, 1024, 4096, 16384, MAX_MESSAGE})
        void aMaximalTextMessageInFragmentsOfAnySizeArrivesWhole(int fragmentSize) {
            offender.send(fragments(paddedMessage(MAX_MESSAGE), fragmentSize));

            witnessReceivesPadding(MAX_MESSAGE);
        }

        @ParameterizedTest(name = "fragments of {0} bytes") // 9.4.x, binary: refused (see the class comment)
        @ValueSource(ints = {64, 4096, MAX_MESSAGE})
        void aMaximalBinaryMessageInFragmentsIsRefusedWith1003(int fragmentSize) {
            assertConnectionEndsWith(1003, Chops.ONE_WRITE, fragments(WireFrame.BINARY, filled(MAX_MESSAGE, 0xfe), fragmentSize));
        }

        @ParameterizedTest(name = "chops of {0} bytes") // 9.5.1 to 9.5.6, 64 KiB instead of 1 MiB
        @ValueSource(ints = {64, 128, 256, 512, 1024, 2048})
        void aMaximalTextMessageWrittenInChopsOfAnySizeArrivesWhole(int chopSize) {
            offender.sendInChops(chopSize, WireFrame.text(paddedMessage(MAX_MESSAGE)));

            witnessReceivesPadding(MAX_MESSAGE);
        }

        @Test // 9.6.x, binary: refused
        void aMaximalBinaryMessageWrittenInChopsIsRefusedWith1003() {
            offender.sendInChops(64, between(WireFrame.binary(filled(MAX_MESSAGE, 0xfe))));

            assertActedOnBeforeAndClosedWith(1003);
        }

        @Test // 9.7.x: 1000 messages in a row (9.8.x is binary)
        void aThousandMessagesInOneWriteAreAllActedOnInOrder() {
            WireFrame[] messages = IntStream.range(0, 1000).mapToObj(i -> toWitness("message " + i)).toArray(WireFrame[]::new);

            offender.send(messages);

            for (int i = 0; i < 1000; i++) {
                witnessReceives("message " + i);
            }
        }

        @Test // pings within a message as large as the limit allows
        void pingsDuringANearlyMaximalFragmentedMessageAreAnsweredWithTheirPayloads() {
            WireFrame[] fragments = fragments(paddedMessage(MAX_MESSAGE), 64);
            List<WireFrame> frames = new ArrayList<>();
            for (int i = 0; i < fragments.length; i++) {
                frames.add(fragments[i]);
                if (i % 128 == 64) {
                    frames.add(WireFrame.ping("ping after fragment " + i));
                }
            }

            offender.send(frames.toArray(WireFrame[]::new));

            for (int i = 64; i < fragments.length - 1; i += 128) {
                assertThat(new String(offender.nextPong(), StandardCharsets.UTF_8)).isEqualTo("ping after fragment " + i);
            }
            witnessReceivesPadding(MAX_MESSAGE);
        }
    }

    // ------------------------------------------------------------------ what each test does with the offender and the witness

    /**
     * {@code bad} framed by a message the gateway must act on before it, and a message and a ping it must not act on
     * after it: a connection that failed is not read any further (RFC 6455 §7.1.7).
     */
    private WireFrame[] between(WireFrame... bad) {
        List<WireFrame> frames = new ArrayList<>();
        frames.add(toWitness("before"));
        frames.addAll(List.of(bad));
        frames.add(toWitness("after"));
        frames.add(WireFrame.ping("after"));
        return frames.toArray(WireFrame[]::new);
    }

    /** The message before reached the witness; the offender got a close frame of {@code code} and nothing else. */
    private void assertActedOnBeforeAndClosedWith(int code) {
        witnessReceives("before");
        assertThat(offender.closeCode()).isEqualTo(code);
    }

    private void assertConnectionEndsWith(int code, Chops chops, WireFrame... bad) {
        offender.send(chops, between(bad));

        assertActedOnBeforeAndClosedWith(code);
    }

    /** The offender is still logged in and its messages still go through. */
    private void assertStillServes() {
        offender.send(toWitness("still here"));
        witnessReceives("still here");
    }

    private WireFrame toWitness(String data) {
        return WireFrame.text(messageToWitness(data));
    }

    /** The offender's message to the witness; {@code data} goes into a JSON string as it is (no quotes in it). */
    private byte[] messageToWitness(String data) {
        return messageToWitness(utf8(data));
    }

    private byte[] messageToWitness(byte[] data) {
        return concat(utf8("{\"type\":\"message\",\"to\":\"" + witnessName + "\",\"data\":\""), data, utf8("\"}"));
    }

    /** A message to the witness of exactly {@code length} bytes, its data asterisks. */
    private byte[] paddedMessage(int length) {
        int envelope = messageToWitness("").length;
        return messageToWitness(filled(length - envelope, '*'));
    }

    private void witnessReceivesPadding(int messageLength) {
        int envelope = messageToWitness("").length;
        JsonNode message = witness.nextMessage();
        assertThat(message.path("type").asText()).isEqualTo("message");
        assertThat(message.path("from").asText()).isEqualTo(offenderName);
        assertThat(message.path("data").asText()).as("the data, whole").hasSize(messageLength - envelope).matches("\\**");
    }

    private void witnessReceives(String data) {
        JsonNode message = witness.nextMessage();
        assertThat(message.path("type").asText()).isEqualTo("message");
        assertThat(message.path("from").asText()).as("sender of %s", message).isEqualTo(offenderName);
        assertThat(message.path("data").asText()).isEqualTo(data);
    }

    /** A message's data short enough for an assertion's message. */
    private static String abbreviated(String data) {
        return data.length() <= 100 ? data : data.substring(0, 100) + "... (" + data.length() + " characters)";
    }

    // ------------------------------------------------------------------ frames and bytes

    /** "κόσμε", Autobahn's favourite (6.5.5). */
    private static final byte[] KOSME = HEX.parseHex("cebae1bdb9cf83cebcceb5");
    /** 6.3.1: κόσμε, a lone UTF-16 surrogate (U+D800, which UTF-8 may not encode), "edited". */
    private static final byte[] KOSME_THEN_A_SURROGATE = HEX.parseHex("cebae1bdb9cf83cebcceb5eda080656469746564");

    /** {@code message} as a text frame and continuations of {@code size} bytes each (the last may be shorter). */
    static WireFrame[] fragments(byte[] message, int size) {
        return fragments(WireFrame.TEXT, message, size);
    }

    /** {@code message} as a frame of {@code opcode} and continuations of {@code size} bytes each. */
    static WireFrame[] fragments(int opcode, byte[] message, int size) {
        int count = Math.max(1, (message.length + size - 1) / size);
        int[] cuts = IntStream.range(1, count).map(i -> i * size).toArray();
        return cutAt(opcode, message, cuts);
    }

    /** {@code message} cut at {@code offsets}: a text frame, continuations, the last one final. */
    static WireFrame[] cutAt(byte[] message, int... offsets) {
        return cutAt(WireFrame.TEXT, message, offsets);
    }

    private static WireFrame[] cutAt(int opcode, byte[] message, int... offsets) {
        WireFrame[] frames = new WireFrame[offsets.length + 1];
        int from = 0;
        for (int i = 0; i <= offsets.length; i++) {
            int to = i < offsets.length ? offsets[i] : message.length;
            byte[] part = Arrays.copyOfRange(message, from, to);
            WireFrame frame = WireFrame.of(i == 0 ? opcode : WireFrame.CONTINUATION, part);
            frames[i] = i < offsets.length ? frame.notFinal() : frame;
            from = to;
        }
        return frames;
    }

    static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new IllegalArgumentException(HEX.formatHex(needle) + " not in " + HEX.formatHex(haystack));
    }

    /** Whether the JDK's strict decoder takes {@code bytes} as UTF-8: the judge of the prefixes, apart from ours. */
    static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ test data

    /** A character of each UTF-8 length beyond one byte, and each place inside it a fragment can end. */
    static Stream<Arguments> charactersCutInside() {
        return Stream.of("é", "€", "𝄞").flatMap(character -> IntStream.range(1, utf8(character).length)
                .mapToObj(cut -> Arguments.of(character, cut)));
    }

    /** Invalid sequences of several bytes, and each place inside them a fragment can end (0: just before it). */
    static Stream<Arguments> invalidSequencesCutInside() {
        return Stream.of("c0af", "eda080", "f4908080", "e28262", "f888808080").flatMap(hex -> IntStream
                .range(0, hex.length() / 2).mapToObj(cut -> Arguments.of(hex, cut)));
    }

    /**
     * Autobahn's 6.5 to 6.23 valid sequences (from Markus Kuhn's UTF-8 decoder test), by category. 6.7.1, U+0000, is
     * left out: valid UTF-8, but a JSON string may not hold it raw, so the gateway answers bad-json instead of relaying it.
     */
    static Stream<Arguments> validSequences() {
        List<String> nonCharacters = new ArrayList<>(); // U+xFFFE and U+xFFFF of every plane: valid UTF-8 (RFC 3629)
        for (int plane = 0; plane <= 0x10; plane++) {
            nonCharacters.add(HEX.formatHex(utf8(Character.toString(plane << 16 | 0xFFFE))));
            nonCharacters.add(HEX.formatHex(utf8(Character.toString(plane << 16 | 0xFFFF))));
        }
        List<String> specials = IntStream.rangeClosed(0xFFF9, 0xFFFF) // the Specials block
                .mapToObj(codePoint -> HEX.formatHex(utf8(Character.toString(codePoint)))).toList();
        return Stream.of(
                Arguments.of("6.5.1-6.5.5 some valid text", List.of("68656c6c6f24776f726c64", "68656c6c6fc2a2776f726c64",
                        "68656c6c6fe282ac776f726c64", "68656c6c6ff0a4ada2776f726c64", "cebae1bdb9cf83cebcceb5")),
                Arguments.of("6.7.2-6.7.4 the first sequence of each length", List.of("c280", "e0a080", "f0908080")),
                Arguments.of("6.9.1-6.9.4 the last sequence of each length", List.of("7f", "dfbf", "efbfbf", "f48fbfbf")),
                Arguments.of("6.11.1-6.11.4 other boundaries", List.of("ed9fbf", "ee8080", "efbfbd", "f48fbfbf")),
                Arguments.of("6.22.x non-characters", nonCharacters),
                Arguments.of("6.23.x specials", specials));
    }

    /** Autobahn's 6.5 to 6.21 invalid sequences. */
    static Stream<Arguments> invalidSequences() {
        List<Arguments> sequences = new ArrayList<>(List.of(
                // 6.8, 6.10: 5- and 6-byte forms, and a 4-byte form beyond U+10FFFF
                Arguments.of("6.8.1", "f888808080"),
                Arguments.of("6.8.2", "fc8480808080"),
                Arguments.of("6.10.1", "f7bfbfbf"),
                Arguments.of("6.10.2", "fbbfbfbfbf"),
                Arguments.of("6.10.3", "fdbfbfbfbfbf"),
                Arguments.of("6.11.5", "f4908080"),
                // 6.12: continuation bytes with nothing to continue
                Arguments.of("6.12.1", "80"),
                Arguments.of("6.12.2", "bf"),
                Arguments.of("6.12.3", "80bf"),
                Arguments.of("6.12.4", "80bf80"),
                Arguments.of("6.12.5", "80bf80bf"),
                Arguments.of("6.12.6", "80bf80bf80"),
                Arguments.of("6.12.7", "80bf80bf80bf"),
                // 6.14, 6.15: sequences without their last continuation byte, alone and all together
                Arguments.of("6.14.1", "c0"),
                Arguments.of("6.14.2", "e080"),
                Arguments.of("6.14.3", "f08080"),
                Arguments.of("6.14.4", "f8808080"),
                Arguments.of("6.14.5", "fc80808080"),
                Arguments.of("6.14.6", "df"),
                Arguments.of("6.14.7", "efbf"),
                Arguments.of("6.14.8", "f7bfbf"),
                Arguments.of("6.14.9", "fbbfbfbf"),
                Arguments.of("6.14.10", "fdbfbfbfbf"),
                Arguments.of("6.15.1", "c0e080f08080f8808080fc80808080dfefbff7bfbffbbfbfbffdbfbfbfbf"),
                // 6.16: bytes UTF-8 never uses
                Arguments.of("6.16.1", "fe"),
                Arguments.of("6.16.2", "ff"),
                Arguments.of("6.16.3", "fefeffff"),
                // 6.17 to 6.19: overlong forms of '/', the largest overlong forms, overlong NUL
                Arguments.of("6.17.1", "c0af"),
                Arguments.of("6.17.2", "e080af"),
                Arguments.of("6.17.3", "f08080af"),
                Arguments.of("6.17.4", "f8808080af"),
                Arguments.of("6.17.5", "fc80808080af"),
                Arguments.of("6.18.1", "c1bf"),
                Arguments.of("6.18.2", "e09fbf"),
                Arguments.of("6.18.3", "f08fbfbf"),
                Arguments.of("6.18.4", "f887bfbfbf"),
                Arguments.of("6.18.5", "fc83bfbfbfbf"),
                Arguments.of("6.19.1", "c080"),
                Arguments.of("6.19.2", "e08080"),
                Arguments.of("6.19.3", "f0808080"),
                Arguments.of("6.19.4", "f880808080"),
                Arguments.of("6.19.5", "fc8080808080"),
                // 6.20, 6.21: UTF-16 surrogates, single and paired
                Arguments.of("6.20.1", "eda080"),
                Arguments.of("6.20.2", "edadbf"),
                Arguments.of("6.20.3", "edae80"),
                Arguments.of("6.20.4", "edafbf"),
                Arguments.of("6.20.5", "edb080"),
                Arguments.of("6.20.6", "edbe80"),
                Arguments.of("6.20.7", "edbfbf"),
                Arguments.of("6.21.1", "eda080edb080"),
                Arguments.of("6.21.2", "eda080edbfbf"),
                Arguments.of("6.21.3", "edadbfedb080"),
                Arguments.of("6.21.4", "edadbfedbfbf"),
                Arguments.of("6.21.5", "edae80edb080"),
                Arguments.of("6.21.6", "edae80edbfbf"),
                Arguments.of("6.21.7", "edafbfedb080"),
                Arguments.of("6.21.8", "edafbfedbfbf")));
        // 6.12.8: every continuation byte in a row
        sequences.add(Arguments.of("6.12.8", IntStream.rangeClosed(0x80, 0xbf).mapToObj(b -> String.format("%02x", b))
                .reduce("", String::concat)));
        // 6.13: every lead byte alone, each followed by a space
        for (int[] range : new int[][] {{0xc0, 0xdf}, {0xe0, 0xef}, {0xf0, 0xf7}, {0xf8, 0xfb}, {0xfc, 0xfd}}) {
            String lonely = IntStream.rangeClosed(range[0], range[1]).mapToObj(b -> String.format("%02x20", b))
                    .reduce("", String::concat);
            sequences.add(Arguments.of("6.13", lonely));
        }
        return sequences.stream();
    }
}
