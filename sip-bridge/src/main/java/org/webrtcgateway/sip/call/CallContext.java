package org.webrtcgateway.sip.call;

import java.util.concurrent.ScheduledExecutorService;

import org.webrtcgateway.core.api.BridgeContext;
import org.webrtcgateway.sip.SipConfig;
import org.webrtcgateway.sip.stack.SipEndpoint;

/**
 * What every per-call object shares: the stack, the gateway, the configuration, the bridge thread, the call table,
 * what peers trickle, and the goodbyes awaiting their answer.
 */
public record CallContext(SipEndpoint endpoint, BridgeContext gateway, SipConfig config,
                          ScheduledExecutorService executor, SipCalls calls, TrickleSupport trickle, Farewells farewells) {
}
