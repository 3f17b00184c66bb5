package org.webrtcgateway.core.presence;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.webrtcgateway.core.Outcome;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.api.PresenceStatus;
import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.core.cluster.Cluster;
import org.webrtcgateway.core.config.CoreConfig;
import org.webrtcgateway.core.protocol.ClientMessage;
import org.webrtcgateway.core.protocol.ServerMessage.PresenceResult;
import org.webrtcgateway.core.routing.BridgeRegistry;
import org.webrtcgateway.core.routing.Party;
import org.webrtcgateway.core.routing.Router;
import org.webrtcgateway.core.session.Session;
import org.webrtcgateway.core.session.SessionRegistry;

/**
 * Presence: who follows whom, and passing each change on. Following a local name works whether or
 * not that user is online (the follower learns when it logs in); following an address behind a
 * bridge asks the bridge, which then delivers that address's presence itself. A local name's followers
 * are parties: sessions here, and addresses behind bridges (an XMPP roster showing a gateway user).
 * Bridges also hear each user's own changes, to publish them in their networks.
 */
@Singleton
public final class PresenceService {

    /** Followers of each local name. */
    private final ConcurrentHashMap<String, Set<Party>> followers = new ConcurrentHashMap<>();
    private final SessionRegistry sessions;
    private final Router router;
    private final CoreConfig config;
    private final BridgeRegistry bridges;
    private final Cluster cluster;

    @Inject
    public PresenceService(SessionRegistry sessions, Router router, CoreConfig config, BridgeRegistry bridges,
                           Cluster cluster) {
        this.cluster = cluster;
        this.sessions = sessions;
        this.router = router;
        this.config = config;
        this.bridges = bridges;
    }

    public Outcome subscribe(Session follower, ClientMessage.Subscribe subscribe) {
        Address to = subscribe.to();
        if (!follower.following().contains(to) && follower.following().size() >= config.maxFollowed()) {
            return Outcome.failed(ErrorCode.FORBIDDEN, "you follow " + config.maxFollowed() + " addresses already (presence.max-followed)");
        }
        if (to instanceof Address.Local local) {
            if (follower.follow(to)) {
                cluster.followChanged(follower, to, true);
            }
            Signal.Presence now = follow(follower, local);
            return Outcome.ok(new PresenceResult(to.toString(), now.status(), now.note()));
        }
        // Another network's address: the party behind it (its bridge) delivers its presence itself.
        RouteResult asked = router.resolve(to).deliver(new Signal.Subscription(follower.address(), true));
        if (asked.isAccepted()) {
            if (follower.follow(to)) {
                cluster.followChanged(follower, to, true);
            }
            return Outcome.ok(new PresenceResult(to.toString(), null, null));
        }
        return Outcome.of(asked);
    }

    public Outcome unsubscribe(Session follower, ClientMessage.Unsubscribe unsubscribe) {
        if (follower.unfollow(unsubscribe.to())) {
            cluster.followChanged(follower, unsubscribe.to(), false);
            stopFollowing(follower, unsubscribe.to());
        }
        return Outcome.ok();
    }

    /**
     * {@code follower} follows the local user {@code user}, logged in or not: it gets every change until
     * {@link #unfollow}. Returns the user's presence now ({@code offline} when not logged in).
     */
    public Signal.Presence follow(Party follower, Address.Local user) {
        boolean[] first = new boolean[1];
        followers.computeIfAbsent(user.name(), name -> {
            first[0] = true;
            return ConcurrentHashMap.newKeySet();
        }).add(follower);
        if (first[0] && cluster.isShared()) {
            cluster.following(user);
        }
        Session target = sessions.byName(user.name());
        if (target == null && cluster.isShared()) {
            return cluster.presenceOf(user);
        }
        Session.Presence now = target != null ? target.presence() : new Session.Presence(PresenceStatus.OFFLINE, null);
        return new Signal.Presence(user, now.status(), now.note());
    }

    /** {@code follower} no longer follows {@code user}. */
    public void unfollow(Party follower, Address.Local user) {
        boolean[] last = new boolean[1];
        followers.computeIfPresent(user.name(), (name, set) -> {
            set.remove(follower);
            last[0] = set.isEmpty();
            return last[0] ? null : set;
        });
        if (last[0] && cluster.isShared()) {
            cluster.notFollowing(user);
        }
    }

    /** A session that moved to another node follows nobody from here any more (it does there). */
    public void movedOut(Session session) {
        for (Address followed : session.following()) {
            if (followed instanceof Address.Local local) {
                unfollow(session, local);
            }
        }
    }

    /** The names this node's parties follow now: a cluster registers them again after its store lost them. */
    public Set<String> followedNames() {
        return Set.copyOf(followers.keySet());
    }

    /** A presence change of a user on another node: this node's followers of that user get it. */
    public void fromOtherNode(Signal.Presence presence) {
        if (presence.from() instanceof Address.Local user) {
            Set<Party> set = followers.get(user.name());
            if (set != null) {
                set.forEach(follower -> follower.deliver(presence));
            }
        }
    }

    public Outcome set(Session session, ClientMessage.SetPresence presence) {
        session.setPresence(new Session.Presence(presence.status(), presence.note()));
        tellFollowers(session, new Signal.Presence(session.address(), presence.status(), presence.note()));
        bridges.userPresence(session.address(), presence.status(), presence.note());
        return Outcome.ok();
    }

    /** A user logged in: its followers see it {@code available}. */
    public void loggedIn(Session session) {
        tellFollowers(session, new Signal.Presence(session.address(), session.presence().status(), session.presence().note()));
    }

    /** A session ended: its followers see it {@code offline}, and it stops following anyone. */
    public void ended(Session session) {
        tellFollowers(session, new Signal.Presence(session.address(), PresenceStatus.OFFLINE, null));
        for (Address followed : session.following()) {
            session.unfollow(followed);
            stopFollowing(session, followed);
        }
    }

    private void stopFollowing(Session follower, Address followed) {
        if (followed instanceof Address.Local local) {
            unfollow(follower, local);
        } else {
            router.resolve(followed).deliver(new Signal.Subscription(follower.address(), false));
        }
    }

    private void tellFollowers(Session session, Signal.Presence presence) {
        Set<Party> set = followers.get(session.name());
        if (set != null) {
            set.forEach(follower -> follower.deliver(presence));
        }
        if (cluster.isShared()) {
            cluster.presenceChanged(session, presence);
        }
    }
}
