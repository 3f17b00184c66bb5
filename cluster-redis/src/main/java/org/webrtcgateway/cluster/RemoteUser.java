package org.webrtcgateway.cluster;

import static java.util.Objects.requireNonNull;

import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.api.Signal;

/**
 * A user another node holds. Its node is looked up in Redis for every signal, in the same script that appends the
 * signal to that node's inbox, so signals follow the user when it resumes on another node. Equal for the same
 * name, so a call finds its far end again when a signal comes back from it.
 */
record RemoteUser(Address.Local address, Outbound outbound) implements RemoteParty {

    RemoteUser {
        requireNonNull(address, "address");
        requireNonNull(outbound, "outbound");
    }

    @Override
    public RouteResult deliver(Signal signal) {
        return outbound.toUser(address, signal);
    }
}
