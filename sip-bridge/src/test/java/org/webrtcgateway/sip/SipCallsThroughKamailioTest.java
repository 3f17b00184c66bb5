package org.webrtcgateway.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.webrtcgateway.sip.testing.BrowserCalls.answeredCall;
import static org.webrtcgateway.sip.testing.BrowserCalls.offerWithAllCandidates;
import static org.awaitility.Awaitility.await;
import static org.webrtcgateway.sip.testing.SipUsers.awaitRegistered;
import static org.webrtcgateway.sip.testing.SipUsers.loggedInAndRegistered;
import static org.webrtcgateway.sip.testing.BrowserCalls.candidate;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.sip.testing.FreePorts;
import org.webrtcgateway.sip.testing.KamailioExtension;
import org.webrtcgateway.sip.testing.SippPhone;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;

/**
 * The SIP bridge against real SIP software on loopback: Kamailio as registrar and proxy with digest
 * authentication, sipp as the phones. Browser users are {@link TestClient}s speaking PROTOCOL.md only.
 * alice is account 1001, bob is account 1003; sipp phones are 1002 (and call as 1002 or 1003).
 */
@Tag("sip")
class SipCallsThroughKamailioTest {

    static final String OFFER = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
            + "a=group:BUNDLE 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111 0\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\n"
            + "a=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\na=rtpmap:111 opus/48000/2\r\na=rtpmap:0 PCMU/8000\r\n"
            + "a=sendrecv\r\n";
    static final String CANDIDATE = "candidate:1 1 udp 2122260223 127.0.0.1 40000 typ host";
    static final Duration SIP_WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final KamailioExtension kamailio = new KamailioExtension();

    private final int gatewaySipPort = FreePorts.udpAndTcp();

    @RegisterExtension
    final GatewayExtension gateway = kamailio.gatewayWithAliceAs1001(gatewaySipPort)
            .with("sip.gathering-deadline", "2s")
            .with("sip.account.bob.aor", "sip:1003@localhost")
            .with("sip.account.bob.password", "pw1003")
            .with("sip.dial-plan.extension.match", "tel:(\\d{4});phone-context=.*")
            .with("sip.dial-plan.extension.to", "sip:$1@localhost")
            .with("sip.incoming.operator.match", "sip:0@.*")
            .with("sip.incoming.operator.user", "bob");

    // ------------------------------------------------------------------ registration

    @Test
    void accountsRegisterAtKamailioAnsweringTheDigestChallenge() {
        awaitRegistered(gateway, "alice");

        assertThat(bridge().registration("alice").orElseThrow().challenged()).as("Kamailio challenged the REGISTER").isTrue();
        assertThat(bridge().registration("bob").orElseThrow().registered()).isTrue();
    }

    // ------------------------------------------------------------------ browser calls a SIP phone

    @Test
    void browserCallsSipPhoneWhichRingsAnswersAndGetsTheBrowsersHangUp() {
        try (SippPhone phone = kamailio.registeredPhone("uas-ringing.xml", "1002", "pw1002")) {
            TestClient alice = loggedInAndRegistered(gateway, "alice");

            String call = alice.requestOk("type", "offer", "to", "sip:1002@localhost", "sdp", OFFER).path("call").asText();
            alice.send("type", "candidate", "call", call, "candidate", candidate(CANDIDATE));
            alice.send("type", "candidate", "call", call, "candidate", null);

            JsonNode ringing = alice.next("ringing");
            assertThat(ringing.path("from").asText()).isEqualTo("sip:1002@localhost");
            JsonNode answer = alice.next("answer");
            assertThat(answer.path("call").asText()).isEqualTo(call);
            assertThat(answer.path("sdp").asText()).contains("m=audio").contains("PCMU");

            alice.requestOk("type", "bye", "call", call);
            phone.awaitSuccess();
            String invite = phone.messageLog();
            assertThat(invite).as("the trickled candidate is in the INVITE's SDP, and is its default address")
                    .contains("a=" + CANDIDATE).contains("a=end-of-candidates").contains("m=audio 40000 ");
            assertThat(invite).contains("BYE sip:");
        }
    }

    /** The PBX's challenge is answered before it is made: the second INVITE reaches the phone as the first of its call (CSeq 1). */
    @Test
    void aSecondCallFromTheSameAccountCarriesCredentialsWithoutBeingChallenged() {
        try (SippPhone phone = kamailio.registeredPhone("uas.xml", "1002", "pw1002", "-m", "2")) {
            TestClient alice = loggedInAndRegistered(gateway, "alice");
            for (int i = 0; i < 2; i++) {
                String call = answeredCall(alice, "sip:1002@localhost", OFFER);
                alice.requestOk("type", "bye", "call", call);
            }
            phone.awaitSuccess();

            Matcher invites = Pattern.compile("^INVITE sip:.*?^CSeq: (\\d+) INVITE", Pattern.MULTILINE | Pattern.DOTALL)
                    .matcher(phone.messageLog());
            List<String> cseqs = invites.results().map(m -> m.group(1)).toList();
            assertThat(cseqs).as("first INVITE challenged and sent again, second one accepted as it came").containsExactly("2", "1");
        }
    }

    @Test
    void sipPhoneHangingUpEndsTheBrowsersCallWithBye() {
        try (SippPhone phone = kamailio.registeredPhone("uas-hangup.xml", "1002", "pw1002")) {
            TestClient alice = loggedInAndRegistered(gateway, "alice");

            String call = answeredCall(alice, "sip:1002@localhost", OFFER);

            JsonNode bye = alice.next("bye");
            assertThat(bye.path("call").asText()).isEqualTo(call);
            assertThat(bye.path("from").asText()).isEqualTo("sip:1002@localhost");
            phone.awaitSuccess();
        }
    }

    @Test
    void browserHangingUpBeforeTheAnswerCancelsTheInvite() {
        try (SippPhone phone = kamailio.registeredPhone("uas-cancelled.xml", "1002", "pw1002")) {
            TestClient alice = loggedInAndRegistered(gateway, "alice");

            String call = offerWithAllCandidates(alice, "sip:1002@localhost", OFFER);
            alice.next("ringing");
            alice.requestOk("type", "bye", "call", call);

            phone.awaitSuccess();
            assertThat(phone.messageLog()).contains("CANCEL sip:").contains("487 Request Terminated");
            await().atMost(SIP_WAIT).until(() -> bridge().activeCalls() == 0);
        }
    }

    @Test
    void browserRenegotiationBecomesReInviteAndItsAnswerComesBack() {
        try (SippPhone phone = kamailio.registeredPhone("uas-reinvite.xml", "1002", "pw1002")) {
            TestClient alice = loggedInAndRegistered(gateway, "alice");
            String call = answeredCall(alice, "sip:1002@localhost", OFFER);

            alice.requestOk("type", "offer", "call", call, "sdp", OFFER.replace("a=sendrecv", "a=sendonly"));
            alice.send("type", "candidate", "call", call, "candidate", null);

            JsonNode answer = alice.next("answer");
            assertThat(answer.path("call").asText()).isEqualTo(call);
            alice.requestOk("type", "bye", "call", call);
            phone.awaitSuccess();
            assertThat(phone.messageLog()).contains("a=sendonly");
        }
    }

    @Test
    void browserDtmfReachesThePhoneAsSipInfo() {
        try (SippPhone phone = kamailio.registeredPhone("uas-dtmf.xml", "1002", "pw1002")) {
            TestClient alice = loggedInAndRegistered(gateway, "alice");
            String call = answeredCall(alice, "sip:1002@localhost", OFFER);

            alice.requestOk("type", "dtmf", "call", call, "tones", "5", "duration", 160);
            await().atMost(SIP_WAIT).until(() -> phone.messageLog().contains("Signal=5"));
            alice.requestOk("type", "bye", "call", call);

            phone.awaitSuccess();
            assertThat(phone.messageLog()).contains("INFO sip:").contains("Content-Type: application/dtmf-relay")
                    .contains("Signal=5").contains("Duration=160");
        }
    }

    /** PROTOCOL.md, Resuming: the SIP dialog outlives a dropped socket, and the ICE restart offer becomes a re-INVITE. */
    @Test
    void callSurvivesADroppedConnectionAndTheResumedBrowsersRenegotiationBecomesReInvite() {
        try (SippPhone phone = kamailio.registeredPhone("uas-reinvite.xml", "1002", "pw1002")) {
            TestClient alice = gateway.client();
            String session = alice.login("alice").path("session").asText();
            awaitRegistered(gateway, "alice");
            String call = answeredCall(alice, "sip:1002@localhost", OFFER);

            alice.drop();
            TestClient resumed = gateway.client();
            JsonNode ok = resumed.requestOk("type", "login", "resume", session);
            assertThat(ok.path("calls").toString()).contains(call);
            resumed.requestOk("type", "offer", "call", call, "sdp", OFFER.replace("a=ice-ufrag:abcd", "a=ice-ufrag:efgh"));
            resumed.send("type", "candidate", "call", call, "candidate", null);

            assertThat(resumed.next("answer").path("call").asText()).isEqualTo(call);
            resumed.requestOk("type", "bye", "call", call);
            phone.awaitSuccess();
            assertThat(phone.messageLog()).contains("a=ice-ufrag:efgh");
        }
    }

    @Test
    void aShortExtensionIsDialedThroughTheDialPlan() {
        try (SippPhone phone = kamailio.registeredPhone("uas-ringing.xml", "1002", "pw1002")) {
            TestClient alice = loggedInAndRegistered(gateway, "alice");

            String call = offerWithAllCandidates(alice, "tel:1002;phone-context=office", OFFER);

            assertThat(alice.next("ringing").path("from").asText()).as("the browser sees what it dialed")
                    .isEqualTo("tel:1002;phone-context=office");
            alice.next("answer");
            alice.requestOk("type", "bye", "call", call);
            phone.awaitSuccess();
            assertThat(phone.messageLog()).contains("To: <sip:1002@localhost>");
        }
    }

    @Test
    void closingTheBrowserEndsItsSipCallWithBye() {
        try (SippPhone phone = kamailio.registeredPhone("uas-ringing.xml", "1002", "pw1002")) {
            TestClient alice = loggedInAndRegistered(gateway, "alice");
            String call = answeredCall(alice, "sip:1002@localhost", OFFER);

            alice.closeNormally();

            phone.awaitSuccess();
            assertThat(phone.messageLog()).contains("BYE sip:");
            await().atMost(SIP_WAIT).until(() -> bridge().activeCalls() == 0);
        }
    }

    /**
     * RFC 8840: the first call to a target waits for the candidates and learns from its 200 OK that it
     * trickles over SIP; the next INVITE goes at once and the browser's candidates follow in INFO.
     */
    @Test
    @Tag("rfc8840")
    void toATargetKnownToTrickleOverSipTheInviteGoesAtOnceAndCandidatesFollowInInfo() {
        try (SippPhone phone = kamailio.registeredPhone("uas-trickle.xml", "1002", "pw1002", "-m", "2")) {
            TestClient alice = loggedInAndRegistered(gateway, "alice");
            String first = answeredCall(alice, "sip:1002@localhost", OFFER);
            alice.requestOk("type", "bye", "call", first);

            long offered = System.nanoTime();
            String second = alice.requestOk("type", "offer", "to", "sip:1002@localhost", "sdp", OFFER).path("call").asText();
            alice.nextAfterOptional("ringing", "answer");
            assertThat(Duration.ofNanos(System.nanoTime() - offered)).as("no wait for candidates (deadline 2s)")
                    .isLessThan(Duration.ofMillis(1500));
            alice.send("type", "candidate", "call", second, "candidate", candidate(CANDIDATE));
            alice.send("type", "candidate", "call", second, "candidate", null);
            await("two trickle-ice INFOs at the phone").atMost(SIP_WAIT)
                    .until(() -> phone.messageLog().split("Info-Package: trickle-ice").length > 2);
            alice.requestOk("type", "bye", "call", second);

            phone.awaitSuccess();
            String log = phone.messageLog();
            assertThat(log).contains("INFO sip:").contains("Content-Type: application/trickle-ice-sdpfrag").contains("a=" + CANDIDATE);
        }
    }

    @Test
    void callToAnUnknownNumberEndsWithByeNotFound() {
        TestClient alice = loggedInAndRegistered(gateway, "alice");

        String call = offerWithAllCandidates(alice, "sip:1999@localhost", OFFER);

        JsonNode bye = alice.next("bye");
        assertThat(bye.path("call").asText()).isEqualTo(call);
        assertThat(bye.path("reason").asText()).isEqualTo("not-found");
    }

    // ------------------------------------------------------------------ a SIP phone calls a browser

    @Test
    void sipPhoneCallsBrowserUserWhoAnswersAndThePhoneHangsUp() {
        TestClient bob = loggedInAndRegistered(gateway, "bob");
        try (SippPhone phone = kamailio.phone1002Calling("uac.xml", "1003")) {

            JsonNode offer = bob.next("offer");
            assertThat(offer.path("from").asText()).isEqualTo("sip:1002@localhost");
            assertThat(offer.path("sdp").asText()).contains("m=audio");
            String call = offer.path("call").asText();
            bob.requestOk("type", "answer", "call", call, "sdp", OFFER);
            bob.send("type", "candidate", "call", call, "candidate", candidate(CANDIDATE));
            bob.send("type", "candidate", "call", call, "candidate", null);

            JsonNode bye = bob.next("bye");
            assertThat(bye.path("call").asText()).isEqualTo(call);
            phone.awaitSuccess();
            assertThat(phone.messageLog()).contains("SIP/2.0 180").contains("a=" + CANDIDATE);
        }
    }

    @Test
    void sipReInviteReachesTheBrowserAsOfferOnTheSameCallAndSipInfoDtmfAsDtmf() {
        TestClient bob = loggedInAndRegistered(gateway, "bob");
        try (SippPhone phone = kamailio.phone1002Calling("uac-reinvite-dtmf.xml", "1003")) {
            String call = bob.next("offer").path("call").asText();
            bob.requestOk("type", "answer", "call", call, "sdp", OFFER);
            bob.send("type", "candidate", "call", call, "candidate", null);

            JsonNode hold = bob.next("offer");
            assertThat(hold.path("call").asText()).isEqualTo(call);
            assertThat(hold.path("sdp").asText()).contains("a=sendonly");
            bob.requestOk("type", "answer", "call", call, "sdp", OFFER.replace("a=sendrecv", "a=recvonly"));
            bob.send("type", "candidate", "call", call, "candidate", null);

            JsonNode dtmf = bob.next("dtmf");
            assertThat(dtmf.path("tones").asText()).isEqualTo("7");
            assertThat(dtmf.path("duration").asInt()).isEqualTo(160);
            assertThat(bob.next("bye").path("call").asText()).isEqualTo(call);
            phone.awaitSuccess();
            assertThat(phone.messageLog()).contains("a=recvonly");
        }
    }

    /** RFC 8840: no waiting for candidates when the caller trickles over SIP; candidates go both ways as INFO. */
    @Test
    @Tag("rfc8840")
    void aCallerThatTricklesOverSipGetsTheAnswerAtOnceAndCandidatesBothWaysInInfo() {
        TestClient bob = loggedInAndRegistered(gateway, "bob");
        try (SippPhone phone = kamailio.phone1002Calling("uac-trickle.xml", "1003")) {
            String call = bob.next("offer").path("call").asText();
            long answered = System.nanoTime();
            bob.requestOk("type", "answer", "call", call, "sdp", OFFER);

            JsonNode fromSip = bob.next("candidate");
            assertThat(Duration.ofNanos(System.nanoTime() - answered)).as("the 200 OK did not wait for the 2s gathering deadline")
                    .isLessThan(Duration.ofMillis(1500));
            assertThat(fromSip.path("candidate").path("candidate").asText()).isEqualTo("candidate:9 1 udp 2122260223 127.0.0.1 50000 typ host");
            assertThat(fromSip.path("candidate").path("sdpMid").asText()).isEqualTo("0");
            bob.send("type", "candidate", "call", call, "candidate", candidate(CANDIDATE));
            bob.send("type", "candidate", "call", call, "candidate", null);

            assertThat(bob.next("bye").path("call").asText()).isEqualTo(call);
            phone.awaitSuccess();
            assertThat(phone.messageLog()).contains("Recv-Info: trickle-ice").contains("Info-Package: trickle-ice")
                    .contains("a=" + CANDIDATE).contains("a=end-of-candidates");
        }
    }

    @Test
    void browserRejectingAsBusyGivesTheCaller486() {
        TestClient bob = loggedInAndRegistered(gateway, "bob");
        try (SippPhone phone = kamailio.phone1002Calling("uac-refused.xml", "1003")) {

            String call = bob.next("offer").path("call").asText();
            bob.requestOk("type", "reject", "call", call, "reason", "busy");

            phone.awaitSuccess();
            assertThat(phone.messageLog()).contains("SIP/2.0 486");
        }
    }

    @Test
    void callerCancellingBeforeTheAnswerEndsTheBrowsersCall() {
        TestClient bob = loggedInAndRegistered(gateway, "bob");
        try (SippPhone phone = kamailio.phone1002Calling("uac-cancel.xml", "1003")) {

            String call = bob.next("offer").path("call").asText();
            JsonNode bye = bob.next("bye");
            assertThat(bye.path("call").asText()).isEqualTo(call);
            assertThat(bye.path("reason").asText()).isEqualTo("cancel");
            phone.awaitSuccess();
        }
    }

    /** Trunk-style: a PBX sends straight to the gateway; the Request-URI matches a sip.incoming rule. */
    @Test
    void anIncomingRouteRuleGivesACallForANumberWithoutAccountToItsUser() {
        TestClient bob = gateway.login("bob");
        try (SippPhone phone = SippPhone.start("uac.xml", FreePorts.udpAndTcp(), "127.0.0.1:" + gatewaySipPort,
                "-s", "0", "-key", "caller", "1002")) {
            JsonNode offer = bob.next("offer");
            assertThat(offer.path("from").asText()).isEqualTo("sip:1002@localhost");
            String call = offer.path("call").asText();
            bob.requestOk("type", "answer", "call", call, "sdp", OFFER);
            bob.send("type", "candidate", "call", call, "candidate", null);

            assertThat(bob.next("bye").path("call").asText()).isEqualTo(call);
            phone.awaitSuccess();
        }
    }

    @Test
    void callForAUserWhoIsNotOnlineGets480() {
        awaitRegistered(gateway, "bob");
        try (SippPhone phone = kamailio.phone1002Calling("uac.xml", "1003")) {
            phone.awaitExit();
            assertThat(phone.messageLog()).contains("SIP/2.0 480");
        }
    }

    // ------------------------------------------------------------------ gateway -> Kamailio -> gateway

    /**
     * The INVITE leaves and comes back with the same Call-ID: the bridge keeps the two dialogs apart by tag.
     * The INVITE carries alice's candidates (the target is not yet known to trickle); bob's answer trickles (RFC 8840).
     */
    @Test
    void oneBrowserUserCallsAnotherThroughThePbxAndEitherCanHangUp() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        awaitRegistered(gateway, "alice");
        awaitRegistered(gateway, "bob");

        String call = alice.requestOk("type", "offer", "to", "sip:1003@localhost", "sdp", OFFER).path("call").asText();
        alice.send("type", "candidate", "call", call, "candidate", candidate(CANDIDATE));
        alice.send("type", "candidate", "call", call, "candidate", null);
        JsonNode offer = bob.next("offer");
        assertThat(offer.path("from").asText()).isEqualTo("sip:1001@localhost");
        assertThat(offer.path("sdp").asText()).contains("a=" + CANDIDATE);
        String bobsCall = offer.path("call").asText();
        assertThat(alice.next("ringing").path("call").asText()).isEqualTo(call);

        bob.requestOk("type", "answer", "call", bobsCall, "sdp", OFFER.replace("40000", "40002"));
        bob.send("type", "candidate", "call", bobsCall, "candidate", candidate(CANDIDATE.replace("40000", "40002")));
        bob.send("type", "candidate", "call", bobsCall, "candidate", null);
        JsonNode answer = alice.next("answer");
        assertThat(answer.path("from").asText()).isEqualTo("sip:1003@localhost");
        // Both legs are this bridge, which announces RFC 8840 trickle: bob's answer went at once and
        // his candidate followed in a SIP INFO.
        JsonNode trickled = alice.next("candidate");
        assertThat(trickled.path("candidate").path("candidate").asText()).contains("127.0.0.1 40002 typ host");
        assertThat(alice.next("candidate").path("candidate").isNull()).as("end of candidates").isTrue();

        bob.requestOk("type", "bye", "call", bobsCall);
        assertThat(alice.next("bye").path("call").asText()).isEqualTo(call);
        await().atMost(SIP_WAIT).until(() -> bridge().activeCalls() == 0);
    }

    // ------------------------------------------------------------------ MESSAGE

    @Test
    void browserMessageToASipAddressArrivesAsSipMessage() {
        try (SippPhone phone = kamailio.registeredPhone("message-uas.xml", "1002", "pw1002")) {
            TestClient alice = loggedInAndRegistered(gateway, "alice");

            alice.requestOk("type", "message", "to", "sip:1002@localhost", "data", "hello from the browser");

            phone.awaitSuccess();
            assertThat(phone.messageLog()).contains("MESSAGE sip:").contains("Content-Type: text/plain")
                    .contains("hello from the browser");
        }
    }

    @Test
    void sipMessageToABrowserUserArrivesAsMessageFromTheSipAddress() {
        TestClient bob = loggedInAndRegistered(gateway, "bob");
        try (SippPhone phone = kamailio.phone1002Calling("message-uac.xml", "1003")) {

            JsonNode message = bob.next("message");
            assertThat(message.path("from").asText()).isEqualTo("sip:1002@localhost");
            assertThat(message.path("data").asText()).as("the text/plain body, as a JSON string (sipp ends it with CRLF)")
                    .isEqualTo("hello from sipp\r\n");
            phone.awaitSuccess();
        }
    }

    // ------------------------------------------------------------------ helpers

    private SipBridge bridge() {
        return gateway.injector().getInstance(SipBridge.class);
    }
}
