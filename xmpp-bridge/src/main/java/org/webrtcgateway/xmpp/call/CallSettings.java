package org.webrtcgateway.xmpp.call;

import java.time.Duration;

/**
 * How the bridge sets up calls.
 *
 * @param jingleMessage whether XEP-0353 is announced and used (a callee that announces it is rung with a propose)
 * @param ringTimeout   how long an outgoing call may ring (propose or session-initiate unanswered)
 * @param setupTimeout  how long an incoming XEP-0353 call may take from our proceed to the caller's session-initiate
 */
public record CallSettings(boolean jingleMessage, Duration ringTimeout, Duration setupTimeout) {
}
