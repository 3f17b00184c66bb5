package org.webrtcgateway.websocket.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;

/** PROTOCOL.md, Resuming after a dropped connection. */
class ResumeTest {

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension()
            .with("session.resume-grace", "2s")
            .with("session.resume-queue", "20");

    @Test
    void aDroppedSessionIsResumedWithItsNameRoomsAndCallsThenTheQueuedMessagesInOrder() {
        TestClient alice = gateway.client();
        String session = alice.login("alice").path("session").asText();
        TestClient bob = gateway.login("bob");
        alice.requestOk("type", "join", "room", "lobby");
        bob.requestOk("type", "join", "room", "lobby");
        alice.next("peer-joined");
        String call = alice.requestOk("type", "offer", "to", "bob", "sdp", "v=0\r\n").path("call").asText();
        bob.next("offer");

        alice.drop();
        gateway.awaitDropped("alice"); // what is written to a socket in its last moments may be lost: that is TCP
        for (int i = 0; i < 10; i++) {
            bob.requestOk("type", "candidate", "call", call, "candidate", CallSignalingTest.candidate(i));
        }
        bob.requestOk("type", "message", "room", "lobby", "data", Map.of("text", "are you there?"));
        bob.requestOk("type", "message", "to", "alice", "data", "direct");

        TestClient resumed = gateway.client();
        JsonNode ok = resumed.requestOk("type", "login", "resume", session);
        assertThat(ok.path("name").asText()).isEqualTo("alice");
        assertThat(ok.path("resumed").asBoolean()).isTrue();
        assertThat(ok.path("session").asText()).as("a resume hands out a new resume token").isNotEqualTo(session);
        assertThat(ok.path("rooms").toString()).isEqualTo("[\"lobby\"]");
        assertThat(ok.path("calls").toString()).isEqualTo("[\"" + call + "\"]");
        for (int i = 0; i < 10; i++) {
            JsonNode candidate = resumed.next("candidate");
            assertThat(candidate.path("candidate").path("candidate").asText()).isEqualTo(CallSignalingTest.candidateLine(i));
        }
        assertThat(resumed.next("message").path("room").asText()).isEqualTo("lobby");
        assertThat(resumed.next("message").path("data").asText()).isEqualTo("direct");

        resumed.requestOk("type", "answer", "call", call, "sdp", "v=0\r\n");
        assertThat(bob.next("answer").path("from").asText()).isEqualTo("alice");
        bob.expectNothing(Duration.ofMillis(100)); // no bye, no peer-left: bob noticed only a delay
    }

    @Test
    void aResumeTokenWorksOnceTheResumeReplyCarriesTheNextOne() {
        TestClient alice = gateway.client();
        String first = alice.login("alice").path("session").asText();
        alice.drop();
        gateway.awaitDropped("alice");

        TestClient resumed = gateway.client();
        String second = resumed.requestOk("type", "login", "resume", first).path("session").asText();
        resumed.drop();
        gateway.awaitDropped("alice");

        gateway.client().requestError("unauthorized", "type", "login", "resume", first);
        JsonNode again = gateway.client().requestOk("type", "login", "resume", second);
        assertThat(again.path("name").asText()).isEqualTo("alice");
        assertThat(again.path("session").asText()).isNotIn(first, second);
    }

    @Test
    void whileDroppedTheNameStaysTakenAndMessagesToItAreAccepted() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");

        alice.drop();

        gateway.client().requestError("name-taken", "type", "login", "name", "alice");
        bob.requestOk("type", "message", "to", "alice", "data", 1);
    }

    @Test
    void aWrongResumeTokenIsUnauthorized() {
        gateway.login("alice");

        gateway.client().requestError("unauthorized", "type", "login", "resume", "not-a-session");
    }

    @Test
    void aSessionNotResumedWithinTheGracePeriodEndsAsIfClosed() {
        TestClient alice = gateway.client();
        String session = alice.login("alice").path("session").asText();
        TestClient bob = gateway.login("bob");
        bob.requestOk("type", "subscribe", "to", "alice");
        alice.requestOk("type", "join", "room", "lobby");
        bob.requestOk("type", "join", "room", "lobby");
        alice.next("peer-joined");
        String call = alice.requestOk("type", "offer", "to", "bob", "sdp", "v=0\r\n").path("call").asText();
        bob.next("offer");

        alice.drop();

        // Within the 2 s grace nothing happens; then bob sees everything a close would have caused.
        JsonNode first = bob.next();
        JsonNode second = bob.next();
        JsonNode third = bob.next();
        assertThat(java.util.List.of(first.path("type").asText(), second.path("type").asText(), third.path("type").asText()))
                .containsExactlyInAnyOrder("bye", "peer-left", "presence");
        JsonNode bye = java.util.stream.Stream.of(first, second, third).filter(m -> m.path("type").asText().equals("bye")).findFirst().orElseThrow();
        assertThat(bye.path("call").asText()).isEqualTo(call);
        assertThat(bye.path("reason").asText()).isEqualTo("gone");
        gateway.client().requestError("unauthorized", "type", "login", "resume", session);
        gateway.client().login("alice");
    }

    @Test
    void resumingWhileTheOldSocketSeemsOpenMovesTheSessionAndClosesTheOldOne() {
        TestClient alice = gateway.client();
        String session = alice.login("alice").path("session").asText();
        TestClient bob = gateway.login("bob");

        TestClient phoneOnNewNetwork = gateway.client();
        phoneOnNewNetwork.requestOk("type", "login", "resume", session);

        assertThat(alice.awaitClose().code()).isEqualTo(4001);
        bob.requestOk("type", "message", "to", "alice", "data", "hi");
        assertThat(phoneOnNewNetwork.next("message").path("data").asText()).isEqualTo("hi");
        bob.expectNothing(Duration.ofMillis(200));
    }

    @Test
    void aCloseFrameEndsTheSessionAtOnceSoItCannotBeResumed() {
        TestClient alice = gateway.client();
        String session = alice.login("alice").path("session").asText();
        TestClient bob = gateway.login("bob");
        bob.requestOk("type", "subscribe", "to", "alice");

        alice.closeNormally();

        assertThat(bob.next("presence").path("status").asText()).isEqualTo("offline");
        gateway.client().requestError("unauthorized", "type", "login", "resume", session);
    }

    @Test
    void aResumeTokenOnlyResumesItsOwnName() {
        TestClient alice = gateway.client();
        String session = alice.login("alice").path("session").asText();
        alice.drop();

        gateway.client().requestError("unauthorized", "type", "login", "name", "mallory", "resume", session);
    }

    @Test
    void aDroppedSessionWhoseQueueOverflowsEndsInsteadOfGrowing() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        String call = bob.requestOk("type", "offer", "to", "alice", "sdp", "v=0\r\n").path("call").asText();
        alice.next("offer");

        alice.drop();
        gateway.awaitDropped("alice");
        // The queue holds 20 messages: the 21st ends the session (bob gets bye gone), and later ones find nobody.
        int accepted = 0;
        boolean sawBye = false;
        String lastError = null;
        for (int i = 0; i < 100 && lastError == null; i++) {
            bob.send("type", "message", "to", "alice", "data", i, "id", i);
            JsonNode reply = bob.next();
            if (reply.path("type").asText().equals("bye")) {
                assertThat(reply.path("call").asText()).isEqualTo(call);
                assertThat(reply.path("reason").asText()).isEqualTo("gone");
                sawBye = true;
                reply = bob.next();
            }
            assertThat(reply.path("id").asInt()).isEqualTo(i);
            if (reply.path("type").asText().equals("ok")) {
                accepted++;
            } else {
                lastError = reply.path("code").asText();
            }
        }

        assertThat(sawBye).isTrue();
        assertThat(lastError).isEqualTo("unknown-peer");
        assertThat(accepted).isEqualTo(20);
    }

}
