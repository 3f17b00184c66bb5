package org.webrtcgateway.cluster;

import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.call.BridgedParty;
import org.webrtcgateway.core.call.Call;
import org.webrtcgateway.core.call.CallParty;
import org.webrtcgateway.core.session.Session;

/**
 * A call of a user as the cluster records it, for a node that takes the session over or ends it: whether the
 * user placed it, the far end's address, and the node whose bridge holds it ("" for a user).
 */
record CallRecord(boolean outgoing, Address peer, String bridgeNode) {

    static CallRecord of(Call call, Session session, String thisNode) {
        CallParty far = call.other(session);
        boolean outgoing = call.caller() == session;
        if (far instanceof RemoteBridged remote) {
            return new CallRecord(outgoing, remote.address(), remote.node());
        }
        return new CallRecord(outgoing, far.address(), far instanceof BridgedParty ? thisNode : "");
    }

    String encode() {
        return (outgoing ? "out " : "in ") + (bridgeNode.isEmpty() ? "-" : bridgeNode) + " " + SignalCodec.address(peer);
    }

    static CallRecord decode(String text) {
        String[] parts = text.split(" ", 3);
        return new CallRecord(parts[0].equals("out"), SignalCodec.address(parts[2]), parts[1].equals("-") ? "" : parts[1]);
    }
}
