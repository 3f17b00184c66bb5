package org.webrtcgateway.core.routing;

import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.api.Signal;

/**
 * Whoever takes signals for an address: a session of this gateway, or an address behind a bridge (and,
 * in a cluster, a session on another node). The core hands a signal to the party and needs to know no
 * more about where it lives.
 */
public interface Party {

    Address address();

    /** Hands the party a signal; a refusal says why, in the protocol's error codes. */
    RouteResult deliver(Signal signal);
}
