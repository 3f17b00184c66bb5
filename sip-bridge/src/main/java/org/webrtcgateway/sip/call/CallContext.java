package org.webrtcgateway.sip.call;

import java.util.concurrent.ScheduledExecutorService;

import org.webrtcgateway.core.api.BridgeContext;
import org.webrtcgateway.sip.SipConfig;
import org.webrtcgateway.sip.media.CallMedia;
import org.webrtcgateway.sip.stack.SipEndpoint;

/**
 * What every per-call object shares: the stack, the gateway, the configuration, the bridge thread, the call table,
 * what peers trickle, the goodbyes awaiting their answer, and which media leg (relayed or not) a new call gets.
 */
public record CallContext(SipEndpoint endpoint, BridgeContext gateway, SipConfig config,
                          ScheduledExecutorService executor, SipCalls calls, TrickleSupport trickle, Farewells farewells,
                          CallMedia media) {
}
