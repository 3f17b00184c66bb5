package org.webrtcgateway.cluster;

import static java.util.Objects.requireNonNull;

import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.core.call.Call;
import org.webrtcgateway.core.call.CallParty;

/**
 * A user another node holds. Its node is looked up in Redis for every signal, in the same script that appends the
 * signal to that node's inbox, so signals follow the user when it resumes on another node. Equal for the same
 * name, so a call finds its far end again when a signal comes back from it.
 */
record RemoteUser(Address.Local address, Outbound outbound) implements CallParty {

    RemoteUser {
        requireNonNull(address, "address");
        requireNonNull(outbound, "outbound");
    }

    @Override
    public RouteResult deliver(Signal signal) {
        return outbound.toUser(address, signal);
    }

    /** The user's node decides when the offer gets there, and answers a refusal with {@code bye}. */
    @Override
    public RouteResult admitsNewCall() {
        return outbound.reachable();
    }

    @Override
    public boolean addCall(Call call) {
        return true;
    }

    @Override
    public void removeCall(Call call) {
        // the user's node forgets the call when the bye gets there
    }
}
