package org.webrtcgateway.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;
import org.webrtcgateway.xmpp.testing.ProsodyExtension;

/**
 * A gateway browser calls another through XMPP: gateway -> Jingle -> Prosody -> Jingle -> gateway, with the SDPs
 * Chromium writes. Browser alice is account alice@localhost, browser bob is bob@localhost, on one gateway; rung with
 * XEP-0353 (the default), and with direct session-initiates between gateways that do not use it.
 */
@Tag("xmpp")
class GatewayToGatewayCallsThroughProsodyTest {

    @RegisterExtension
    static final ProsodyExtension prosody = new ProsodyExtension();

    private static final String OFFER = resource("/sdp/chromium-audio-video-offer.sdp");
    private static final String ANSWER = resource("/sdp/chromium-audio-video-answer.sdp");

    static GatewayExtension gatewayWithAliceAndBob() {
        return prosody.gatewayWithAccounts("alice", "bob").with("xmpp.subscription-policy", "accept");
    }

    @Nested
    class RungWithJingleMessageInitiation {

        @RegisterExtension
        final GatewayExtension gateway = gatewayWithAliceAndBob();

        @BeforeEach
        void accountsAreLoggedIn() {
            ProsodyExtension.awaitLoggedIn(gateway, "alice", "bob");
        }

        @Test
        void aCallCrossesProsodyBothWaysWithItsMediaDescriptionsIntact() {
            TestClient alice = gateway.login("alice");
            TestClient bob = gateway.login("bob");

            String call = offerToBob(alice);
            JsonNode offer = bob.nextOfType("offer");
            assertThat(offer.path("from").asText()).isEqualTo("xmpp:alice@localhost");
            assertSameMedia(offer.path("sdp").asText(), OFFER);

            bob.requestOk("type", "ringing", "call", offer.path("call").asText());
            assertThat(alice.nextOfType("ringing").path("call").asText()).isEqualTo(call);
            bob.requestOk("type", "answer", "call", offer.path("call").asText(), "sdp", ANSWER);
            JsonNode answer = alice.nextOfType("answer");
            assertThat(answer.path("call").asText()).isEqualTo(call);
            assertThat(answer.path("from").asText()).isEqualTo("xmpp:bob@localhost");
            assertSameMedia(answer.path("sdp").asText(), ANSWER);

            alice.requestOk("type", "bye", "call", call);
            assertThat(bob.nextOfType("bye").path("call").asText()).isEqualTo(offer.path("call").asText());
        }

        @Test
        void aCandidateForAnMLineTheCallDoesNotHaveIsDroppedAndTheStreamStaysUp() {
            TestClient alice = gateway.login("alice");
            TestClient bob = gateway.login("bob");
            String call = offerToBob(alice);
            JsonNode offer = bob.nextOfType("offer");
            bob.requestOk("type", "answer", "call", offer.path("call").asText(), "sdp", ANSWER);
            alice.nextOfType("answer");

            // A mid of the browser's making would be a Jingle content name: a control character in it, an ill-formed
            // stanza, and the server would close alice's whole stream.
            alice.send("type", "candidate", "call", call, "candidate", Map.of("sdpMid", "0\u0007", "sdpMLineIndex", 0,
                    "candidate", "candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host"));
            alice.send("type", "candidate", "call", call, "candidate", Map.of("sdpMid", "0", "sdpMLineIndex", 0,
                    "candidate", "candidate:2 1 udp 2122260223 127.0.0.1 50002 typ host"));

            JsonNode candidate = bob.nextOfType("candidate");
            assertThat(candidate.path("candidate").path("candidate").asText()).contains("50002");
            assertThat(gateway.injector().getInstance(XmppBridge.class).isLoggedIn("alice")).isTrue();
        }

        @Test
        void aDeclineReachesTheCallerAsByeWithReasonDecline() {
            TestClient alice = gateway.login("alice");
            TestClient bob = gateway.login("bob");
            offerToBob(alice);
            JsonNode offer = bob.nextOfType("offer");

            bob.requestOk("type", "reject", "call", offer.path("call").asText(), "reason", "busy");

            assertThat(alice.nextOfType("bye").path("reason").asText()).isEqualTo("busy");
        }

        @Test
        void aCallerThatGivesUpBeforeTheAnswerEndsTheRingingCall() {
            TestClient alice = gateway.login("alice");
            TestClient bob = gateway.login("bob");
            String call = offerToBob(alice);
            JsonNode offer = bob.nextOfType("offer");
            alice.nextOfType("ringing"); // bob's gateway says so as it takes the propose (XEP-0353's ringing)

            alice.requestOk("type", "bye", "call", call);

            JsonNode bye = bob.nextOfType("bye");
            assertThat(bye.path("call").asText()).isEqualTo(offer.path("call").asText());
            assertThat(bye.path("reason").asText()).isEqualTo("cancel");
        }

        @Test
        void aCallToAUserNotLoggedInToTheGatewayIsNotAnsweredByIt() {
            TestClient alice = gateway.login("alice");

            String call = offerToBob(alice);

            // bob's gateway does not take the propose for a browser that is not there; nothing else of bob's rings.
            alice.requestOk("type", "bye", "call", call);
            alice.expectNothing(Duration.ofMillis(500));
        }
    }

    @Nested
    class ToAUserWithNoDevice {

        @RegisterExtension
        final GatewayExtension gateway = gatewayWithAliceAndBob();

        @Test
        void aProposeTheServerBouncesEndsTheCallAsUnreachable() {
            ProsodyExtension.awaitLoggedIn(gateway, "alice");
            TestClient alice = gateway.login("alice");

            // carol has no resource, and the test's Prosody keeps no offline messages: it bounces the propose.
            String call = alice.requestOk("type", "offer", "to", "xmpp:carol@localhost", "sdp", OFFER).path("call").asText();

            JsonNode bye = alice.nextOfType("bye");
            assertThat(bye.path("call").asText()).isEqualTo(call);
            assertThat(bye.path("reason").asText()).isEqualTo("unreachable");
        }
    }

    @Nested
    class RungWithDirectSessionInitiate {

        @RegisterExtension
        final GatewayExtension gateway = gatewayWithAliceAndBob().with("xmpp.jingle-message-initiation", "false");

        @BeforeEach
        void accountsAreLoggedInAndSeeEachOther() {
            ProsodyExtension.awaitLoggedIn(gateway, "alice", "bob");
        }

        @Test
        void aCallerSeesTheCalleesResourceAndCallsItDirectly() {
            TestClient alice = gateway.login("alice");
            TestClient bob = gateway.login("bob");
            alice.requestOk("type", "subscribe", "to", "xmpp:bob@localhost");
            alice.nextOfType("presence", json -> json.path("from").asText().equals("xmpp:bob@localhost")
                    && json.path("status").asText().equals("available"));

            String call = offerToBob(alice);
            JsonNode offer = bob.nextOfType("offer");
            assertSameMedia(offer.path("sdp").asText(), OFFER);
            bob.requestOk("type", "answer", "call", offer.path("call").asText(), "sdp", ANSWER);

            assertThat(alice.nextOfType("answer").path("call").asText()).isEqualTo(call);
        }

        @Test
        void aCallToACalleeWhoseResourceIsUnknownIsRefusedBeforeItIsAccepted() {
            TestClient alice = gateway.login("alice");

            alice.requestError("unreachable", "type", "offer", "to", "xmpp:carol@localhost", "sdp", OFFER);
        }
    }

    // ------------------------------------------------------------------ helpers

    /**
     * alice offers a call to bob; returns its id. bob's gateway answers a propose at once (XEP-0353 ringing), and
     * the gateway's 'ok' to her offer still comes first.
     */
    private static String offerToBob(TestClient alice) {
        return alice.requestOk("type", "offer", "to", "xmpp:bob@localhost", "sdp", OFFER).path("call").asText();
    }

    /**
     * What the far browser needs of the SDP came through: every m-line (its port is 9: Jingle carries addresses in
     * candidates only), codec, credential, fingerprint and source.
     */
    private static void assertSameMedia(String received, String sent) {
        for (String line : sent.split("\r\n")) {
            if (line.startsWith("m=")) {
                assertThat(received.split("\r\n")).as("the SDP that arrived").contains(line.replaceFirst("^(m=\\S+) \\d+", "$1 9"));
            } else if ( line.startsWith("a=rtpmap:") || line.startsWith("a=fmtp:")
                    || line.startsWith("a=ice-ufrag:") || line.startsWith("a=ice-pwd:") || line.startsWith("a=fingerprint:")
                    || line.startsWith("a=ssrc:") || line.startsWith("a=mid:") || line.startsWith("a=group:BUNDLE")) {
                assertThat(received.split("\r\n")).as("the SDP that arrived").contains(line);
            }
        }
    }

    private static String resource(String name) {
        try (InputStream in = GatewayToGatewayCallsThroughProsodyTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(name, e);
        }
    }
}
