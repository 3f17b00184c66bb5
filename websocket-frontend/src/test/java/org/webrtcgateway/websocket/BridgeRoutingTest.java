package org.webrtcgateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.api.IceCandidate;
import org.webrtcgateway.core.api.PresenceStatus;
import org.webrtcgateway.core.api.RawJson;
import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.core.health.HeapPressure;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.RecordingBridge;
import org.webrtcgateway.testing.TestClient;

/** The core routes by address scheme to a bridge, and a bridged call looks to the browser like any other. */
class BridgeRoutingTest {

    private static final Address PHONE = Address.of("sip:1001@127.0.0.1");

    private final RecordingBridge sip = new RecordingBridge("sip", "sip", "sips", "tel");

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension().withModule(sip.module());

    @Test
    void anOfferToASipAddressGoesToTheSipBridgeFromTheUser() {
        TestClient alice = gateway.login("alice");

        String call = alice.requestOk("type", "offer", "to", "sip:1001@127.0.0.1", "sdp", "v=0\r\n").path("call").asText();

        RecordingBridge.Sent sent = sip.next();
        assertThat(sent.to()).isEqualTo(PHONE);
        assertThat(sent.signal()).isEqualTo(new Signal.Offer(new Address.Local("alice"), call, "v=0\r\n"));
    }

    @Test
    void theBridgesRingingAnswerAndByeReachTheCallerFromTheSipAddress() {
        TestClient alice = gateway.login("alice");
        String call = alice.requestOk("type", "offer", "to", "sip:1001@127.0.0.1", "sdp", "v=0\r\n").path("call").asText();
        sip.next();
        Address.Local user = new Address.Local("alice");

        assertThat(sip.context().deliver(user, new Signal.Ringing(PHONE, call)).isAccepted()).isTrue();
        assertThat(sip.context().deliver(user, new Signal.Answer(PHONE, call, "v=0 answer")).isAccepted()).isTrue();
        assertThat(sip.context().deliver(user, new Signal.Bye(PHONE, call, "486 Busy Here")).isAccepted()).isTrue();

        assertThat(alice.next("ringing").path("from").asText()).isEqualTo("sip:1001@127.0.0.1");
        JsonNode answer = alice.next("answer");
        assertThat(answer.path("from").asText()).isEqualTo("sip:1001@127.0.0.1");
        assertThat(answer.path("sdp").asText()).isEqualTo("v=0 answer");
        JsonNode bye = alice.next("bye");
        assertThat(bye.path("call").asText()).isEqualTo(call);
        assertThat(bye.path("reason").asText()).isEqualTo("486 Busy Here");
        alice.requestError("unknown-call", "type", "bye", "call", call);
    }

    @Test
    void aCallFromTheBridgeArrivesAsAnOfferFromTheSipAddressAndTheAnswerGoesBack() {
        TestClient alice = gateway.login("alice");

        RouteResult placed = sip.context().deliver(new Address.Local("alice"), new Signal.Offer(PHONE, "sip-1", "v=0 offer"));

        assertThat(placed.isAccepted()).isTrue();
        JsonNode offer = alice.next("offer");
        assertThat(offer.path("from").asText()).isEqualTo("sip:1001@127.0.0.1");
        assertThat(offer.path("call").asText()).isEqualTo("sip-1");
        alice.requestOk("type", "ringing", "call", "sip-1");
        alice.requestOk("type", "answer", "call", "sip-1", "sdp", "v=0 answer");
        alice.requestOk("type", "candidate", "call", "sip-1", "candidate",
                Map.of("candidate", "candidate:1 1 udp 1 127.0.0.1 5000 typ host", "sdpMid", "0"));
        assertThat(sip.next(Signal.Ringing.class).call()).isEqualTo("sip-1");
        assertThat(sip.next(Signal.Answer.class).sdp()).isEqualTo("v=0 answer");
        assertThat(sip.next(Signal.Candidate.class).candidate())
                .isEqualTo(new IceCandidate("candidate:1 1 udp 1 127.0.0.1 5000 typ host", "0", null, null));
    }

    @Test
    void rejectingABridgedCallSendsTheBridgeByeWithTheReason() {
        TestClient alice = gateway.login("alice");
        sip.context().deliver(new Address.Local("alice"), new Signal.Offer(PHONE, "sip-1", "v=0"));
        alice.next("offer");

        alice.requestOk("type", "reject", "call", "sip-1", "reason", "busy");

        Signal.Bye bye = sip.next(Signal.Bye.class);
        assertThat(bye.call()).isEqualTo("sip-1");
        assertThat(bye.reason()).isEqualTo("busy");
        assertThat(bye.from()).isEqualTo(new Address.Local("alice"));
    }

    @Test
    void aUserWhoseSessionEndsHangsUpItsBridgedCallsWithReasonGone() {
        TestClient alice = gateway.login("alice");
        String call = alice.requestOk("type", "offer", "to", "tel:+4420123456", "sdp", "v=0").path("call").asText();
        sip.next();

        alice.closeNormally();

        Signal.Bye bye = sip.next(Signal.Bye.class);
        assertThat(bye.call()).isEqualTo(call);
        assertThat(bye.reason()).isEqualTo("gone");
    }

    @Test
    void theBridgeCannotReachAUserWhoIsNotLoggedInOrACallItDoesNotCarry() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        String browserCall = alice.requestOk("type", "offer", "to", "bob", "sdp", "v=0").path("call").asText();
        bob.next("offer");

        RouteResult toNobody = sip.context().deliver(new Address.Local("nobody"), new Signal.Offer(PHONE, "x", "v=0"));
        RouteResult intoBrowserCall = sip.context().deliver(new Address.Local("bob"), new Signal.Bye(PHONE, browserCall, null));
        RouteResult fromForeignScheme = sip.context().deliver(new Address.Local("bob"),
                new Signal.Offer(Address.of("xmpp:eve@localhost"), "y", "v=0"));

        assertThat(toNobody).isEqualTo(RouteResult.rejected(ErrorCode.UNKNOWN_PEER, "no user 'nobody' is logged in"));
        assertThat(((RouteResult.Rejected) intoBrowserCall).code()).isEqualTo(ErrorCode.UNKNOWN_CALL);
        assertThat(((RouteResult.Rejected) fromForeignScheme).code()).isEqualTo(ErrorCode.FORBIDDEN);
        bob.expectNothing(java.time.Duration.ofMillis(100));
        assertThat(sip.context().isOnline(new Address.Local("alice"))).isTrue();
        assertThat(sip.context().isOnline(new Address.Local("nobody"))).isFalse();
    }

    @Test
    void messagesAndPresenceCrossTheBridgeBothWays() {
        TestClient alice = gateway.login("alice");

        alice.requestOk("type", "message", "to", "sip:1001@127.0.0.1", "data", Map.of("text", "hello"));
        alice.requestOk("type", "subscribe", "to", "sip:1001@127.0.0.1");
        sip.context().deliver(new Address.Local("alice"), new Signal.Text(PHONE, null, new RawJson("\"hi back\"")));
        sip.context().deliver(new Address.Local("alice"), new Signal.Presence(PHONE, PresenceStatus.AWAY, "in a meeting"));

        Signal.Text text = sip.next(Signal.Text.class);
        assertThat(text.data().json()).isEqualTo("{\"text\":\"hello\"}");
        assertThat(sip.next(Signal.Subscription.class).follow()).isTrue();
        JsonNode message = alice.next("message");
        assertThat(message.path("from").asText()).isEqualTo("sip:1001@127.0.0.1");
        assertThat(message.path("data").asText()).isEqualTo("hi back");
        JsonNode presence = alice.next("presence");
        assertThat(presence.path("from").asText()).isEqualTo("sip:1001@127.0.0.1");
        assertThat(presence.path("status").asText()).isEqualTo("away");
        assertThat(presence.path("note").asText()).isEqualTo("in a meeting");

        alice.closeNormally();
        assertThat(sip.next(Signal.Subscription.class).follow()).as("unsubscribed when the session ends").isFalse();
    }

    @Test
    void aBridgeRefusalBecomesTheBrowsersErrorAndTheCallIsForgotten() {
        TestClient alice = gateway.login("alice");
        sip.answerWith((to, signal) -> RouteResult.rejected(ErrorCode.UNREACHABLE, "the PBX does not answer"));

        JsonNode error = alice.requestError("unreachable", "type", "offer", "to", "sip:1001@127.0.0.1", "call", "c1", "sdp", "v=0");

        assertThat(error.path("message").asText()).isEqualTo("the PBX does not answer");
        sip.answerWith((to, signal) -> RouteResult.accepted());
        alice.requestOk("type", "offer", "to", "sip:1001@127.0.0.1", "call", "c1", "sdp", "v=0");
    }

    @Test
    void aBridgeThatThrowsCostsOneRequestAnInternalErrorNotTheConnection() {
        TestClient alice = gateway.login("alice");
        sip.answerWith((to, signal) -> {
            throw new IllegalStateException("a bug in a bridge");
        });

        alice.requestError("internal", "type", "message", "to", "sip:1001@127.0.0.1", "data", 1);

        assertThat(alice.request("type", "ping").path("type").asText()).isEqualTo("pong");
    }

    @Test
    void bridgesLearnWhenAUserLogsInAndWhenItsSessionEndsButNotOfAResume() throws InterruptedException {
        TestClient alice = gateway.client();
        String session = alice.login("alice").path("session").asText();
        alice.drop();
        gateway.client().requestOk("type", "login", "resume", session).path("name");
        gateway.login("bob").closeNormally();

        assertThat(sip.userEvents.poll(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("online alice {}");
        assertThat(sip.userEvents.poll(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("online bob {}");
        assertThat(sip.userEvents.poll(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("offline bob");
        assertThat(sip.userEvents.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS)).as("alice's session was resumed, not ended").isNull();
    }

    @Test
    void bridgesStopWhenTheGatewayStops() {
        gateway.stop();

        assertThat(sip.isStopped()).isTrue();
    }

    @Test
    void twoBridgesClaimingOneSchemeStopStartUpNamingBoth() {
        GatewayExtension clash = new GatewayExtension()
                .withModule(new RecordingBridge("first", "sip").module())
                .withModule(new RecordingBridge("second", "sip").module());

        assertThatThrownBy(clash::start).hasMessageContaining("'first'").hasMessageContaining("'second'")
                .hasMessageContaining("sip:");
    }

    @Test
    void aBridgeFollowsAGatewayUserForOneOfItsAddressesAndGetsEveryChangeUntilItStops() {
        TestClient alice = gateway.login("alice");
        Address.External follower = (Address.External) Address.of("sip:bob@example.org");
        Address.Local user = new Address.Local("alice");

        Signal.Presence now = sip.context().follow(follower, user);
        alice.requestOk("type", "presence", "status", "away", "note", "lunch");
        alice.closeNormally();

        assertThat(now).isEqualTo(new Signal.Presence(user, PresenceStatus.AVAILABLE, null));
        assertThat(sip.next()).isEqualTo(new RecordingBridge.Sent(follower, new Signal.Presence(user, PresenceStatus.AWAY, "lunch")));
        assertThat(sip.next()).isEqualTo(new RecordingBridge.Sent(follower, new Signal.Presence(user, PresenceStatus.OFFLINE, null)));

        sip.context().unfollow(follower, user);
        TestClient again = gateway.login("alice");
        again.requestOk("type", "presence", "status", "away"); // handled after the login's own presence notice
        assertThat(sip.poll()).as("nothing for a follower that stopped").isNull();
    }

    @Test
    void aBridgeFollowingAUserWhoIsNotLoggedInSeesOfflineThenTheLogin() {
        Address.External follower = (Address.External) Address.of("sip:bob@example.org");

        Signal.Presence now = sip.context().follow(follower, new Address.Local("carol"));
        gateway.login("carol");

        assertThat(now.status()).isEqualTo(PresenceStatus.OFFLINE);
        assertThat(sip.next(Signal.Presence.class).status()).isEqualTo(PresenceStatus.AVAILABLE);
    }

    @Test
    void aBridgeCannotFollowForAnAddressOfAnotherNetwork() {
        Address.External xmpp = (Address.External) Address.of("xmpp:bob@example.org");

        assertThatThrownBy(() -> sip.context().follow(xmpp, new Address.Local("alice")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bridgesHearTheUsersOwnPresenceChangesToPublishThem() throws InterruptedException {
        TestClient alice = gateway.login("alice");
        assertThat(sip.userEvents.poll(5, java.util.concurrent.TimeUnit.SECONDS)).startsWith("online alice");

        alice.requestOk("type", "presence", "status", "busy", "note", "in a meeting");

        assertThat(sip.userEvents.poll(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("presence alice busy in a meeting");
    }

    /** Bridges' overload is the core's to refuse, for every bridge alike. */
    @Nested
    class UnderMemoryPressure {

        private final RecordingBridge bridge = new RecordingBridge("sip", "sip");

        @RegisterExtension
        final GatewayExtension pressed = new GatewayExtension().with("bridge.heap-limit-percent", "1").withModule(bridge.module());

        @Test
        void aNewCallToABridgeIsRefusedAtOnceAndTheBridgeNeverSeesIt() {
            TestClient alice = pressed.login("alice");
            byte[] ballast = new byte[(int) Math.min(Integer.MAX_VALUE - 8, Runtime.getRuntime().maxMemory() / 50)];
            HeapPressure heap = pressed.injector().getInstance(HeapPressure.class);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                System.gc();
                return heap.isHigh();
            });

            alice.requestError("unreachable", "type", "offer", "to", "sip:1001@127.0.0.1", "sdp", "v=0\r\n");

            assertThat(bridge.poll()).as("what the bridge was sent").isNull();
            assertThat(ballast).isNotEmpty();
        }
    }
}
