package org.webrtcgateway.core.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.webrtcgateway.core.SessionEnd;
import org.webrtcgateway.core.SessionLifecycle;
import org.webrtcgateway.core.access.AccessPolicy;
import org.webrtcgateway.core.access.AccessRules;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.core.call.Call;
import org.webrtcgateway.core.call.CallParty;
import org.webrtcgateway.core.presence.PresenceService;
import org.webrtcgateway.core.protocol.CloseReason;
import org.webrtcgateway.core.protocol.JsonEncoder;
import org.webrtcgateway.core.protocol.ServerMessage;
import org.webrtcgateway.core.room.RoomService;
import org.webrtcgateway.core.routing.Party;
import org.webrtcgateway.core.routing.Route;
import org.webrtcgateway.core.routing.Router;
import org.webrtcgateway.core.session.Session;
import org.webrtcgateway.core.session.SessionRegistry;

/**
 * Sessions that move between nodes of a cluster, when a browser resumes through another node than the one that
 * held its session: this node hands one over ({@link #handOver}), or builds one taken over again from what the
 * cluster recorded ({@link #moveIn}): its name, access policy, presence, rooms, follows and calls, and the
 * messages that waited for its client, first.
 */
@Singleton
public final class MovedSessions {

    private final SessionRegistry sessions;
    private final SessionLifecycle lifecycle;
    private final RoomService rooms;
    private final PresenceService presence;
    private final Router router;
    private final JsonEncoder encoder;
    private final AccessRules accessRules;

    @Inject
    MovedSessions(SessionRegistry sessions, SessionLifecycle lifecycle, RoomService rooms, PresenceService presence,
                  Router router, JsonEncoder encoder, AccessRules accessRules) {
        this.sessions = sessions;
        this.lifecycle = lifecycle;
        this.rooms = rooms;
        this.presence = presence;
        this.router = router;
        this.encoder = encoder;
        this.accessRules = accessRules;
    }

    /** What this node hands over of a session moving away: the messages that waited for its client, and its rooms. */
    public record Handover(List<String> queued, Set<String> rooms) {
    }

    /**
     * Hands over {@code user}'s session {@code sessionId}, which another node took over: it leaves this node
     * silently and what is still delivered to it here goes to {@code forward}, the user on its new node.
     */
    public Optional<Handover> handOver(Address.Local user, String sessionId, Party forward) {
        return handOver(user, sessionId, forward, CloseReason.RESUMED_ELSEWHERE);
    }

    /**
     * As {@link #handOver(Address.Local, String, Party)}, closing a connection still attached with {@code closeWith}
     * (1001 when this node parks its sessions as it stops).
     */
    public Optional<Handover> handOver(Address.Local user, String sessionId, Party forward, CloseReason closeWith) {
        Session session = sessions.byName(user.name());
        if (session == null || !session.id().equals(sessionId)) {
            return Optional.empty();
        }
        Set<String> inRooms = session.rooms();
        List<ServerMessage> queued = lifecycle.moveOut(session, forward, closeWith);
        if (queued == null) {
            return Optional.empty();
        }
        List<String> encoded = new ArrayList<>(queued.size());
        for (ServerMessage message : queued) {
            encoded.add(new String(encoder.encode(message), java.nio.charset.StandardCharsets.UTF_8));
        }
        return Optional.of(new Handover(encoded, inRooms));
    }

    /**
     * The session {@code takeover} describes, built and registered on this node with {@code resumeToken}, not yet
     * attached: its client's queue holds what waited for it, then what arrived here meanwhile.
     */
    public Session moveIn(Cluster.Takeover takeover, String sessionId, String resumeToken) {
        AccessPolicy access;
        try {
            access = takeover.access() != null ? AccessPolicyJson.decode(takeover.access()) : accessRules.anonymous();
        } catch (IllegalArgumentException e) {
            access = accessRules.anonymous();
        }
        Session session = lifecycle.newSession(sessionId, takeover.name(), access, resumeToken);
        session.setPresence(new Session.Presence(takeover.status(), takeover.note()));
        Session stale = sessions.register(session);
        if (stale != null) {
            lifecycle.end(stale, "its name was taken over by a resume from another node", CloseReason.SESSION_ENDED,
                    SessionEnd.REPLACED);
            sessions.register(session);
        }
        takeover.rooms().forEach((room, capacity) -> rooms.movedIn(session, room, capacity));
        for (Address followed : takeover.follows()) {
            session.follow(followed);
            if (followed instanceof Address.Local local) {
                presence.follow(session, local);
            } else {
                router.resolve(followed).deliver(new Signal.Subscription(session.address(), true));
            }
        }
        for (Cluster.MovedCall moved : takeover.calls()) {
            CallParty far = moved.far() != null ? moved.far() : bridged(moved.peer());
            if (far != null) {
                session.addCall(moved.outgoing() ? new Call(moved.id(), session, far) : new Call(moved.id(), far, session));
            }
        }
        session.prependMovedIn(takeover.queued().stream().<ServerMessage>map(ServerMessage.Encoded::new).toList());
        takeover.registered().run();
        return session;
    }

    /** The far end of a call behind this node's own bridge, or null when this node has no bridge for it. */
    private CallParty bridged(Address peer) {
        Route route = router.resolve(peer);
        return route instanceof Route.Reached reached ? reached.party() : null;
    }
}
