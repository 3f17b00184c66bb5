package org.webrtcgateway.sip.testing;

import java.util.LinkedHashMap;
import java.util.Map;

import org.webrtcgateway.testing.TestClient;

/** What a test's browser does to call a SIP phone, the same in every test that calls one. */
public final class BrowserCalls {

    private BrowserCalls() {
    }

    /** A trickled candidate of the one media section (mid 0), as a browser sends it. */
    public static Map<String, Object> candidate(String line) {
        Map<String, Object> candidate = new LinkedHashMap<>();
        candidate.put("candidate", line);
        candidate.put("sdpMid", "0");
        candidate.put("sdpMLineIndex", 0);
        return candidate;
    }

    /** Offers {@code sdp} to {@code to} with every candidate already in it (end of candidates at once); the call id. */
    public static String offerWithAllCandidates(TestClient browser, String to, String sdp) {
        String call = browser.requestOk("type", "offer", "to", to, "sdp", sdp).path("call").asText();
        browser.send("type", "candidate", "call", call, "candidate", null);
        return call;
    }

    /** {@link #offerWithAllCandidates}, then the phone answers (its 180 over UDP may be lost on the way). */
    public static String answeredCall(TestClient browser, String to, String sdp) {
        String call = offerWithAllCandidates(browser, to, sdp);
        browser.nextAfterOptional("ringing", "answer");
        return call;
    }
}
