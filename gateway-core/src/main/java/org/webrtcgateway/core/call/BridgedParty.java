package org.webrtcgateway.core.call;

import static java.util.Objects.requireNonNull;

import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.Bridge;
import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.core.health.HeapPressure;

/**
 * The far end of a call, or a follower of a user's presence, that a bridge carries; the bridge keeps
 * its own per-call state. Equal for the same address and bridge, so a follower can be found again.
 */
public record BridgedParty(Address address, Bridge bridge, HeapPressure heap) implements CallParty {

    public BridgedParty {
        requireNonNull(address, "address");
        requireNonNull(bridge, "bridge");
        requireNonNull(heap, "heap");
    }

    @Override
    public RouteResult deliver(Signal signal) {
        return bridge.send(address, signal);
    }

    /** Refused while the gateway is short of memory: before the call is accepted, not with a bye after. */
    @Override
    public RouteResult admitsNewCall() {
        return heap.isHigh()
                ? RouteResult.rejected(ErrorCode.UNREACHABLE, "the gateway is short of memory and takes no new calls to "
                        + bridge.name() + " for now; try again shortly")
                : RouteResult.accepted();
    }

    @Override
    public boolean answersTransfers() {
        return true;
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
