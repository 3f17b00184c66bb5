package org.webrtcgateway.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;
import org.webrtcgateway.xmpp.testing.ProsodyExtension;
import org.webrtcgateway.xmpp.testing.SlixmppClient;

/**
 * Account mode against real Prosody, with an independent XMPP client (slixmpp) as the contact: browser
 * user alice is XMPP account alice@localhost, logged in by the bridge over verified STARTTLS.
 */
@Tag("xmpp")
class ChatAndPresenceThroughProsodyTest {

    @RegisterExtension
    static final ProsodyExtension prosody = new ProsodyExtension();

    @RegisterExtension
    final GatewayExtension gateway = prosody.gatewayWithAccounts("alice");

    @BeforeEach
    void alicesAccountIsLoggedIn() {
        ProsodyExtension.awaitLoggedIn(gateway, "alice");
    }

    @Test
    void aBrowsersMessageReachesAnXmppContactAsAChatMessage() throws Exception {
        TestClient alice = gateway.login("alice");
        try (SlixmppClient bob = SlixmppClient.receiving(prosody, "bob")) {
            bob.awaitLine("READY");

            alice.requestOk("type", "message", "to", "xmpp:bob@localhost", "data", "hello bob");

            assertThat(bob.awaitLine("RECEIVED")).isEqualTo("RECEIVED alice@localhost hello bob");
        }
    }

    @Test
    void textXmlCannotCarryIsRefusedAndTheAccountChatsOn() throws Exception {
        TestClient alice = gateway.login("alice");
        try (SlixmppClient bob = SlixmppClient.receiving(prosody, "bob")) {
            bob.awaitLine("READY");

            for (String hostile : List.of("bell\u0007", "nul\u0000", "escape\u001b[2J", "\ufffe")) {
                assertThat(alice.requestError("bad-message", "type", "message", "to", "xmpp:bob@localhost", "data", hostile)
                        .path("message").asText()).as("%s", hostile).contains("XMPP cannot carry");
            }
            // Escaped: as a character, a lone surrogate has no UTF-8 and would not even leave the test's client
            alice.sendRaw("{\"type\":\"message\",\"to\":\"xmpp:bob@localhost\",\"data\":\"lone \\ud800 surrogate\"}");
            assertThat(alice.next("error").path("message").asText()).contains("XMPP cannot carry");
            alice.requestError("bad-message", "type", "presence", "status", "away", "note", "gone\u0001");
            alice.requestOk("type", "message", "to", "xmpp:bob@localhost", "data", "tabs\tare fine");

            assertThat(bob.awaitLine("RECEIVED")).isEqualTo("RECEIVED alice@localhost tabs\tare fine");
            assertThat(gateway.injector().getInstance(XmppBridge.class).isLoggedIn("alice")).isTrue();
        }
    }

    @Test
    void structuredDataGoesAsAJsonContainerWithItsTextAsTheBody() throws Exception {
        TestClient alice = gateway.login("alice");
        try (SlixmppClient bob = SlixmppClient.receiving(prosody, "bob")) {
            bob.awaitLine("READY");

            alice.requestOk("type", "message", "to", "xmpp:bob@localhost", "data", java.util.Map.of("kind", "hello"));

            assertThat(bob.awaitLine("RECEIVED")).isEqualTo("RECEIVED alice@localhost {\"kind\":\"hello\"}");
            assertThat(bob.awaitLine("JSON")).isEqualTo("JSON {\"kind\":\"hello\"}");
        }
    }

    @Test
    void anXmppContactsChatMessageReachesTheBrowserFromItsXmppAddress() throws Exception {
        TestClient alice = gateway.login("alice");
        try (SlixmppClient bob = SlixmppClient.sending(prosody, "bob", "alice@localhost", "hello alice")) {
            bob.awaitLine("SENT");

            JsonNode message = alice.next("message");
            assertThat(message.path("from").asText()).isEqualTo("xmpp:bob@localhost");
            assertThat(message.path("data").asText()).isEqualTo("hello alice");
        }
    }

    @Test
    void aBrowserFollowingAnXmppContactSeesItsPresenceAsTheProtocolNamesIt() throws Exception {
        TestClient alice = gateway.login("alice");
        try (SlixmppClient bob = SlixmppClient.online(prosody, "bob", "dnd", "in a meeting")) {
            bob.awaitLine("READY");

            // Without an id: presence from the roster may come before any reply would.
            alice.send("type", "subscribe", "to", "xmpp:bob@localhost");

            JsonNode presence = nextPresence(alice, "xmpp:bob@localhost", "busy"); // dnd is busy
            assertThat(presence.path("note").asText()).isEqualTo("in a meeting");
        }
    }

    @Test
    void afterTheServerRestartsTheAccountLogsInAgainAndChatGoesOn() throws Exception {
        TestClient alice = gateway.login("alice");
        XmppBridge bridge = gateway.injector().getInstance(XmppBridge.class);

        prosody.restart();
        await().atMost(Duration.ofSeconds(10)).until(() -> !bridge.isLoggedIn("alice"));
        // Smack's first attempts come about 10 s apart, spread at random.
        await().atMost(Duration.ofSeconds(45)).until(() -> bridge.isLoggedIn("alice"));

        try (SlixmppClient bob = SlixmppClient.sending(prosody, "bob", "alice@localhost", "still there?")) {
            bob.awaitLine("SENT");
            JsonNode message = alice.next("message");
            assertThat(message.path("data").asText()).isEqualTo("still there?");
        }
    }

    @Test
    void aChatWithTheAccountsOtherDeviceReachesTheBrowserTooByCarbons() throws Exception {
        TestClient alice = gateway.login("alice");
        try (SlixmppClient phone = SlixmppClient.receiving(prosody, "alice/phone")) {
            phone.awaitLine("READY");
            try (SlixmppClient bob = SlixmppClient.sending(prosody, "bob", "alice@localhost/phone", "to your phone")) {
                bob.awaitLine("SENT");

                assertThat(phone.awaitLine("RECEIVED")).isEqualTo("RECEIVED bob@localhost to your phone");
                JsonNode message = alice.next("message");
                assertThat(message.path("from").asText()).isEqualTo("xmpp:bob@localhost");
                assertThat(message.path("data").asText()).isEqualTo("to your phone");
            }
        }
    }

    @Test
    void anOfferWithoutAudioOrVideoIsRefusedBeforeItIsAccepted() {
        TestClient alice = gateway.login("alice");

        alice.requestError("bad-message", "type", "offer", "to", "xmpp:bob@localhost", "sdp", "v=0\r\n");
    }

    @Test
    void aUserWithoutAnXmppAccountIsForbiddenToReachXmpp() {
        TestClient carol = gateway.login("carol");

        carol.requestError("forbidden", "type", "message", "to", "xmpp:bob@localhost", "data", "hi");
    }

    /** The next presence from {@code from} with {@code status}, passing over others (an earlier one, offline). */
    private static JsonNode nextPresence(TestClient client, String from, String status) {
        for (int i = 0; i < 10; i++) {
            JsonNode next = client.next();
            if (next.path("type").asText().equals("presence") && next.path("from").asText().equals(from)
                    && next.path("status").asText().equals(status)) {
                return next;
            }
        }
        throw new AssertionError(client + " got no '" + status + "' presence from " + from);
    }
}
