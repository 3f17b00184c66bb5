package org.webrtcgateway.cluster;

import static java.util.Objects.requireNonNull;

import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.core.call.Call;
import org.webrtcgateway.core.call.CallParty;

/**
 * An address behind the bridge of another node, in a call with a user of this one: the SIP dialog or Jingle session
 * lives on {@code node}, so signals for it go to that node's inbox. When that node dies, the call ends with
 * {@code bye} reason {@code gone}.
 */
record RemoteBridged(Address.External address, String node, Outbound outbound) implements CallParty {

    RemoteBridged {
        requireNonNull(address, "address");
        requireNonNull(node, "node");
        requireNonNull(outbound, "outbound");
    }

    @Override
    public RouteResult deliver(Signal signal) {
        return outbound.toBridged(node, address, signal);
    }

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
        // the bridge forgets the call when the bye gets there
    }
}
