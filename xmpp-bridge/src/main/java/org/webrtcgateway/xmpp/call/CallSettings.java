package org.webrtcgateway.xmpp.call;

import java.time.Duration;

/**
 * How the bridge sets up calls.
 *
 * @param jingleMessage whether XEP-0353 is announced and used (a callee that announces it is rung with a propose)
 * @param ringTimeout   how long an outgoing call may ring (propose or session-initiate unanswered)
 * @param setupTimeout  how long an incoming XEP-0353 call may take from our proceed to the caller's session-initiate
 * @param maxWaitingProposals incoming XEP-0353 calls of one user waiting for their session-initiate, at most: a
 *                      user takes no more calls than {@code call.max-per-user}, so more proposes are a flood
 */
public record CallSettings(boolean jingleMessage, Duration ringTimeout, Duration setupTimeout, int maxWaitingProposals) {
}
