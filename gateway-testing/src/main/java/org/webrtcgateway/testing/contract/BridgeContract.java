package org.webrtcgateway.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.Sdps;
import org.webrtcgateway.testing.TestClient;

/**
 * What every bridge does, as a browser sees it: a call to an address of the bridge's network looks
 * like a call to another browser, and back. A bridge module's test extends this, registers its gateway
 * (configured with the bridge) and names the far side: a real peer of its network where there is one.
 * Refusing new calls under memory pressure is the core's, for every bridge alike (see the core's tests).
 */
public abstract class BridgeContract {

    /** An offer a bridge can carry into any network: one audio stream, no candidates of its own. */
    protected static final String SDP = Sdps.ONE_AUDIO_STREAM;
    private static final String BROWSER_CANDIDATE = "candidate:1 1 udp 2122260223 127.0.0.1 50001 typ host";
    private static final String FAR_CANDIDATE = "candidate:2 1 udp 2122260223 127.0.0.1 50002 typ host";

    /** The running gateway with the bridge under test (a {@code @RegisterExtension} field of the subclass). */
    protected abstract GatewayExtension gateway();

    /** The far side of the bridge, for this test. */
    protected abstract FarSide farSide();

    /** The gateway user that calls and is called (it may need an account in the far network). */
    protected String user() {
        return "alice";
    }

    // ------------------------------------------------------------------ calls from the browser

    @Test
    void anOfferReachesTheFarSideAndItsAnswerComesBackFromTheFarAddress() {
        TestClient browser = gateway().login(user());
        String call = offer(browser);
        FarCall far = farSide().nextCall();

        assertThat(far.offer()).contains("m=audio");
        far.answer(SDP);
        JsonNode answer = browser.nextOfType("answer");
        assertThat(answer.path("call").asText()).isEqualTo(call);
        assertThat(answer.path("from").asText()).isEqualTo(farSide().address());
        assertThat(answer.path("sdp").asText()).contains("m=audio");
    }

    @Test
    void candidatesTravelBothWays() {
        TestClient browser = gateway().login(user());
        String call = offer(browser);
        browser.send("type", "candidate", "call", call, "candidate", candidate(BROWSER_CANDIDATE));
        browser.send("type", "candidate", "call", call, "candidate", null); // end of candidates
        FarCall far = farSide().nextCall();

        far.awaitCandidate(BROWSER_CANDIDATE);
        far.candidate(FAR_CANDIDATE); // before the answer: a network without trickle sends it in the answer
        far.answer(SDP);
        // A browser takes a candidate from either: addIceCandidate, or setRemoteDescription of the answer.
        JsonNode carrier = browser.nextMatching("a 'candidate' with " + FAR_CANDIDATE + ", or an 'answer' with it in its SDP",
                json -> (json.path("type").asText().equals("candidate")
                                && CandidateLines.same(json.path("candidate").path("candidate").asText(), FAR_CANDIDATE))
                        || (json.path("type").asText().equals("answer")
                                && json.path("sdp").asText().lines().anyMatch(line -> CandidateLines.same(line, FAR_CANDIDATE))));
        assertThat(carrier.path("call").asText()).isEqualTo(call);
    }

    @Test
    void ringingReachesTheBrowser() {
        TestClient browser = gateway().login(user());
        String call = offer(browser);

        farSide().nextCall().ringing();

        assertThat(browser.nextOfType("ringing").path("call").asText()).isEqualTo(call);
    }

    @Test
    void aRejectReachesTheBrowserAsAByeWithItsReason() {
        TestClient browser = gateway().login(user());
        String call = offer(browser);

        farSide().nextCall().reject("busy");

        JsonNode bye = browser.nextOfType("bye");
        assertThat(bye.path("call").asText()).isEqualTo(call);
        assertThat(bye.path("reason").asText()).isEqualTo("busy");
    }

    @Test
    void theBrowserHangingUpEndsTheCallOnTheFarSide() {
        TestClient browser = gateway().login(user());
        String call = offer(browser);
        FarCall far = establishedFromTheBrowser(browser);

        browser.requestOk("type", "bye", "call", call);

        far.awaitEnded();
    }

    @Test
    void theFarSideHangingUpEndsTheCallInTheBrowser() {
        TestClient browser = gateway().login(user());
        String call = offer(browser);
        FarCall far = establishedFromTheBrowser(browser);

        far.hangUp();

        assertThat(browser.nextOfType("bye").path("call").asText()).isEqualTo(call);
    }

    @Test
    void aBrowserThatGoesAwayEndsItsBridgedCalls() {
        TestClient browser = gateway().login(user());
        offer(browser);
        FarCall far = establishedFromTheBrowser(browser);

        browser.closeNormally();

        far.awaitEnded();
    }

    // ------------------------------------------------------------------ calls from the far side

    @Test
    void aCallFromTheFarSideArrivesAsAnOfferAndTheBrowsersAnswerGoesBack() {
        TestClient browser = gateway().login(user());

        FarCall far = farSide().call(user(), SDP);
        JsonNode offer = browser.nextOfType("offer");
        assertThat(offer.path("from").asText()).isEqualTo(farSide().address());
        assertThat(offer.path("sdp").asText()).contains("m=audio");
        String call = offer.path("call").asText();
        browser.requestOk("type", "answer", "call", call, "sdp", SDP);
        browser.send("type", "candidate", "call", call, "candidate", null);

        assertThat(far.awaitAnswer()).contains("m=audio");
    }

    // ------------------------------------------------------------------ messages and presence

    @Test
    void aMessageTravelsBothWays() {
        TestClient browser = gateway().login(user());

        browser.requestOk("type", "message", "to", farSide().address(), "data", "hello from the browser");
        assertThat(farSide().nextMessage()).isEqualTo("hello from the browser");

        farSide().message(user(), "hello from afar");
        JsonNode message = browser.nextOfType("message");
        assertThat(message.path("from").asText()).isEqualTo(farSide().address());
        assertThat(message.path("data").asText()).isEqualTo("hello from afar");
    }

    @Test
    void aBrowserFollowingAFarAddressSeesItsPresence() {
        assumeTrue(farSide().hasPresence(), "this network has no presence the bridge carries");
        TestClient browser = gateway().login(user());
        // The far network may answer at once (an XMPP server sends the contact's presence); the 'ok' still comes first.
        browser.requestOk("type", "subscribe", "to", farSide().address());

        farSide().setPresence("away");

        JsonNode presence = browser.nextOfType("presence", json -> json.path("status").asText().equals("away"));
        assertThat(presence.path("from").asText()).isEqualTo(farSide().address());
    }

    // ------------------------------------------------------------------ helpers

    /** The browser offers a call to the far address; returns the call id. */
    private String offer(TestClient browser) {
        return browser.requestOk("type", "offer", "to", farSide().address(), "sdp", SDP).path("call").asText();
    }

    /** The far side takes the browser's call and answers; returns once the browser has the answer. */
    private FarCall establishedFromTheBrowser(TestClient browser) {
        FarCall far = farSide().nextCall();
        far.answer(SDP);
        browser.nextOfType("answer");
        return far;
    }

    private static Map<String, Object> candidate(String line) {
        return Map.of("candidate", line, "sdpMid", "0", "sdpMLineIndex", 0);
    }
}
