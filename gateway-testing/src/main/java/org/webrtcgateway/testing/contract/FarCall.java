package org.webrtcgateway.testing.contract;

/** One call as the far side of a bridge sees it. Methods that wait fail the test when nothing comes. */
public interface FarCall {

    /** The SDP the browser's side offered, as it reached this side. */
    String offer();

    void ringing();

    void answer(String sdp);

    /** Declines the call: {@code busy} or {@code decline}, in the network's own terms. */
    void reject(String reason);

    void hangUp();

    /**
     * Makes an ICE candidate ({@code candidate:...} line) of this side known to the browser: trickled at
     * once, or, in a network without trickle, in the answer (the contract calls it before {@link #answer}).
     */
    void candidate(String candidateLine);

    /** Waits until {@code candidateLine} reached this side, trickled or in a later SDP. */
    void awaitCandidate(String candidateLine);

    /** Waits for the browser's answer to a call this side placed; returns its SDP. */
    String awaitAnswer();

    /** Waits until the gateway's side ended the call. */
    void awaitEnded();
}
