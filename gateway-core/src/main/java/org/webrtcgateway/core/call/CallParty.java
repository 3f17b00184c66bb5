package org.webrtcgateway.core.call;

import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.routing.Party;

/** One side of a call: a local session, or an address behind a bridge. */
public interface CallParty extends Party {

    /** Whether the party takes one more call now; a refusal says why ({@code busy}, {@code unreachable}). */
    RouteResult admitsNewCall();

    /** Records that the party is in {@code call}; false when it already has a call of that id. */
    boolean addCall(Call call);

    void removeCall(Call call);

    /**
     * Whether the party reports how a {@code transfer} went with a {@link org.webrtcgateway.core.api.Signal.TransferResult}
     * (a bridge asks its network); a browser does not: it gets {@code transfer} and acts on it.
     */
    default boolean answersTransfers() {
        return false;
    }
}
