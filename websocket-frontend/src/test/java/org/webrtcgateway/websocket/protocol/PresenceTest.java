package org.webrtcgateway.websocket.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;

/** PROTOCOL.md, client to gateway: {@code presence}, {@code subscribe} / {@code unsubscribe}. */
class PresenceTest {

    private static final Duration QUIET = Duration.ofMillis(200);

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension();

    @Test
    void subscribeToALoggedInUserShowsItAvailable() {
        gateway.login("bob");
        TestClient alice = gateway.login("alice");

        JsonNode ok = alice.requestOk("type", "subscribe", "to", "bob");

        assertThat(ok.path("to").asText()).isEqualTo("bob");
        assertThat(ok.path("status").asText()).isEqualTo("available");
        assertThat(ok.has("note")).as("note in %s", ok).isFalse();
    }

    @Test
    void subscribeShowsTheCurrentStatusAndNote() {
        TestClient bob = gateway.login("bob");
        bob.requestOk("type", "presence", "status", "away", "note", "back at 3");
        TestClient alice = gateway.login("alice");

        JsonNode ok = alice.requestOk("type", "subscribe", "to", "bob");

        assertThat(ok.path("status").asText()).isEqualTo("away");
        assertThat(ok.path("note").asText()).isEqualTo("back at 3");
    }

    @Test
    void subscribeToAUserNotLoggedInShowsItOffline() {
        TestClient alice = gateway.login("alice");

        JsonNode ok = alice.requestOk("type", "subscribe", "to", "bob");

        assertThat(ok.path("to").asText()).isEqualTo("bob");
        assertThat(ok.path("status").asText()).isEqualTo("offline");
    }

    @Test
    void aPresenceChangeReachesEveryFollowerWithFromStatusAndNote() {
        TestClient bob = gateway.login("bob");
        TestClient alice = gateway.login("alice");
        TestClient carol = gateway.login("carol");
        TestClient dave = gateway.login("dave");
        subscribeTo("bob", alice, carol);

        bob.requestOk("type", "presence", "status", "busy", "note", "in a meeting ☕");

        for (TestClient follower : List.of(alice, carol)) {
            JsonNode presence = follower.next("presence");
            assertThat(presence.path("from").asText()).isEqualTo("bob");
            assertThat(presence.path("status").asText()).isEqualTo("busy");
            assertThat(presence.path("note").asText()).isEqualTo("in a meeting ☕");
        }
        bob.expectNothing(QUIET);
        dave.expectNothing(QUIET);
    }

    @Test
    void everyStatusIsAccepted() {
        TestClient bob = gateway.login("bob");
        TestClient alice = gateway.login("alice");
        subscribeTo("bob", alice);

        for (String status : List.of("away", "busy", "offline", "available")) {
            bob.requestOk("type", "presence", "status", status);
            assertThat(alice.next("presence").path("status").asText()).isEqualTo(status);
        }
    }

    @Test
    void aChangeWithoutNoteCarriesNoNote() {
        TestClient bob = gateway.login("bob");
        TestClient alice = gateway.login("alice");
        subscribeTo("bob", alice);
        bob.requestOk("type", "presence", "status", "away", "note", "lunch");
        alice.next("presence");

        bob.requestOk("type", "presence", "status", "available");

        JsonNode presence = alice.next("presence");
        assertThat(presence.path("status").asText()).isEqualTo("available");
        assertThat(presence.has("note")).as("note in %s", presence).isFalse();
    }

    @Test
    void presenceAndSubscribeWithoutIdGetNoReply() {
        TestClient bob = gateway.login("bob");
        TestClient alice = gateway.login("alice");

        alice.send("type", "subscribe", "to", "bob");
        alice.send("type", "ping", "id", "after-subscribe");
        assertThat(alice.next("pong").path("id").asText()).as("the first reply is the pong").isEqualTo("after-subscribe");
        bob.send("type", "presence", "status", "away");
        bob.send("type", "ping", "id", "after-presence");

        assertThat(bob.next("pong").path("id").asText()).as("the first reply is the pong").isEqualTo("after-presence");
        assertThat(alice.next("presence").path("status").asText()).isEqualTo("away");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"", "online", "Available", "AWAY", "dnd", "invisible"})
    void anUnknownStatusIsBadMessageAndChangesNothing(String status) {
        TestClient bob = gateway.login("bob");
        TestClient alice = gateway.login("alice");
        subscribeTo("bob", alice);

        bob.requestError("bad-message", "type", "presence", "status", status);

        alice.expectNothing(QUIET);
        assertThat(gateway.login("carol").requestOk("type", "subscribe", "to", "bob").path("status").asText())
                .isEqualTo("available");
    }

    @Test
    void followersSeeTheFollowedUserAvailableWhenItLogsIn() {
        TestClient alice = gateway.login("alice");
        subscribeTo("bob", alice);

        gateway.login("bob");

        JsonNode presence = alice.next("presence");
        assertThat(presence.path("from").asText()).isEqualTo("bob");
        assertThat(presence.path("status").asText()).isEqualTo("available");
    }

    @Test
    void followersSeeTheFollowedUserOfflineWhenItClosesItsConnection() {
        TestClient bob = gateway.login("bob");
        TestClient alice = gateway.login("alice");
        subscribeTo("bob", alice);

        bob.closeNormally();

        JsonNode presence = alice.next("presence");
        assertThat(presence.path("from").asText()).isEqualTo("bob");
        assertThat(presence.path("status").asText()).isEqualTo("offline");
    }

    @Test
    void aFollowerKeepsFollowingAcrossTheFollowedUsersSessions() {
        TestClient bob = gateway.login("bob");
        TestClient alice = gateway.login("alice");
        subscribeTo("bob", alice);
        bob.closeNormally();
        assertThat(alice.next("presence").path("status").asText()).isEqualTo("offline");

        TestClient bobAgain = gateway.login("bob");
        assertThat(alice.next("presence").path("status").asText()).isEqualTo("available");
        bobAgain.requestOk("type", "presence", "status", "away");

        assertThat(alice.next("presence").path("status").asText()).isEqualTo("away");
    }

    @Test
    void unsubscribeStopsDelivery() {
        TestClient bob = gateway.login("bob");
        TestClient alice = gateway.login("alice");
        TestClient carol = gateway.login("carol");
        subscribeTo("bob", alice, carol);

        alice.requestOk("type", "unsubscribe", "to", "bob");
        bob.requestOk("type", "presence", "status", "away");

        assertThat(carol.next("presence").path("status").asText()).isEqualTo("away");
        alice.expectNothing(QUIET);
    }

    @Test
    void unsubscribeFromSomeoneNotFollowedIsOk() {
        TestClient alice = gateway.login("alice");

        alice.requestOk("type", "unsubscribe", "to", "bob");
        alice.requestOk("type", "unsubscribe", "to", "nobody-at-all");
    }

    @Test
    void subscribingTwiceDeliversEachChangeOnce() {
        TestClient bob = gateway.login("bob");
        TestClient alice = gateway.login("alice");
        subscribeTo("bob", alice);
        alice.requestOk("type", "subscribe", "to", "bob");

        bob.requestOk("type", "presence", "status", "busy");

        alice.next("presence");
        alice.expectNothing(QUIET);
    }

    @Test
    void aFollowersSessionEndingDropsItsSubscriptions() {
        TestClient bob = gateway.login("bob");
        TestClient alice = gateway.login("alice");
        subscribeTo("bob", alice);

        alice.closeNormally();
        TestClient newAlice = gateway.client();
        await().atMost(TestClient.WAIT).untilAsserted(() ->
                assertThat(newAlice.request("type", "login", "name", "alice").path("type").asText()).isEqualTo("ok"));
        bob.requestOk("type", "presence", "status", "away");

        newAlice.expectNothing(QUIET);
        bob.expectNothing(QUIET);
    }

    @Test
    void aPresenceChangeAfterAFollowerLeftIsStillOk() {
        TestClient bob = gateway.login("bob");
        TestClient alice = gateway.login("alice");
        TestClient carol = gateway.login("carol");
        subscribeTo("bob", alice, carol);

        alice.closeNormally();
        bob.requestOk("type", "presence", "status", "busy");
        bob.requestOk("type", "presence", "status", "away");

        assertThat(carol.next("presence").path("status").asText()).isEqualTo("busy");
        assertThat(carol.next("presence").path("status").asText()).isEqualTo("away");
    }

    @Test
    void subscribeToASchemeWithNoBridgeIsUnreachable() {
        TestClient alice = gateway.login("alice");

        alice.requestError("unreachable", "type", "subscribe", "to", "sip:bob@example.org");
        alice.requestError("unreachable", "type", "subscribe", "to", "xmpp:bob@example.org");
    }

    @Test
    void subscribeToSomethingThatIsNotAnAddressIsBadMessage() {
        TestClient alice = gateway.login("alice");

        alice.requestError("bad-message", "type", "subscribe", "to", "not an address");
        alice.requestError("bad-message", "type", "unsubscribe", "to", "sip:a@b?X=1");
    }

    @Test
    void aNoteLongerThanTheLimitIsBadMessage() {
        TestClient bob = gateway.login("bob");

        bob.requestError("bad-message", "type", "presence", "status", "away", "note", "n".repeat(10_000));
    }

    /** Each of {@code followers} subscribes to {@code user}'s presence. */
    static void subscribeTo(String user, TestClient... followers) {
        for (TestClient follower : followers) {
            follower.requestOk("type", "subscribe", "to", user);
        }
    }
}
