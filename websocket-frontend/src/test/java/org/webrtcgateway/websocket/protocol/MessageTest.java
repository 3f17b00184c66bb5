package org.webrtcgateway.websocket.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;

/** PROTOCOL.md, client to gateway: {@code message} to one address ({@code to}), and Names and addresses. */
class MessageTest {

    private static final int MAX_DATA = 200;
    private static final Duration QUIET = Duration.ofMillis(200);

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension().with("message.max-data-size", String.valueOf(MAX_DATA));

    @Test
    void aDirectMessageReachesTheNamedUserWithFromAndNoRoom() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");

        alice.requestOk("type", "message", "to", "bob", "data", Map.of("text", "hello bob"));

        JsonNode message = bob.next("message");
        assertThat(message.path("from").asText()).isEqualTo("alice");
        assertThat(message.has("room")).as("room in %s", message).isFalse();
        assertThat(message.path("data").path("text").asText()).isEqualTo("hello bob");
        alice.expectNothing(QUIET);
    }

    @Test
    void aDirectMessageWithoutIdGetsNoReply() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");

        alice.send("type", "message", "to", "bob", "data", "psst");

        assertThat(bob.next("message").path("data").asText()).isEqualTo("psst");
        alice.expectNothing(QUIET);
    }

    @Test
    void directMessagesArriveInTheOrderSent() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");

        for (int i = 0; i < 30; i++) {
            alice.send("type", "message", "to", "bob", "data", i);
        }

        for (int i = 0; i < 30; i++) {
            assertThat(bob.next("message").path("data").asInt()).isEqualTo(i);
        }
    }

    static Stream<String> dataValues() {
        return Stream.of(
                "{\"a\":{\"b\":[1,2,{\"c\":null}]}}",
                "[\"x\",1,true,null]",
                "\"text\"",
                "3.14159",
                "98765432109876543210",
                "false",
                "null",
                "{\"unicode\":\"ünïcödé ✓ 中文 🚀\",\"escapes\":\"line\\nbreak \\\"quoted\\\" back\\\\slash \\u2028\"}");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("dataValues")
    void directMessageDataIsRelayedVerbatim(String data) {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");

        alice.sendRaw("{\"type\":\"message\",\"to\":\"bob\",\"data\":" + data + "}");

        assertThat(bob.next("message").get("data")).isEqualTo(TestClient.parse(data));
    }

    @Test
    void aNumberBeyondDoubleRangeIsRelayedAsANumber() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");

        alice.sendRaw("{\"type\":\"message\",\"to\":\"bob\",\"data\":{\"big\":1e400,\"huge\":-1e400}}");

        JsonNode data = bob.next("message").path("data");
        assertThat(data.path("big").isNumber()).as("data.big in %s", data).isTrue();
        assertThat(data.path("huge").isNumber()).as("data.huge in %s", data).isTrue();
    }

    @Test
    void dataWithALoneSurrogateEscapeIsRelayedOrRefusedButNeverAnInternalError() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");

        // A lone surrogate escape is valid JSON syntax (RFC 8259 section 8.2) that no UTF-8 text can hold unescaped.
        alice.sendRaw("{\"type\":\"message\",\"to\":\"bob\",\"data\":\"\\ud800\",\"id\":1}");

        JsonNode reply = alice.next();
        assertThat(reply.path("type").asText() + " " + reply.path("code").asText()).as("reply %s", reply)
                .isIn("ok ", "error bad-message");
        if (reply.path("type").asText().equals("ok")) {
            assertThat(bob.next("message").path("data").asText()).isEqualTo("\ud800");
        }
    }

    @Test
    void aMessageToANameNobodyUsesIsUnknownPeer() {
        TestClient alice = gateway.login("alice");

        alice.requestError("unknown-peer", "type", "message", "to", "nobody", "data", "hello?");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"sip:1001@127.0.0.1", "sips:bob@example.org:5061", "tel:+441234567890", "xmpp:bob@localhost",
            "xmpp:bob@localhost/phone"})
    void aMessageToASchemeWithNoBridgeIsUnreachable(String address) {
        TestClient alice = gateway.login("alice");

        alice.requestError("unreachable", "type", "message", "to", address, "data", "hello");
    }

    static Stream<String> badAddresses() {
        return Stream.of(
                "",
                "sip:a@b?X-Injected=1",
                "sip:a b@c",
                "sip:a@b\r\nX-Injected: 1",
                "sip:<a@b>",
                "sip:\"a\"@b",
                "xmpp:a@b\r\n",
                "xmpp:a@b/res\n<iq/>",
                "xmpp:a@b?message",
                "xmpp://a@b",
                "tel:+44 1234",
                "tel:",
                "http://example.org",
                "mailto:a@b",
                "has space",
                "xmpp:" + "a".repeat(200) + "@example.org/" + "r".repeat(50),
                "x".repeat(257),
                "sip:" + "a".repeat(300) + "@example.org");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badAddresses")
    void anAddressOutsideTheAcceptedFormsIsBadMessage(String address) {
        TestClient alice = gateway.login("alice");

        alice.requestError("bad-message", "type", "message", "to", address, "data", "hello");
    }

    @Test
    void aMessageWithBothRoomAndToIsBadMessage() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        RoomTest.joinAndTakePeerJoined("lobby", alice, bob);

        alice.requestError("bad-message", "type", "message", "room", "lobby", "to", "bob", "data", "twice?");

        bob.expectNothing(QUIET);
    }

    @Test
    void aMessageWithNeitherRoomNorToIsBadMessage() {
        TestClient alice = gateway.login("alice");

        alice.requestError("bad-message", "type", "message", "data", "to whom?");
    }

    @Test
    void aMessageWithoutDataIsBadMessage() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");

        alice.requestError("bad-message", "type", "message", "to", "bob");

        bob.expectNothing(QUIET);
    }

    @Test
    void dataOverTheConfiguredSizeIsTooLargeAndNotDelivered() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");

        alice.requestError("too-large", "type", "message", "to", "bob", "data", "x".repeat(MAX_DATA));

        bob.expectNothing(QUIET);
    }

    @Test
    void dataJustUnderTheConfiguredSizeIsDelivered() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        String text = "x".repeat(MAX_DATA - 2); // with its quotes, exactly the limit

        alice.requestOk("type", "message", "to", "bob", "data", text);

        assertThat(bob.next("message").path("data").asText()).isEqualTo(text);
    }

    @Test
    void roomDataOverTheConfiguredSizeIsTooLargeToo() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        RoomTest.joinAndTakePeerJoined("lobby", alice, bob);

        alice.requestError("too-large", "type", "message", "room", "lobby", "data", List.of("y".repeat(MAX_DATA)));

        bob.expectNothing(QUIET);
    }
}
