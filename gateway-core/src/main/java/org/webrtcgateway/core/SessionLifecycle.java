package org.webrtcgateway.core;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.call.CallService;
import org.webrtcgateway.core.cluster.Cluster;
import org.webrtcgateway.core.config.CoreConfig;
import org.webrtcgateway.core.presence.PresenceService;
import org.webrtcgateway.core.protocol.JsonEncoder;
import org.webrtcgateway.core.room.RoomService;
import org.webrtcgateway.core.routing.BridgeRegistry;
import org.webrtcgateway.core.protocol.ClientConnection;
import org.webrtcgateway.core.protocol.ClientLink;
import org.webrtcgateway.core.protocol.CloseReason;
import org.webrtcgateway.core.protocol.ServerMessage;
import org.webrtcgateway.core.session.QueueBudget;
import org.webrtcgateway.core.session.QueueLimits;
import org.webrtcgateway.core.session.Session;
import org.webrtcgateway.core.session.SessionRegistry;

/**
 * How sessions end: at once (close frame, shutdown, replaced), or after the resume grace period when
 * the socket dropped and nobody resumed it. Ending is the same whatever the cause: the other sides of
 * calls get {@code bye} with reason {@code gone}, rooms {@code peer-left}, followers {@code offline}.
 */
@Singleton
public final class SessionLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SessionLifecycle.class);

    private final SessionRegistry sessions;
    private final CallService calls;
    private final RoomService rooms;
    private final PresenceService presence;
    private final CoreConfig config;
    private final ScheduledExecutorService timer;
    private final BridgeRegistry bridges;
    private final QueueLimits queueLimits;
    private final TurnCredentialRenewal turnRenewal;
    private final SessionEndMeters meters;
    private final Cluster cluster;

    @Inject
    SessionLifecycle(SessionRegistry sessions, CallService calls, RoomService rooms, PresenceService presence,
                     CoreConfig config, @Named(CoreModule.TIMER) ScheduledExecutorService timer,
                     BridgeRegistry bridges, QueueBudget queueBudget, JsonEncoder encoder,
                     TurnCredentialRenewal turnRenewal, SessionEndMeters meters, Cluster cluster) {
        this.cluster = cluster;
        this.meters = meters;
        this.sessions = sessions;
        this.calls = calls;
        this.rooms = rooms;
        this.presence = presence;
        this.config = config;
        this.timer = timer;
        this.bridges = bridges;
        this.turnRenewal = turnRenewal;
        // A queued message weighs what it encodes to: its text is what it holds on the heap.
        this.queueLimits = new QueueLimits(config.resumeQueue(), config.resumeQueueBytes(), queueBudget, encoder::encodedSize);
    }

    /** A new session, which ends itself when its queue would pass one of its bounds. */
    public Session newSession(String name, org.webrtcgateway.core.access.AccessPolicy access) {
        return newSession(Session.newId(), name, access, sessions.newResumeToken());
    }

    /**
     * A session moved here from another node of a cluster, with the id the cluster recorded for it and
     * {@code resumeToken}.
     */
    public Session newSession(String id, String name, org.webrtcgateway.core.access.AccessPolicy access, String resumeToken) {
        return new Session(id, new Address.Local(name), resumeToken, access, queueLimits,
                (overflowed, bound) -> end(overflowed, "its queue overflowed: " + bound, CloseReason.TOO_SLOW, SessionEnd.TOO_SLOW));
    }

    /**
     * The session's connection dropped without a close frame: keep the session for the grace period.
     *
     * @return true when the session holds {@code connection} until it ends or is resumed (and then
     *         releases it); false when the caller should release it now
     */
    public boolean dropped(Session session, ClientConnection connection) {
        Session.Detached detached = session.detach(connection);
        if (detached == null) {
            return false; // that connection had been replaced by a resume already
        }
        if (detached.overflow() != null) {
            end(session, "what its connection could not write overflowed its queue: " + detached.overflow(), null,
                    SessionEnd.TOO_SLOW);
            return true;
        }
        long detach = detached.count();
        long graceMillis = config.resumeGrace().toMillis();
        if (graceMillis == 0) {
            end(session, "its connection dropped (resuming is off)", null, SessionEnd.NOT_RESUMED);
            return true;
        }
        try {
            timer.schedule(() -> {
                if (session.isStillDetachedSince(detach)) {
                    end(session, "it was not resumed within " + graceMillis + " ms", null, SessionEnd.NOT_RESUMED);
                }
            }, graceMillis, TimeUnit.MILLISECONDS);
            SessionLog.dropped(session, connection.remoteAddress(), graceMillis);
        } catch (RejectedExecutionException e) {
            end(session, "its connection dropped while the gateway was shutting down", null, SessionEnd.SHUTDOWN);
        }
        return true;
    }

    /**
     * Ends a session now. {@code closeWith} closes a connection still attached (null when the
     * connection is already gone); {@code how} is what the session log says.
     */
    public void end(Session session, String why, CloseReason closeWith, SessionEnd how) {
        end(session, why, closeWith, how, closeWith == null ? SessionLog.NO_CLOSE_CODE : closeWith.code(), false);
    }

    /** Ends a session on the gateway's decision, for another reason than those of {@link SessionEnd}: {@code end=kicked}. */
    public void end(Session session, String why, CloseReason closeWith) {
        end(session, why, closeWith, SessionEnd.KICKED);
    }

    /**
     * Ends a session the usual way (its connection closed with a close frame, {@code closeCode}, or
     * {@link ClientLink#NO_CLOSE_CODE}): logged at DEBUG only, besides the session log.
     */
    public void endAsClosed(Session session, int closeCode) {
        end(session, "its connection closed", null, SessionEnd.CLOSED, closeCode, true);
    }

    private void end(Session session, String why, CloseReason closeWith, SessionEnd how, int closeCode, boolean routine) {
        Session.EndResult result = session.end();
        if (!result.endedNow()) {
            return;
        }
        sessions.remove(session);
        turnRenewal.ended(session);
        calls.endAll(session);
        rooms.leaveAll(session);
        presence.ended(session);
        bridges.userOffline(session.address());
        // After the goodbyes above, which other nodes hear through the same ordered connection.
        cluster.released(session);
        if (result.attached() != null && closeWith != null) {
            result.attached().close(closeWith);
        }
        SessionLog.ended(session, how, closeCode);
        meters.ended(how);
        if (routine) {
            log.debug("{} ended: {}", session, why);
        } else {
            log.info("{} ended: {}", session, why);
        }
    }

    /**
     * The session moved to another node of a cluster, which goes on with it: it leaves this node without a word to
     * anyone (for its peers it never left), and what this node still delivers to it goes to {@code forward}.
     *
     * @return what waited for its client, to hand over; null when it had ended already
     */
    public List<ServerMessage> moveOut(Session session, org.webrtcgateway.core.routing.Party forward) {
        return moveOut(session, forward, CloseReason.RESUMED_ELSEWHERE);
    }

    /**
     * As {@link #moveOut(Session, org.webrtcgateway.core.routing.Party)}, closing a connection still attached with
     * {@code closeWith}: 4001 when another node took the session over, 1001 when this node parks it as it stops.
     */
    public List<ServerMessage> moveOut(Session session, org.webrtcgateway.core.routing.Party forward, CloseReason closeWith) {
        Session.MovedOut moved = session.moveOut(forward);
        if (moved == null) {
            return null;
        }
        sessions.remove(session);
        turnRenewal.ended(session);
        rooms.movedOut(session);
        presence.movedOut(session);
        if (moved.attached() != null) {
            moved.attached().close(closeWith);
        }
        SessionLog.ended(session, SessionEnd.MOVED, moved.attached() != null ? closeWith.code() : SessionLog.NO_CLOSE_CODE);
        meters.ended(SessionEnd.MOVED);
        log.info("{} moved to another node", session);
        return moved.queued();
    }

    /** Ends every session, for shutdown; attached clients get a going-away close. */
    public void endAll(String why) {
        for (Session session : List.copyOf(sessions.all())) {
            end(session, why, CloseReason.SHUTDOWN, SessionEnd.SHUTDOWN);
        }
    }
}
