package org.webrtcgateway.core.cluster;

import java.util.List;

import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.api.PresenceStatus;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.core.call.Call;
import org.webrtcgateway.core.call.CallParty;
import org.webrtcgateway.core.session.Session;

/**
 * The other nodes of a cluster as the core's services see them (ADR 0025). A gateway alone, the default, is
 * {@link SingleNode}: it has no other node and shares nothing, and the services never get past
 * {@link #isShared()}. The {@code cluster-redis} plug-in binds one that shares names, rooms, presence and
 * sessions through Redis.
 *
 * <p>The services keep the protocol's rules; this seam only answers where a user is and what other nodes hold.
 * Requests that need an answer (a login's claim, a join's seat) wait for it; what is sent to other nodes
 * (signals, presence, state for a later resume) goes asynchronously and in the order it is issued.
 */
public interface Cluster {

    /** False for a gateway alone: no other node, so nothing below is asked. */
    boolean isShared();

    /** This node's id in the cluster, for logs and the admin view. */
    String nodeId();

    // ------------------------------------------------------------------ names

    /**
     * Claims {@code session}'s name cluster-wide. {@code replace}: a token proved the login is that user's, so the
     * newest login wins; the node holding the old session is told to end it.
     */
    Claim claim(Session session, boolean replace);

    /** The session ended here: its name and resume token are free (unless another node took them meanwhile). */
    void released(Session session);

    /** The party for {@code name}, which no session of this node holds: a user on another node, or why not. */
    Located locate(String name);

    /**
     * The name whose session, held by another node, {@code resumeToken} resumes now; empty when none does. Only a
     * digest of each session's current token is kept in the cluster, never the token.
     */
    java.util.Optional<String> holderOfResumeToken(String resumeToken);

    /** {@code session}'s resume token changed (a resume here): the cluster keeps a digest of the new one. */
    void resumeTokenChanged(Session session);

    /**
     * Takes over, for this node, the session another node holds that {@code resumeToken} resumes, and gives it
     * {@code newResumeToken}. If that node is alive it hands over what waited for the client; if it died, what was
     * queued for the user in the cluster comes instead and the session is {@code interrupted}. Signals for the user
     * that reach this node meanwhile wait until {@link Takeover#registered} is run. The session keeps the id
     * {@code newSessionId}, which the cluster records as the name's holder.
     *
     * @return empty when no session in the cluster has that token now
     */
    java.util.Optional<Takeover> takeOver(String resumeToken, String newResumeToken, String newSessionId)
            throws UnavailableException;

    /**
     * A session taken over from another node: what the cluster recorded of it ({@code access}, the login's access
     * policy, as {@link AccessPolicyJson} writes it), the messages that waited for its client, encoded, and
     * {@code registered}, to run once the session is registered here (what arrived meanwhile is handed to it then).
     */
    record Takeover(String name, String access, PresenceStatus status, String note, java.util.Map<String, Integer> rooms,
                    List<Address> follows, List<MovedCall> calls, List<String> queued, boolean interrupted,
                    Runnable registered) {
    }

    /**
     * A call of a session taken over: its id, whether the user placed it, and the far end as this node reaches it
     * ({@code far} null: an address behind this node's own bridge, {@code peer}).
     */
    record MovedCall(String id, boolean outgoing, Address peer, CallParty far) {
    }

    /** The cluster store cannot be reached: the request is answered {@code unreachable}. */
    final class UnavailableException extends Exception {
        public UnavailableException(String message) {
            super(message);
        }
    }

    sealed interface Claim {
    }

    /** The name is this session's, cluster-wide. */
    record Claimed() implements Claim {
    }

    /** Another session holds the name (on another node, or here). */
    record Taken() implements Claim {
    }

    /** The cluster could not be asked (the store is unreachable); {@code message} says so to the user. */
    record Unavailable(String message) implements Claim, Located, Seat {
        public static Unavailable storeUnreachable() {
            return new Unavailable("the cluster store is unreachable; try again shortly");
        }

        public ErrorCode code() {
            return ErrorCode.UNREACHABLE;
        }
    }

    sealed interface Located {
    }

    /** {@code party} takes signals for the user on another node. */
    record Elsewhere(CallParty party) implements Located {
    }

    /** No node holds the name. */
    record Nobody() implements Located {
    }

    // ------------------------------------------------------------------ rooms

    /**
     * Takes a seat for {@code member} in {@code room}, cluster-wide and atomically with the room's capacity: two
     * nodes cannot both give away the last seat. In the same step the seat is announced ({@code peer-joined}) to the
     * room's members on other nodes; this node's members are the caller's to tell (within {@link #inRoom}).
     *
     * @param capacityIfCreated the capacity of the room if this join creates it
     * @param creationRefusal   null when the member may create the room, else the access rule that forbids it
     */
    Seat join(String room, Session member, int capacityIfCreated, String creationRefusal);

    /**
     * Runs {@code work} while this node handles nothing else that changes who is in {@code room} here: no other join
     * or leave of it, no {@code peer-joined} or {@code peer-left} for it from another node. A join's seat, the
     * member's place in this node's room and its announcement to this node's members happen in one such step, so
     * each member hears of every other exactly once: in its own seat's list of others, or as {@code peer-joined}.
     */
    default <T> T inRoom(String room, java.util.function.Supplier<T> work) {
        return work.get();
    }

    /** {@code member} left {@code room} (or its session ended); the room goes when its last member does. */
    void left(String room, Session member);

    /** Hands {@code signal} (a room message, {@code peer-joined}, {@code peer-left}) to the room's members on other nodes. */
    void toRoom(String room, Signal signal);

    sealed interface Seat {
    }

    /** A seat: the room's capacity, whether this join created it, and the others in joining order. */
    record Seated(boolean created, boolean alreadyIn, int capacity, List<String> others) implements Seat {
    }

    record Full() implements Seat {
    }

    /** The room does not exist and {@code rule} forbids this member to create it. */
    record CreationRefused(String rule) implements Seat {
    }

    // ------------------------------------------------------------------ presence

    /** This node now has a follower of {@code user} (the first one): changes of that user must reach it. */
    void following(Address.Local user);

    /** This node's last follower of {@code user} stopped following. */
    void notFollowing(Address.Local user);

    /** The presence of {@code user}, who is no session of this node: {@code offline} when nobody holds the name. */
    Signal.Presence presenceOf(Address.Local user);

    /** {@code session}'s user changed presence (or logged in, or went offline): nodes with followers of it hear it. */
    void presenceChanged(Session session, Signal.Presence presence);

    // ------------------------------------------------------------------ sessions, for a resume on another node

    /** A call of a user of this node was placed or ended: recorded so that a resume elsewhere keeps it. */
    void callChanged(Session session, Call call, boolean ongoing);

    /** The user of this node now follows {@code address}, or stopped: recorded for a resume elsewhere. */
    void followChanged(Session session, Address address, boolean follows);

    // ------------------------------------------------------------------ lifecycle and health

    /** Joins the cluster, before the bridges start and clients are taken. */
    default void start() throws Exception {
    }

    /**
     * The node is stopping (SIGTERM, a rolling upgrade): its sessions are handed to the cluster instead of ending,
     * each waiting {@code session.resume-grace} for its browser to resume on another node, with what waited for it.
     * Their connections are closed with 1001 (going away), which browsers answer with a resume. What is left after
     * this (none, unless the store failed) ends as on a node alone.
     */
    default void parkSessions() {
    }

    /** Leaves the cluster, after this node's sessions ended or were parked. */
    default void stop() {
    }

    /** Why this node should not take new connections now (the store unreachable, its inbox behind); empty when fine. */
    List<String> notReady();
}
