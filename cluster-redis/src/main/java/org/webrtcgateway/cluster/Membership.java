package org.webrtcgateway.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Provider;

import io.lettuce.core.ScriptOutputType;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.PresenceStatus;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.core.call.CallService;
import org.webrtcgateway.core.cluster.AccessPolicyJson;
import org.webrtcgateway.core.cluster.ClusterInbound;
import org.webrtcgateway.core.session.Session;

/**
 * The node's life in the cluster, one heartbeat at a time on a thread of its own: it says it is alive, notices nodes
 * that died (ending the calls their bridges held with this node's users), takes its share of reaping them (their
 * sessions become orphaned, free to resume elsewhere until the grace ends), ends orphaned sessions whose grace has
 * passed as their own node would have, and registers again what this node holds when Redis has lost it.
 */
final class Membership {

    private static final Logger log = LoggerFactory.getLogger(Membership.class);
    /** Dead nodes reaped and orphans ended per heartbeat, at most: a burst is spread over a few beats. */
    private static final int BATCH = 100;

    private final RedisStore store;
    private final ClusterConfig config;
    private final Outbound outbound;
    private final InboxReader reader;
    private final Provider<ClusterInbound> inbound;
    private final Provider<NodeState> nodeState;
    private final ScheduledExecutorService timer;
    private volatile Set<String> live = Set.of();
    /** Since when Redis has not answered a heartbeat; null while it does. */
    private volatile Instant unreachableSince;
    /** False until the first heartbeat: a node that starts is unknown to Redis, and has nothing to register again. */
    private boolean started;
    /**
     * Until when (System.nanoTime) this node judges no other node dead, after Redis came back to it: the others could
     * not beat while Redis was away either (a restart, a failover), so their silence says nothing yet. Null: judging.
     */
    private Long judgeOthersAfter;
    /** The age of the oldest inbox entry this node had not read at its last heartbeat, in ms (0: none unread). */
    private volatile long inboxBehindMillis;
    /** Sessions that ended while Redis was away: their names are released once it is back. */
    private final Map<String, String> releasedWhileAway = new ConcurrentHashMap<>();

    private final ClusterMeters meters;
    /** The newest inbox entry known to have been trimmed unread, so each loss is counted once. */
    private String lostUpTo = "0-0";

    Membership(RedisStore store, ClusterConfig config, Outbound outbound, InboxReader reader,
               Provider<ClusterInbound> inbound, Provider<NodeState> nodeState, ClusterMeters meters) {
        this.meters = meters;
        this.store = store;
        this.config = config;
        this.outbound = outbound;
        this.reader = reader;
        this.inbound = inbound;
        this.nodeState = nodeState;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cluster-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The first heartbeat, before clients are taken; then one every {@code cluster.heartbeat}. */
    void start() {
        beat();
        long every = config.heartbeat().toMillis();
        timer.scheduleWithFixedDelay(this::beatSafely, every, every, TimeUnit.MILLISECONDS);
    }

    /** Leaves the cluster: its sessions have ended by now, so only the node's own keys go. */
    void stop() {
        timer.shutdownNow();
        try {
            String node = config.keyPrefix() + "node:" + config.nodeId();
            store.sync().zrem(config.keyPrefix() + "nodes", config.nodeId());
            store.sync().del(node, node + ":inbox", node + ":names", node + ":follows");
        } catch (RuntimeException e) {
            log.warn("cluster: could not remove this node's keys on the way out ({}); the others will reap it", e.getMessage());
        }
    }

    /** Stops the heartbeats, leaving this node's keys as they are (see {@link RedisCluster#haltWithoutLeaving}). */
    void halt() {
        timer.shutdownNow();
    }

    int liveNodes() {
        return live.size();
    }

    /** How far behind this node's inbox reading was at the last heartbeat, in seconds. */
    double inboxBehindSeconds() {
        return inboxBehindMillis / 1000.0;
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        Instant since = unreachableSince;
        if (since != null) {
            problems.add("Redis unreachable since " + since);
        } else if (!store.isConnected()) {
            problems.add("Redis connection down");
        } else if (inboxBehindMillis > config.nodeExpiry().toMillis()) {
            // Users of other nodes wait that long for what they send here: a load balancer should send new users elsewhere.
            problems.add("this node's inbox is " + inboxBehindMillis + " ms behind (more than cluster.node-expiry)");
        }
        return problems;
    }

    void releasedWhileAway(Session session) {
        if (!store.isConnected()) {
            releasedWhileAway.put(session.name(), session.id());
        }
    }

    private void beatSafely() {
        try {
            beat();
        } catch (RuntimeException e) {
            log.warn("cluster: heartbeat failed", e);
        }
    }

    private void beat() {
        List<Object> answer;
        try {
            answer = store.call(RedisStore.Script.HEARTBEAT, ScriptOutputType.MULTI, config.keyPrefix(), config.nodeId(),
                    String.valueOf(config.nodeExpiry().toMillis()), reader.lastRead());
        } catch (Exception e) {
            if (unreachableSince == null) {
                unreachableSince = Instant.now();
                log.warn("cluster: Redis unreachable ({}); serving this node's users only, cross-node work is refused",
                        e.getMessage());
            }
            return;
        }
        boolean wasAway = unreachableSince != null;
        unreachableSince = null;
        boolean known = ((Long) answer.get(0)) == 1;
        if (started && (wasAway || !known)) {
            reconcile(known);
        }
        started = true;
        inboxBehindMillis = (Long) answer.get(1);
        Set<String> now = new HashSet<>();
        answer.subList(2, answer.size()).forEach(node -> now.add((String) node));
        if (wasAway) {
            judgeOthersAfter = System.nanoTime() + config.nodeExpiry().toNanos();
        }
        if (judgeOthersAfter != null && System.nanoTime() - judgeOthersAfter < 0) {
            now.addAll(live); // no node departs in this window; the ones that beat are live already
        } else {
            judgeOthersAfter = null;
            noticeDeparted(now);
            reap();
        }
        live = Set.copyOf(now);
        endExpiredOrphans();
        checkInbox();
    }

    /**
     * Counts and logs entries trimmed from this node's inbox before it read them (it fell more than
     * {@code cluster.inbox-length} entries behind): Redis 7 keeps the newest deleted entry's id, so a loss is exact.
     * Which sessions missed what cannot be known, so it is for the operator (a metric and its alert), not the clients.
     */
    private void checkInbox() {
        String read = reader.lastRead();
        List<Object> info;
        try {
            info = store.sync().xinfoStream(outbound.inbox(config.nodeId()));
        } catch (RuntimeException e) {
            return; // no inbox yet: nothing was sent to this node
        }
        for (int i = 0; i + 1 < info.size(); i += 2) {
            if ("max-deleted-entry-id".equals(String.valueOf(info.get(i)))) {
                String deleted = String.valueOf(info.get(i + 1));
                if (StreamIds.compare(deleted, read) > 0 && StreamIds.compare(deleted, lostUpTo) > 0) {
                    lostUpTo = deleted;
                    meters.inboxGap();
                    log.warn("cluster: this node's inbox dropped entries it had not read (up to {}, read to {}): it fell "
                            + "more than cluster.inbox-length ({}) behind", deleted, read, config.inboxLength());
                }
            }
        }
    }

    /** Calls that a departed node's bridge held with this node's users end with {@code bye} reason {@code gone}. */
    private void noticeDeparted(Set<String> now) {
        for (String node : live) {
            if (!now.contains(node)) {
                log.info("cluster: node '{}' is gone", node);
                inbound.get().endCallsWith(far -> far instanceof RemoteBridged remote && remote.node().equals(node));
            }
        }
    }

    private void reap() {
        for (int i = 0; i < BATCH; i++) {
            List<Object> reaped;
            try {
                reaped = store.call(RedisStore.Script.REAP, ScriptOutputType.MULTI, config.keyPrefix(),
                        String.valueOf(config.nodeExpiry().toMillis()), String.valueOf(config.resumeGrace().toMillis()),
                        String.valueOf(Math.max(1, config.resumeQueue())));
            } catch (Exception e) {
                return;
            }
            if (reaped.isEmpty()) {
                return;
            }
            log.warn("cluster: node '{}' died; {} of its sessions, not resumed elsewhere yet, may resume on other nodes "
                    + "within {} ms", reaped.get(0), reaped.size() - 1, config.resumeGrace().toMillis());
        }
    }

    private void endExpiredOrphans() {
        List<Object> expired;
        try {
            expired = store.call(RedisStore.Script.EXPIRED_ORPHANS, ScriptOutputType.MULTI, config.keyPrefix(),
                    String.valueOf(BATCH));
        } catch (Exception e) {
            return;
        }
        for (int i = 0; i + 2 < expired.size(); i += 3) {
            endOrphan((String) expired.get(i), (String) expired.get(i + 1), (String) expired.get(i + 2));
        }
    }

    /**
     * Ends a session whose node died and which nobody resumed in time, as its node would have: {@code peer-left} to
     * its rooms, {@code offline} to its followers, {@code bye} reason {@code gone} to the other side of its calls,
     * and its name freed. Every step goes through Redis in order, this node's own users included.
     */
    private void endOrphan(String name, String sessionId, String node) {
        Address.Local user = new Address.Local(name);
        String session = config.keyPrefix() + "session:" + name;
        try {
            for (String room : store.sync().smembers(session + ":rooms")) {
                store.run(RedisStore.Script.LEAVE, ScriptOutputType.INTEGER, config.keyPrefix(), room, name, node);
                outbound.toRoom(room, new Signal.PeerLeft(user, room), "");
            }
            outbound.presence(sessionId, new Signal.Presence(user, PresenceStatus.OFFLINE, null), "");
            store.sync().hgetall(session + ":calls").forEach((call, encoded) -> {
                CallRecord record = CallRecord.decode(encoded);
                Signal.Bye bye = new Signal.Bye(user, call, CallService.REASON_GONE);
                if (record.peer() instanceof Address.Local peer) {
                    outbound.toUser(peer, bye);
                } else {
                    outbound.toBridged(record.bridgeNode(), (Address.External) record.peer(), bye);
                }
            });
            store.run(RedisStore.Script.RELEASE, ScriptOutputType.INTEGER, config.keyPrefix(), name, sessionId);
            log.info("cluster: {}'s session ended: its node '{}' died and it was not resumed within {} ms", name, node,
                    config.resumeGrace().toMillis());
        } catch (RuntimeException e) {
            log.warn("cluster: ending {}'s orphaned session failed ({}); its name stays taken until this is retried",
                    name, e.getMessage());
        }
    }

    /**
     * Redis came back, or does not know this node (it restarted empty, or reaped the node during a long outage):
     * the node's scripts are loaded again and what it holds registered again: every session's name (one now held by
     * another node's session ends here, as a replaced login would), rooms, calls, presence and followers.
     */
    private void reconcile(boolean known) {
        log.info("cluster: Redis {}; registering this node's sessions again", known ? "is back" : "does not know this node");
        try {
            store.loadScripts();
        } catch (RuntimeException e) {
            // Not a reason to skip the rest: a script Redis lacks is run as EVAL the first time (RedisStore.run).
            log.warn("cluster: reloading the scripts failed ({}); they load as they are used", e.getMessage());
        }
        releasedWhileAway.forEach((name, id) -> store.run(RedisStore.Script.RELEASE, ScriptOutputType.INTEGER,
                config.keyPrefix(), name, id));
        releasedWhileAway.clear();
        NodeState state = nodeState.get();
        for (Session session : state.sessions()) {
            reclaim(session, state);
        }
        for (String followed : state.followedNames()) {
            store.async().sadd(config.keyPrefix() + "followers:" + followed, config.nodeId());
            store.async().sadd(config.keyPrefix() + "node:" + config.nodeId() + ":follows", followed);
        }
    }

    private void reclaim(Session session, NodeState state) {
        String claimed;
        try {
            claimed = store.call(RedisStore.Script.CLAIM, ScriptOutputType.VALUE, config.keyPrefix(), session.name(),
                    config.nodeId(), session.id(), "0", String.valueOf(config.inboxLength()),
                    ResumeTokens.digest(session.resumeToken()), AccessPolicyJson.encode(session.access()));
        } catch (Exception e) {
            return;
        }
        if (!"claimed".equals(claimed)) {
            inbound.get().replaced(session.address(), session.id());
            return;
        }
        Set<String> rooms = session.rooms();
        for (String room : store.sync().smembers(config.keyPrefix() + "session:" + session.name() + ":rooms")) {
            if (!rooms.contains(room)) { // left while Redis was away
                store.run(RedisStore.Script.LEAVE, ScriptOutputType.INTEGER, config.keyPrefix(), room, session.name(),
                        config.nodeId());
            }
        }
        for (String room : rooms) {
            store.run(RedisStore.Script.JOIN, ScriptOutputType.MULTI, config.keyPrefix(), room, session.name(),
                    config.nodeId(), String.valueOf(state.capacity(room, Integer.MAX_VALUE)), "");
        }
        String calls = config.keyPrefix() + "session:" + session.name() + ":calls";
        session.calls().forEach(call -> store.async().hset(calls, call.id(),
                CallRecord.of(call, session, config.nodeId()).encode()));
        Session.Presence presence = session.presence();
        outbound.presence(session.id(), new Signal.Presence(session.address(), presence.status(), presence.note()),
                config.nodeId());
    }
}
