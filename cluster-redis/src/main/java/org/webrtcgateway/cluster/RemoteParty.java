package org.webrtcgateway.cluster;

import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.call.Call;
import org.webrtcgateway.core.call.CallParty;

/**
 * The far end of a call that another node holds (a user there, or an address behind its bridge). That node decides
 * about a new call when the offer gets there and answers a refusal with {@code bye}, and forgets a call when the
 * {@code bye} gets there, so this node only has to reach it.
 */
interface RemoteParty extends CallParty {

    Outbound outbound();

    @Override
    default RouteResult admitsNewCall() {
        return outbound().reachable();
    }

    @Override
    default boolean addCall(Call call) {
        return true;
    }

    @Override
    default void removeCall(Call call) {
    }
}
