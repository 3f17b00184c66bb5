package org.webrtcgateway.websocket.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;

/** PROTOCOL.md, client to gateway: offer, answer, candidate, ringing, reject, bye, dtmf, between two browsers. */
class CallSignalingTest {

    private static final String OFFER_SDP = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";
    private static final String ANSWER_SDP = "v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension().with("call.max-per-user", "2").with("call.max-sdp-size", "32768");

    @Test
    void offerIsDeliveredToCalleeWithCallerAsFromAndTheAssignedCallId() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");

        JsonNode ok = alice.requestOk("type", "offer", "to", "bob", "sdp", OFFER_SDP);
        String call = ok.path("call").asText();
        assertThat(call).matches("[A-Za-z0-9._-]{1,64}");

        JsonNode offer = bob.next("offer");
        assertThat(offer.path("from").asText()).isEqualTo("alice");
        assertThat(offer.path("call").asText()).isEqualTo(call);
        assertThat(offer.path("sdp").asText()).isEqualTo(OFFER_SDP);
    }

    @Test
    void offerWithoutIdOrCallStillGetsOkWithTheAssignedCallId() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");

        alice.send("type", "offer", "to", "bob", "sdp", OFFER_SDP);

        JsonNode ok = alice.next("ok");
        assertThat(ok.has("id")).isFalse();
        assertThat(bob.next("offer").path("call").asText()).isEqualTo(ok.path("call").asText());
    }

    @Test
    void callerChosenCallIdIsKeptAndOkOnlyWithARequestId() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");

        alice.send("type", "offer", "to", "bob", "call", "my-call.1", "sdp", OFFER_SDP);

        assertThat(bob.next("offer").path("call").asText()).isEqualTo("my-call.1");
        alice.expectNothing(Duration.ofMillis(200));
    }

    @Test
    void answerByCallReachesTheCallerAndCompletesNegotiation() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        String call = offer(alice, bob);

        bob.requestOk("type", "answer", "call", call, "sdp", ANSWER_SDP);

        JsonNode answer = alice.next("answer");
        assertThat(answer.path("from").asText()).isEqualTo("bob");
        assertThat(answer.path("call").asText()).isEqualTo(call);
        assertThat(answer.path("sdp").asText()).isEqualTo(ANSWER_SDP);
    }

    @Test
    void answerCandidateAndByeMayNameThePeerInsteadOfTheCall() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        String call = offer(alice, bob);

        bob.send("type", "answer", "to", "alice", "sdp", ANSWER_SDP);
        assertThat(alice.next("answer").path("call").asText()).isEqualTo(call);
        bob.send("type", "candidate", "to", "alice", "candidate", candidate(1));
        assertThat(alice.next("candidate").path("call").asText()).isEqualTo(call);
        bob.send("type", "bye", "to", "alice");
        assertThat(alice.next("bye").path("call").asText()).isEqualTo(call);
    }

    @Test
    void byPeerIsRefusedWhenTwoCallsWithThatPeerMakeItAmbiguous() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        alice.requestOk("type", "offer", "to", "bob", "call", "one", "sdp", OFFER_SDP);
        alice.requestOk("type", "offer", "to", "bob", "call", "two", "sdp", OFFER_SDP);

        alice.requestError("bad-message", "type", "bye", "to", "bob");
    }

    @Test
    void candidatesAreRelayedInOrderIncludingEndOfCandidates() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        String call = offer(alice, bob);

        for (int i = 0; i < 50; i++) {
            alice.send("type", "candidate", "call", call, "candidate", candidate(i));
        }
        alice.send("type", "candidate", "call", call, "candidate", null);

        for (int i = 0; i < 50; i++) {
            JsonNode relayed = bob.next("candidate");
            assertThat(relayed.path("from").asText()).isEqualTo("alice");
            assertThat(relayed.path("candidate").path("candidate").asText()).isEqualTo(candidateLine(i));
            assertThat(relayed.path("candidate").path("sdpMid").asText()).isEqualTo("0");
            assertThat(relayed.path("candidate").path("sdpMLineIndex").asInt()).isZero();
            assertThat(relayed.path("candidate").path("usernameFragment").asText()).isEqualTo("abcd");
        }
        JsonNode end = bob.next("candidate");
        assertThat(end.get("candidate").isNull()).isTrue();
    }

    @Test
    void endOfCandidatesAsAnObjectWithEmptyCandidateKeepsItsForm() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        String call = offer(alice, bob);

        alice.send("type", "candidate", "call", call, "candidate", java.util.Map.of("candidate", "", "sdpMid", "0"));

        JsonNode end = bob.next("candidate");
        assertThat(end.path("candidate").path("candidate").asText()).isEmpty();
        assertThat(end.path("candidate").path("sdpMid").asText()).isEqualTo("0");
    }

    @Test
    void ringingGoesFromCalleeToCaller() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        String call = offer(alice, bob);

        bob.requestOk("type", "ringing", "call", call);

        JsonNode ringing = alice.next("ringing");
        assertThat(ringing.path("from").asText()).isEqualTo("bob");
        assertThat(ringing.path("call").asText()).isEqualTo(call);
    }

    @Test
    void rejectGivesTheCallerByeWithTheReasonAndEndsTheCall() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        String call = offer(alice, bob);

        bob.requestOk("type", "reject", "call", call, "reason", "busy");

        JsonNode bye = alice.next("bye");
        assertThat(bye.path("from").asText()).isEqualTo("bob");
        assertThat(bye.path("call").asText()).isEqualTo(call);
        assertThat(bye.path("reason").asText()).isEqualTo("busy");
        alice.requestError("unknown-call", "type", "candidate", "call", call, "candidate", candidate(0));
    }

    @Test
    void rejectWithoutReasonSaysDecline() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        String call = offer(alice, bob);

        bob.send("type", "reject", "call", call);

        assertThat(alice.next("bye").path("reason").asText()).isEqualTo("decline");
    }

    @Test
    void byeFromEitherSideReachesTheOtherAndForgetsTheCall() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        String call = offer(alice, bob);
        bob.requestOk("type", "answer", "call", call, "sdp", ANSWER_SDP);
        alice.next("answer");

        bob.requestOk("type", "bye", "call", call, "reason", "hangup");

        JsonNode bye = alice.next("bye");
        assertThat(bye.path("from").asText()).isEqualTo("bob");
        assertThat(bye.path("reason").asText()).isEqualTo("hangup");
        alice.requestError("unknown-call", "type", "bye", "call", call);
        bob.requestError("unknown-call", "type", "bye", "call", call);
    }

    @Test
    void offerOnAKnownCallRenegotiatesInEitherDirection() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        String call = offer(alice, bob);
        bob.requestOk("type", "answer", "call", call, "sdp", ANSWER_SDP);
        alice.next("answer");

        bob.requestOk("type", "offer", "call", call, "sdp", OFFER_SDP + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\n");
        JsonNode renegotiation = alice.next("offer");
        assertThat(renegotiation.path("call").asText()).isEqualTo(call);
        assertThat(renegotiation.path("from").asText()).isEqualTo("bob");
        assertThat(renegotiation.path("sdp").asText()).contains("m=video");

        alice.requestOk("type", "answer", "call", call, "sdp", ANSWER_SDP);
        assertThat(bob.next("answer").path("call").asText()).isEqualTo(call);
    }

    @Test
    void offerToANameNobodyUsesIsUnknownPeer() {
        TestClient alice = gateway.login("alice");

        alice.requestError("unknown-peer", "type", "offer", "to", "nobody", "sdp", OFFER_SDP);
    }

    @Test
    void offerToASchemeWithNoBridgeIsUnreachable() {
        TestClient alice = gateway.login("alice");

        alice.requestError("unreachable", "type", "offer", "to", "sip:1001@127.0.0.1", "sdp", OFFER_SDP);
        alice.requestError("unreachable", "type", "offer", "to", "tel:+441234567890", "sdp", OFFER_SDP);
        alice.requestError("unreachable", "type", "offer", "to", "xmpp:bob@localhost/phone", "sdp", OFFER_SDP);
    }

    @Test
    void offerToAUserAtTheCallLimitIsBusyAndChangesNothing() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        TestClient carol = gateway.login("carol");
        TestClient dave = gateway.login("dave");
        alice.requestOk("type", "offer", "to", "bob", "sdp", OFFER_SDP);
        carol.requestOk("type", "offer", "to", "bob", "sdp", OFFER_SDP);
        bob.next("offer");
        bob.next("offer");

        dave.requestError("busy", "type", "offer", "to", "bob", "call", "third", "sdp", OFFER_SDP);

        bob.expectNothing(Duration.ofMillis(200));
        dave.requestError("unknown-call", "type", "bye", "call", "third");
    }

    @Test
    void aCallIdTheCalleeAlreadyUsesIsRefused() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        TestClient carol = gateway.login("carol");
        alice.requestOk("type", "offer", "to", "bob", "call", "same", "sdp", OFFER_SDP);
        bob.next("offer");

        carol.requestError("bad-message", "type", "offer", "to", "bob", "call", "same", "sdp", OFFER_SDP);
    }

    @Test
    void aUserCannotCallItself() {
        TestClient alice = gateway.login("alice");

        alice.requestError("bad-message", "type", "offer", "to", "alice", "sdp", OFFER_SDP);
    }

    @Test
    void answerCandidateRingingByeAndDtmfForAnUnknownCallAreUnknownCall() {
        TestClient alice = gateway.login("alice");

        alice.requestError("unknown-call", "type", "answer", "call", "nope", "sdp", ANSWER_SDP);
        alice.requestError("unknown-call", "type", "candidate", "call", "nope", "candidate", candidate(0));
        alice.requestError("unknown-call", "type", "ringing", "call", "nope");
        alice.requestError("unknown-call", "type", "reject", "call", "nope");
        alice.requestError("unknown-call", "type", "bye", "call", "nope");
        alice.requestError("unknown-call", "type", "dtmf", "call", "nope", "tones", "1");
        alice.requestError("unknown-call", "type", "bye", "to", "bob");
    }

    @Test
    void anotherUsersCallCannotBeTouched() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        TestClient mallory = gateway.login("mallory");
        String call = offer(alice, bob);

        mallory.requestError("unknown-call", "type", "bye", "call", call);
        mallory.requestError("unknown-call", "type", "answer", "call", call, "sdp", ANSWER_SDP);
        alice.expectNothing(Duration.ofMillis(100));
        bob.expectNothing(Duration.ofMillis(100));
    }

    @Test
    void dtmfReachesTheBrowserPeerWithTonesAndDuration() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        String call = offer(alice, bob);

        alice.requestOk("type", "dtmf", "call", call, "tones", "12#*", "duration", 250);
        alice.requestOk("type", "dtmf", "call", call, "tones", "9");

        JsonNode first = bob.next("dtmf");
        assertThat(first.path("from").asText()).isEqualTo("alice");
        assertThat(first.path("call").asText()).isEqualTo(call);
        assertThat(first.path("tones").asText()).isEqualTo("12#*");
        assertThat(first.path("duration").asInt()).isEqualTo(250);
        assertThat(bob.next("dtmf").path("duration").asInt()).as("the default duration").isEqualTo(100);
    }

    @Test
    void closingTheSocketEndsEveryCallWithByeGone() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        TestClient carol = gateway.login("carol");
        String withBob = alice.requestOk("type", "offer", "to", "bob", "sdp", OFFER_SDP).path("call").asText();
        String withCarol = alice.requestOk("type", "offer", "to", "carol", "sdp", OFFER_SDP).path("call").asText();
        bob.next("offer");
        carol.next("offer");

        alice.closeNormally();

        JsonNode bobBye = bob.next("bye");
        assertThat(bobBye.path("call").asText()).isEqualTo(withBob);
        assertThat(bobBye.path("from").asText()).isEqualTo("alice");
        assertThat(bobBye.path("reason").asText()).isEqualTo("gone");
        JsonNode carolBye = carol.next("bye");
        assertThat(carolBye.path("call").asText()).isEqualTo(withCarol);
        assertThat(carolBye.path("reason").asText()).isEqualTo("gone");
    }

    @Test
    void anSdpOverTheLimitIsTooLarge() {
        TestClient alice = gateway.login("alice");
        gateway.login("bob");

        alice.requestError("too-large", "type", "offer", "to", "bob", "sdp", "v=0\r\n" + "a=x\r\n".repeat(7000));
    }

    /** {@code caller} offers a call to {@code callee}, which receives the offer; returns the call id. */
    static String offer(TestClient caller, TestClient callee) {
        String call = caller.requestOk("type", "offer", "to", callee.name(), "sdp", OFFER_SDP).path("call").asText();
        assertThat(callee.next("offer").path("call").asText()).isEqualTo(call);
        return call;
    }

    static java.util.Map<String, Object> candidate(int i) {
        return java.util.Map.of("candidate", candidateLine(i), "sdpMid", "0", "sdpMLineIndex", 0, "usernameFragment", "abcd");
    }

    static String candidateLine(int i) {
        return "candidate:" + i + " 1 udp 2122260223 127.0.0.1 " + (50000 + i) + " typ host generation 0";
    }
}
