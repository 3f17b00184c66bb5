package org.webrtcgateway.websocket.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;

/** {@code call.attempts-per-minute}: how many new calls a user may start, whether they get through or not. */
class CallAttemptRateTest {

    private static final String OFFER_SDP = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension().with("call.attempts-per-minute", "3")
            .with("access.default.call-deny", "dave");

    @Test
    void newCallsPastTheRateAreRateLimitedWhileCallsUnderWayGoOn() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        String first = alice.requestOk("type", "offer", "to", "bob", "sdp", OFFER_SDP).path("call").asText();
        bob.next("offer");
        alice.requestError("forbidden", "type", "offer", "to", "dave", "sdp", OFFER_SDP);
        alice.requestError("unknown-peer", "type", "offer", "to", "carol", "sdp", OFFER_SDP);

        String refusal = alice.requestError("rate-limited", "type", "offer", "to", "bob", "sdp", OFFER_SDP).path("message").asText();

        assertThat(refusal).contains("call.attempts-per-minute");
        alice.requestOk("type", "offer", "call", first, "sdp", OFFER_SDP); // a renegotiation is no new call
        assertThat(bob.next("offer").path("call").asText()).isEqualTo(first);
        bob.requestOk("type", "message", "to", "alice", "data", "still here");
        assertThat(alice.next("message").path("data").asText()).isEqualTo("still here");
    }

    @Test
    void eachUserHasAttemptsOfItsOwn() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        for (int i = 0; i < 3; i++) {
            alice.requestError("unknown-peer", "type", "offer", "to", "carol", "sdp", OFFER_SDP);
        }
        alice.requestError("rate-limited", "type", "offer", "to", "bob", "sdp", OFFER_SDP);

        bob.requestOk("type", "offer", "to", "alice", "sdp", OFFER_SDP);
    }
}
