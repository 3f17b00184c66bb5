package org.webrtcgateway.core.call;

import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.api.Signal;

/** One side of a call: a local session, or an address behind a bridge. */
public interface CallParty {

    Address address();

    /** Hands the party a signal of the call. */
    RouteResult deliver(Signal signal);

    /** Records that the party is in {@code call}; false when it already has a call of that id. */
    boolean addCall(Call call);

    void removeCall(Call call);
}
