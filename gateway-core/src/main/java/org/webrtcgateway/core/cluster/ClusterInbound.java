package org.webrtcgateway.core.cluster;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.webrtcgateway.core.SessionEnd;
import org.webrtcgateway.core.SessionLifecycle;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.core.call.CallParty;
import org.webrtcgateway.core.call.CallService;
import org.webrtcgateway.core.presence.PresenceService;
import org.webrtcgateway.core.protocol.CloseReason;
import org.webrtcgateway.core.room.RoomService;
import org.webrtcgateway.core.routing.BridgeRegistry;
import org.webrtcgateway.core.session.Session;
import org.webrtcgateway.core.session.SessionRegistry;

/**
 * What other nodes of a cluster send this one, handed to the services as if it had happened here: a signal for a
 * user of this node, a room's signal for its members here, a presence change for the followers here, a signal for
 * an address behind one of this node's bridges. The cluster plug-in calls it for each entry of the node's inbox,
 * one at a time and in the inbox's order, which keeps each sender's order.
 */
@Singleton
public final class ClusterInbound {

    private final SessionRegistry sessions;
    private final CallService calls;
    private final RoomService rooms;
    private final PresenceService presence;
    private final BridgeRegistry bridges;
    private final SessionLifecycle lifecycle;
    private final MovedSessions moved;

    @Inject
    ClusterInbound(SessionRegistry sessions, CallService calls, RoomService rooms, PresenceService presence,
                   BridgeRegistry bridges, SessionLifecycle lifecycle, MovedSessions moved) {
        this.moved = moved;
        this.lifecycle = lifecycle;
        this.sessions = sessions;
        this.calls = calls;
        this.rooms = rooms;
        this.presence = presence;
        this.bridges = bridges;
    }

    /**
     * A signal for the local user {@code to} from {@code far}, the party on another node that sent it (a user there,
     * or an address behind that node's bridge), as this node's calls hold it.
     */
    public RouteResult toUser(Address.Local to, Signal signal, CallParty far) {
        Session session = sessions.byName(to.name());
        if (session == null) {
            return RouteResult.rejected(ErrorCode.UNKNOWN_PEER, "no user '" + to.name() + "' is logged in");
        }
        if (signal instanceof Signal.CallSignal callSignal) {
            return calls.fromFarParty(far, session, callSignal);
        }
        if (signal instanceof Signal.Text || signal instanceof Signal.Presence || signal instanceof Signal.Mailbox) {
            return session.deliver(signal);
        }
        return RouteResult.rejected(ErrorCode.BAD_MESSAGE, signal.getClass().getSimpleName() + " is not for one user");
    }

    /** A signal for an address behind this node's bridge, from a user of another node. */
    public RouteResult toBridged(Address.External to, Signal signal) {
        return bridges.forScheme(to.scheme())
                .map(bridge -> bridge.send(to, signal))
                .orElseGet(() -> RouteResult.rejected(ErrorCode.UNREACHABLE, "this node has no bridge for " + to.scheme() + ":"));
    }

    /**
     * A room's signal (a message, {@code peer-joined}, {@code peer-left}) for those of its members on this node that
     * {@code recipient} accepts.
     */
    public void toRoom(String room, Signal signal, java.util.function.Predicate<Session> recipient) {
        rooms.fromOtherNode(room, signal, recipient);
    }

    /**
     * A newer login with a token for the same user took the name on another node: the session of this node that
     * held it ends, closed with 4002, as on one node.
     */
    public void replaced(Address.Local user, String sessionId) {
        Session session = sessions.byName(user.name());
        if (session != null && session.id().equals(sessionId)) {
            lifecycle.end(session, "replaced by a new login on another node with a token for the same name",
                    CloseReason.SESSION_ENDED, SessionEnd.REPLACED);
        }
    }

    /**
     * Ends every call of this node's users whose far end {@code gone} matches (a call held by a node that died):
     * the users get {@code bye} with reason {@code gone}.
     */
    public void endCallsWith(java.util.function.Predicate<CallParty> gone) {
        for (Session session : sessions.all()) {
            for (org.webrtcgateway.core.call.Call call : session.calls()) {
                CallParty far = call.other(session);
                if (gone.test(far)) {
                    calls.end(call, far, CallService.REASON_GONE);
                }
            }
        }
    }

    /**
     * Another node took over {@code user}'s session {@code sessionId} (a resume there): it leaves this node, which
     * hands over what waited for its client; what this node still delivers to it goes to {@code forward}.
     */
    public java.util.Optional<MovedSessions.Handover> handOver(Address.Local user, String sessionId,
                                                               org.webrtcgateway.core.routing.Party forward) {
        return moved.handOver(user, sessionId, forward);
    }

    /**
     * Parks {@code user}'s session as this node stops: it leaves this node (its connection closed with 1001, going
     * away) and the cluster keeps it, with what waited for its client, for a resume on another node.
     */
    public java.util.Optional<MovedSessions.Handover> park(Address.Local user, String sessionId,
                                                          org.webrtcgateway.core.routing.Party forward) {
        return moved.handOver(user, sessionId, forward, CloseReason.SHUTDOWN);
    }

    /** A message encoded by the node that held {@code to}'s session before (it waited for the client there). */
    public void encodedToUser(Address.Local to, String json) {
        Session session = sessions.byName(to.name());
        if (session != null) {
            session.send(new org.webrtcgateway.core.protocol.ServerMessage.Encoded(json));
        }
    }

    /** A user of another node changed presence: its followers on this node hear it. */
    public void toFollowers(Signal.Presence change) {
        presence.fromOtherNode(change);
    }
}
