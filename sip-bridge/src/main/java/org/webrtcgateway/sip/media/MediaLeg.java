package org.webrtcgateway.sip.media;

import java.util.concurrent.CompletableFuture;

/**
 * The media side of one SIP call: what each offer and answer becomes on its way between the browser and SIP. Passed
 * through as it is for a WebRTC-speaking far end ({@link #PASS_THROUGH}, completed at once), rewritten by rtpengine
 * for a plain-RTP one ({@link RelayedLeg}). The futures fail with {@link MediaFailure}.
 */
public interface MediaLeg {

    /** The browser's offer (candidates merged in), as it goes to SIP. */
    CompletableFuture<String> offerToSip(String browserSdp);

    /** The SIP side's answer to it, as it goes to the browser. */
    CompletableFuture<String> answerToBrowser(String sipSdp);

    /** The SIP side's offer (an INVITE or re-INVITE), as it goes to the browser. */
    CompletableFuture<String> offerToBrowser(String sipSdp);

    /** The browser's answer to it, as it goes to SIP. */
    CompletableFuture<String> answerToSip(String browserSdp);

    /** Whether rtpengine carries the media (so the browser's candidates must not trickle to SIP). */
    boolean relayed();

    /** The call is over: the relay's session is deleted. Repeated calls do nothing. */
    void end();

    MediaLeg PASS_THROUGH = new MediaLeg() {
        @Override
        public CompletableFuture<String> offerToSip(String browserSdp) {
            return CompletableFuture.completedFuture(browserSdp);
        }

        @Override
        public CompletableFuture<String> answerToBrowser(String sipSdp) {
            return CompletableFuture.completedFuture(sipSdp);
        }

        @Override
        public CompletableFuture<String> offerToBrowser(String sipSdp) {
            return CompletableFuture.completedFuture(sipSdp);
        }

        @Override
        public CompletableFuture<String> answerToSip(String browserSdp) {
            return CompletableFuture.completedFuture(browserSdp);
        }

        @Override
        public boolean relayed() {
            return false;
        }

        @Override
        public void end() {
        }

        @Override
        public String toString() {
            return "pass-through";
        }
    };
}
