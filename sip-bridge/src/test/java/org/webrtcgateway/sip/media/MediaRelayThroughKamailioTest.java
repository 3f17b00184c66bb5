package org.webrtcgateway.sip.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.webrtcgateway.sip.testing.SipUsers.loggedInAndRegistered;
import static org.webrtcgateway.sip.testing.BrowserCalls.candidate;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.sip.testing.KamailioExtension;
import org.webrtcgateway.sip.testing.RtpengineExtension;
import org.webrtcgateway.sip.testing.SippPhone;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;

/**
 * Plain-RTP phones (sipp, RTP/AVP PCMU only) and browser users (TestClients offering what Chromium offers: ICE,
 * DTLS-SRTP, rtcp-mux) through real Kamailio and a real rtpengine: each side sees only what it speaks, re-INVITEs
 * included, and rtpengine holds no session once a call is over. alice (1001) is {@code media: rtp}, bob (1003)
 * {@code media: auto}; the phones are 1002.
 */
@Tag("sip")
@Tag("rtpengine")
class MediaRelayThroughKamailioTest {

    static final String FINGERPRINT = "sha-256 AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";
    /** What Chromium offers for one audio track, its candidate trickled apart. */
    static final String WEBRTC_OFFER = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
            + "a=group:BUNDLE 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111 0 126\r\nc=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\n"
            + "a=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\na=fingerprint:" + FINGERPRINT + "\r\na=setup:actpass\r\n"
            + "a=mid:0\r\na=sendrecv\r\na=rtcp-mux\r\na=rtpmap:111 opus/48000/2\r\na=rtpmap:0 PCMU/8000\r\n"
            + "a=rtpmap:126 telephone-event/8000\r\n";
    static final String WEBRTC_ANSWER = WEBRTC_OFFER.replace("a=setup:actpass", "a=setup:active").replace("a=group:BUNDLE 0\r\n", "")
            .replace(" 111 0 126", " 0").replace("a=rtpmap:111 opus/48000/2\r\n", "").replace("a=rtpmap:126 telephone-event/8000\r\n", "");
    static final String CANDIDATE = "candidate:1 1 udp 2122260223 127.0.0.1 40000 typ host";
    static final Duration WAIT = Duration.ofSeconds(10);
    static final java.util.regex.Pattern DIRECTION = java.util.regex.Pattern.compile("a=(?:sendrecv|recvonly|sendonly|inactive)");

    @RegisterExtension
    static final KamailioExtension kamailio = new KamailioExtension();

    @RegisterExtension
    static final RtpengineExtension rtpengine = new RtpengineExtension();

    @RegisterExtension
    final GatewayExtension gateway = kamailio.gatewayWithAliceAs1001()
            .with("sip.account.alice.media", "rtp")
            .with("sip.account.bob.aor", "sip:1003@localhost")
            .with("sip.account.bob.password", "pw1003")
            .with("sip.account.bob.media", "auto")
            .with("sip.rtpengine.ng", "127.0.0.1:" + rtpengine.ng().getPort());

    @Test
    void aBrowsersCallReachesAPlainRtpPhoneAsPlainRtpAndItsAnswerComesBackAsWebRtcThroughRtpengine() {
        try (SippPhone phone = kamailio.registeredPhone("uas.xml", "1002", "pw1002")) {
            TestClient alice = loggedInAndRegistered(gateway, "alice");

            String call = alice.requestOk("type", "offer", "to", "sip:1002@localhost", "sdp", WEBRTC_OFFER).path("call").asText();
            alice.send("type", "candidate", "call", call, "candidate", candidate(CANDIDATE));
            alice.send("type", "candidate", "call", call, "candidate", null);
            String answer = alice.nextAfterOptional("ringing", "answer").path("sdp").asText();

            assertThat(answer).as("toward the browser: ICE, DTLS-SRTP, rtcp-mux, from rtpengine")
                    .contains("m=audio ").contains("UDP/TLS/RTP/SAVPF").contains("a=ice-ufrag:").contains("a=candidate:")
                    .contains("a=fingerprint:sha-256 ").contains("a=setup:active").contains("a=rtcp-mux")
                    .doesNotContain(FINGERPRINT);
            assertThat(rtpengine.calls()).as("rtpengine holds the call's session").hasSize(1);
            String invite = phone.messageLog();
            assertThat(sdpOf(invite, "INVITE sip:")).as("toward the phone: plain RTP from rtpengine's port")
                    .contains("RTP/AVP").contains("c=IN IP4 127.0.0.1").contains("a=rtpmap:0 PCMU/8000")
                    .as("the browser's RFC 4733 DTMF, kept for the phone").contains("telephone-event/8000")
                    .doesNotContain("a=ice-ufrag").doesNotContain("a=fingerprint").doesNotContain("a=candidate")
                    .doesNotContain("SAVPF").doesNotContain("m=audio 40000 ");

            alice.requestOk("type", "bye", "call", call);
            phone.awaitSuccess();
            await("rtpengine forgot the call").atMost(WAIT).until(() -> rtpengine.calls().isEmpty());
        }
    }

    @Test
    void aPlainRtpPhonesCallReachesTheBrowserAsWebRtcAndTheBrowsersAnswerGoesBackAsPlainRtp() {
        TestClient bob = loggedInAndRegistered(gateway, "bob");
        try (SippPhone phone = kamailio.phone1002Calling("uac.xml", "1003")) {
            JsonNode offer = bob.next("offer");
            assertThat(offer.path("sdp").asText()).as("bob is 'auto': the phone's RTP/AVP offer is relayed, as WebRTC")
                    .contains("UDP/TLS/RTP/SAVPF").contains("a=ice-ufrag:").contains("a=fingerprint:").contains("a=setup:actpass")
                    .contains("a=rtcp-mux").contains("a=mid:").contains("PCMU/8000").doesNotContain("RTP/AVP ");
            String call = offer.path("call").asText();
            bob.requestOk("type", "answer", "call", call, "sdp", WEBRTC_ANSWER);
            bob.send("type", "candidate", "call", call, "candidate", candidate(CANDIDATE));
            bob.send("type", "candidate", "call", call, "candidate", null);

            assertThat(bob.next("bye").path("call").asText()).isEqualTo(call);
            phone.awaitSuccess();
            assertThat(sdpOf(phone.messageLog(), "SIP/2.0 200 OK")).as("the phone got plain RTP in the 200 OK")
                    .contains("RTP/AVP 0").contains("c=IN IP4 127.0.0.1").doesNotContain("a=fingerprint").doesNotContain("a=ice-");
            await("rtpengine forgot the call").atMost(WAIT).until(() -> rtpengine.calls().isEmpty());
        }
    }

    @Test
    void aPhoneHoldingAndResumingWithReInvitesIsRelayedEachTimeAsWebRtcTowardTheBrowserAndPlainRtpBack() {
        TestClient bob = loggedInAndRegistered(gateway, "bob");
        try (SippPhone phone = kamailio.phone1002Calling("uac-hold-resume.xml", "1003")) {
            String call = bob.next("offer").path("call").asText();
            answerWithCandidate(bob, call, WEBRTC_ANSWER);

            JsonNode hold = bob.next("offer");
            assertThat(hold.path("sdp").asText()).contains("a=sendonly").contains("UDP/TLS/RTP/SAVPF").contains("a=ice-ufrag:");
            answerWithCandidate(bob, call, WEBRTC_ANSWER.replace("a=sendrecv", "a=recvonly"));
            JsonNode resume = bob.next("offer");
            assertThat(resume.path("sdp").asText()).contains("a=sendrecv").contains("UDP/TLS/RTP/SAVPF");
            answerWithCandidate(bob, call, WEBRTC_ANSWER);

            assertThat(bob.next("bye").path("call").asText()).isEqualTo(call);
            phone.awaitSuccess();
            String log = phone.messageLog();
            java.util.List<String> okWithSdp = java.util.Arrays.stream(log.split("\n-{20,}")).map(String::strip)
                    .filter(message -> message.contains("\nSIP/2.0 200 OK") && message.contains("m=audio")).toList();
            assertThat(okWithSdp).as("the phone's 200 OKs with SDP: plain RTP only").hasSize(3)
                    .allMatch(ok -> ok.contains("RTP/AVP 0") && !ok.contains("a=fingerprint") && !ok.contains("a=ice-"));
            assertThat(okWithSdp).map(ok -> DIRECTION.matcher(ok).results().map(m -> m.group()).findFirst().orElse("none"))
                    .as("the answer to the hold is recvonly, the others sendrecv").containsExactly("a=sendrecv", "a=recvonly", "a=sendrecv");
            await("rtpengine forgot the call").atMost(WAIT).until(() -> rtpengine.calls().isEmpty());
        }
    }

    @Test
    void theBrowsersHoldIsAPlainRtpReInviteAndItsDtmfStillReachesThePhoneAsInfo() {
        try (SippPhone phone = kamailio.registeredPhone("uas-reinvite.xml", "1002", "pw1002")) {
            TestClient alice = loggedInAndRegistered(gateway, "alice");
            String call = alice.requestOk("type", "offer", "to", "sip:1002@localhost", "sdp", WEBRTC_OFFER).path("call").asText();
            alice.send("type", "candidate", "call", call, "candidate", null);
            alice.nextAfterOptional("ringing", "answer");

            alice.requestOk("type", "offer", "call", call, "sdp", WEBRTC_OFFER.replace("a=sendrecv", "a=sendonly"));
            alice.send("type", "candidate", "call", call, "candidate", null);
            JsonNode answer = alice.next("answer");
            assertThat(answer.path("sdp").asText()).contains("UDP/TLS/RTP/SAVPF").contains("a=fingerprint:");
            alice.requestOk("type", "bye", "call", call);

            phone.awaitSuccess();
            String reinvite = phone.messageLog().substring(phone.messageLog().indexOf("CSeq: 2 INVITE") > 0
                    ? phone.messageLog().lastIndexOf("INVITE sip:") : 0);
            assertThat(reinvite).contains("a=sendonly").contains("RTP/AVP").doesNotContain("a=fingerprint");
            await("rtpengine forgot the call").atMost(WAIT).until(() -> rtpengine.calls().isEmpty());
        }
    }

    @Test
    void browserDtmfOnARelayedCallReachesThePhoneAsSipInfo() {
        try (SippPhone phone = kamailio.registeredPhone("uas-dtmf.xml", "1002", "pw1002")) {
            TestClient alice = loggedInAndRegistered(gateway, "alice");
            String call = alice.requestOk("type", "offer", "to", "sip:1002@localhost", "sdp", WEBRTC_OFFER).path("call").asText();
            alice.send("type", "candidate", "call", call, "candidate", null);
            alice.nextAfterOptional("ringing", "answer");

            alice.requestOk("type", "dtmf", "call", call, "tones", "5", "duration", 160);
            await().atMost(WAIT).until(() -> phone.messageLog().contains("Signal=5"));
            alice.requestOk("type", "bye", "call", call);
            phone.awaitSuccess();
            await("rtpengine forgot the call").atMost(WAIT).until(() -> rtpengine.calls().isEmpty());
        }
    }

    @Test
    void aCallCancelledBeforeTheAnswerLeavesNoSessionInRtpengine() {
        try (SippPhone phone = kamailio.registeredPhone("uas-cancelled.xml", "1002", "pw1002")) {
            TestClient alice = loggedInAndRegistered(gateway, "alice");
            String call = alice.requestOk("type", "offer", "to", "sip:1002@localhost", "sdp", WEBRTC_OFFER).path("call").asText();
            alice.send("type", "candidate", "call", call, "candidate", null);
            alice.next("ringing");
            assertThat(rtpengine.calls()).hasSize(1);

            alice.requestOk("type", "bye", "call", call);
            phone.awaitSuccess();
            await("rtpengine forgot the call").atMost(WAIT).until(() -> rtpengine.calls().isEmpty());
        }
    }

    @Test
    void aBrowserThatDisconnectsEndsTheRelayedCallAndItsSession() {
        try (SippPhone phone = kamailio.registeredPhone("uas.xml", "1002", "pw1002")) {
            TestClient alice = loggedInAndRegistered(gateway, "alice");
            String call = alice.requestOk("type", "offer", "to", "sip:1002@localhost", "sdp", WEBRTC_OFFER).path("call").asText();
            alice.send("type", "candidate", "call", call, "candidate", null);
            alice.nextAfterOptional("ringing", "answer");
            assertThat(rtpengine.calls()).hasSize(1);

            alice.closeNormally();
            phone.awaitSuccess();
            await("rtpengine forgot the call").atMost(WAIT).until(() -> rtpengine.calls().isEmpty());
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Answers as Chromium does: the SDP at once, its candidate trickled after it, then the end of candidates. */
    private static void answerWithCandidate(TestClient browser, String call, String sdp) {
        browser.requestOk("type", "answer", "call", call, "sdp", sdp);
        browser.send("type", "candidate", "call", call, "candidate", candidate(CANDIDATE));
        browser.send("type", "candidate", "call", call, "candidate", null);
    }

    /** The SDP body of the first message in {@code log} that starts with {@code startLine}. */
    static String sdpOf(String log, String startLine) {
        int at = log.indexOf(startLine);
        assertThat(at).as(startLine + " in the phone's log").isGreaterThanOrEqualTo(0);
        int body = log.indexOf("v=0", at);
        int end = log.indexOf("----------", body);
        return log.substring(body, end < 0 ? log.length() : end);
    }
}
