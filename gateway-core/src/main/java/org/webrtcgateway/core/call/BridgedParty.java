package org.webrtcgateway.core.call;

import static java.util.Objects.requireNonNull;

import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.Bridge;
import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.api.Signal;

/** The far end of a call that a bridge carries; the bridge keeps its own per-call state. */
public record BridgedParty(Address address, Bridge bridge) implements CallParty {

    public BridgedParty {
        requireNonNull(address, "address");
        requireNonNull(bridge, "bridge");
    }

    @Override
    public RouteResult deliver(Signal signal) {
        return bridge.send(address, signal);
    }

    @Override
    public boolean addCall(Call call) {
        return true;
    }

    @Override
    public void removeCall(Call call) {
        // the bridge forgets the call when it gets the Bye
    }
}
