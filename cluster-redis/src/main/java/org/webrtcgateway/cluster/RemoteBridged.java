package org.webrtcgateway.cluster;

import static java.util.Objects.requireNonNull;

import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.api.Signal;

/**
 * An address behind the bridge of another node, in a call with a user of this one: the SIP dialog or Jingle session
 * lives on {@code node}, so signals for it go to that node's inbox. When that node dies, the call ends with
 * {@code bye} reason {@code gone}.
 */
record RemoteBridged(Address.External address, String node, Outbound outbound) implements RemoteParty {

    RemoteBridged {
        requireNonNull(address, "address");
        requireNonNull(node, "node");
        requireNonNull(outbound, "outbound");
    }

    /** Its bridge, on the other node, reports how a transfer went, as a local bridge does. */
    @Override
    public boolean answersTransfers() {
        return true;
    }

    @Override
    public RouteResult deliver(Signal signal) {
        return outbound.toBridged(node, address, signal);
    }
}
