package org.webrtcgateway.sip.testing;

import org.webrtcgateway.testing.TestClient;

/** What a test's browser does to call a SIP phone, the same in every test that calls one. */
public final class BrowserCalls {

    private BrowserCalls() {
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
