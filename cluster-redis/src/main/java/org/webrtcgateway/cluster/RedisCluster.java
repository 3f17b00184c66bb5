package org.webrtcgateway.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import io.lettuce.core.ScriptOutputType;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.PresenceStatus;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.core.call.Call;
import org.webrtcgateway.core.cluster.AccessPolicyJson;
import org.webrtcgateway.core.cluster.Cluster;
import org.webrtcgateway.core.cluster.ClusterInbound;
import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.core.config.CoreConfig;
import org.webrtcgateway.core.session.Session;

/**
 * The cluster through Redis (ADR 0025): names claimed by scripts, signals for users of other nodes appended to
 * their nodes' inboxes, rooms' seats taken by a script, presence sent only to nodes with followers, and what a
 * session is in recorded so that another node can end it cleanly when this one dies.
 */
@Singleton
final class RedisCluster implements Cluster {

    private static final Logger log = LoggerFactory.getLogger(RedisCluster.class);
    /**
     * How long a resume token's digest leads to its name: the name's own record says whether it is still the current
     * token, so this only bounds the keys a busy cluster leaves behind (a day is past any resume grace).
     */
    private static final long RESUME_KEY_LIFETIME_MILLIS = 24L * 3600 * 1000;

    private final ClusterConfig config;
    private final MeterRegistry registry;
    private final Provider<ClusterInbound> inbound;
    private final Provider<NodeState> nodeState;
    private RedisStore store;
    private Outbound outbound;
    private InboxReader reader;
    private Membership membership;
    private final MovesInProgress moves = new MovesInProgress();
    private final RoomSeats seats = new RoomSeats();
    private RoomNodes roomNodes;
    private InboxDispatcher dispatcher;
    private SessionTakeovers takeovers;
    private boolean halted;
    private final KnownRemoteNames knownRemote;

    @Inject
    RedisCluster(ClusterConfig config, CoreConfig core, MeterRegistry registry, Provider<ClusterInbound> inbound,
                 Provider<NodeState> nodeState) {
        this.config = config.withResume(core.resumeGrace(), core.resumeQueue());
        this.knownRemote = new KnownRemoteNames(config.heartbeat());
        this.registry = registry;
        this.inbound = inbound;
        this.nodeState = nodeState;
    }

    @Override
    public boolean isShared() {
        return true;
    }

    @Override
    public String nodeId() {
        return config.nodeId();
    }

    @Override
    public synchronized void start() {
        try {
            store = RedisStore.connect(config);
        } catch (RuntimeException e) {
            throw new ConfigException(ClusterConfig.REDIS_URI.key() + ": cannot reach Redis at " + config.redisUri()
                    + ": " + e.getMessage());
        }
        ClusterMeters meters = new ClusterMeters(registry, store::isConnected, () -> membership.liveNodes(),
                () -> membership.inboxBehindSeconds());
        outbound = new Outbound(store, config, inbound, meters, knownRemote);
        roomNodes = new RoomNodes(store, config);
        dispatcher = new InboxDispatcher(inbound.get(), outbound, moves, roomNodes, seats);
        reader = new InboxReader(store, outbound.inbox(config.nodeId()), dispatcher, meters, "0", config.commandTimeout());
        takeovers = new SessionTakeovers(store, config, outbound, roomNodes, moves, dispatcher);
        membership = new Membership(store, config, outbound, reader, inbound, nodeState, meters);
        membership.start();
        reader.start();
        log.info("cluster: node '{}' joined through {} (keys '{}*')", config.nodeId(), config.redisUri(), config.keyPrefix());
    }

    @Override
    public synchronized void stop() {
        if (store == null || halted) {
            return;
        }
        membership.stop();
        reader.stop();
        store.close();
        store = null;
        log.info("cluster: node '{}' left", config.nodeId());
    }

    /**
     * Stops taking part without a word, as a crash looks to the other nodes: no more heartbeats or reads, nothing
     * cleaned up. For tests in one JVM, where SIGKILL would take every node down together.
     */
    synchronized void haltWithoutLeaving() {
        membership.halt();
        reader.stop();
        store.close(); // from here on, every request finds Redis unreachable
        halted = true;
    }

    /** Stops reading this node's inbox until {@link #resumeInbox}, heartbeats going on. For tests in one JVM. */
    void pauseInbox() {
        reader.pause();
    }

    void resumeInbox() {
        reader.resume();
    }

    @Override
    public void parkSessions() {
        if (store != null && !halted && store.isConnected()) { // Redis away: the sessions end as on a node alone
            new SessionParking(store, config, outbound, roomNodes).park(nodeState.get().sessions(), inbound.get());
        }
    }

    // ------------------------------------------------------------------ names

    @Override
    public Claim claim(Session session, boolean replace) {
        if (!store.isConnected()) {
            return Unavailable.storeUnreachable();
        }
        try {
            String claimed = store.call(RedisStore.Script.CLAIM, ScriptOutputType.VALUE, config.keyPrefix(), session.name(),
                    config.nodeId(), session.id(), replace ? "1" : "0", String.valueOf(config.inboxLength()),
                    ResumeTokens.digest(session.resumeToken()), AccessPolicyJson.encode(session.access()));
            return "claimed".equals(claimed) ? new Claimed() : new Taken();
        } catch (Exception e) {
            log.debug("claim of '{}' failed", session.name(), e);
            return Unavailable.storeUnreachable();
        }
    }

    @Override
    public void released(Session session) {
        if (store.isConnected()) {
            store.run(RedisStore.Script.RELEASE, ScriptOutputType.INTEGER, config.keyPrefix(), session.name(), session.id());
        }
        // Redis away: the name stays claimed by this node until Redis is back and the heartbeat reconciles.
        membership.releasedWhileAway(session);
    }

    @Override
    public Optional<String> holderOfResumeToken(String resumeToken) {
        if (!store.isConnected()) {
            return java.util.Optional.empty();
        }
        try {
            String name = store.sync().get(config.keyPrefix() + "resume:" + ResumeTokens.digest(resumeToken));
            if (name == null) {
                return java.util.Optional.empty();
            }
            // The digest must still be the session's current one: a resume elsewhere replaced it.
            String current = store.sync().hget(nameKey(name), "resume");
            return ResumeTokens.digest(resumeToken).equals(current) ? java.util.Optional.of(name) : java.util.Optional.empty();
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public void resumeTokenChanged(Session session) {
        if (store.isConnected()) {
            String digest = ResumeTokens.digest(session.resumeToken());
            store.async().hset(nameKey(session.name()), "resume", digest);
            store.async().set(config.keyPrefix() + "resume:" + digest, session.name(),
                    io.lettuce.core.SetArgs.Builder.px(RESUME_KEY_LIFETIME_MILLIS));
        }
    }

    @Override
    public Optional<Takeover> takeOver(String resumeToken, String newResumeToken, String newSessionId)
            throws UnavailableException {
        if (!store.isConnected()) {
            throw new UnavailableException(Unavailable.storeUnreachable().message());
        }
        return takeovers.takeOver(resumeToken, newResumeToken, newSessionId);
    }

    @Override
    public Located locate(String name) {
        if (!store.isConnected()) {
            return Unavailable.storeUnreachable();
        }
        long now = System.nanoTime();
        if (knownRemote.isKnown(name, now)) {
            return new Elsewhere(new RemoteUser(new Address.Local(name), outbound));
        }
        List<io.lettuce.core.KeyValue<String, String>> held;
        try {
            held = store.sync().hmget(nameKey(name), "node", "state");
        } catch (RuntimeException e) {
            return Unavailable.storeUnreachable();
        }
        String node = held.get(0).getValueOrElse(null);
        String state = held.get(1).getValueOrElse(null);
        if (node == null || node.equals(config.nodeId()) || "ending".equals(state)) {
            return new Nobody();
        }
        knownRemote.held(name, now);
        return new Elsewhere(new RemoteUser(new Address.Local(name), outbound));
    }

    // ------------------------------------------------------------------ rooms

    @Override
    public Seat join(String room, Session member, int capacityIfCreated, String creationRefusal) {
        if (!store.isConnected()) {
            return Unavailable.storeUnreachable();
        }
        List<Object> result;
        try {
            List<String> args = new ArrayList<>(List.of(config.keyPrefix(), room, member.name(), config.nodeId(),
                    String.valueOf(capacityIfCreated), creationRefusal == null ? "" : creationRefusal));
            args.addAll(outbound.announcement(room, new Signal.PeerJoined(member.address(), room)));
            result = store.call(RedisStore.Script.JOIN, ScriptOutputType.MULTI, args.toArray(String[]::new));
        } catch (Exception e) {
            log.debug("join of '{}' failed", room, e);
            return Unavailable.storeUnreachable();
        }
        String outcome = (String) result.get(0);
        if ("refused".equals(outcome)) {
            return new CreationRefused((String) result.get(1));
        }
        if ("full".equals(outcome)) {
            return new Full();
        }
        if (!"already".equals(outcome)) { // a member already in hears of everything as before
            seats.seated(room, member.id(), (String) result.get(3));
        }
        List<String> others = new ArrayList<>();
        for (Object other : result.subList(4, result.size())) {
            others.add((String) other);
        }
        return new Seated(((Long) result.get(2)) == 1, "already".equals(outcome), ((Long) result.get(1)).intValue(), others);
    }

    @Override
    public <T> T inRoom(String room, java.util.function.Supplier<T> work) {
        return seats.inRoom(room, work);
    }

    @Override
    public void left(String room, Session member) {
        seats.left(room, member.id());
        if (store.isConnected()) {
            store.run(RedisStore.Script.LEAVE, ScriptOutputType.INTEGER, config.keyPrefix(), room, member.name(), config.nodeId());
        }
    }

    @Override
    public void toRoom(String room, Signal signal) {
        outbound.toRoom(room, signal, config.nodeId());
    }

    // ------------------------------------------------------------------ presence

    @Override
    public void following(Address.Local user) {
        if (store.isConnected()) {
            store.async().sadd(config.keyPrefix() + "followers:" + user.name(), config.nodeId());
            store.async().sadd(config.keyPrefix() + "node:" + config.nodeId() + ":follows", user.name());
        }
    }

    @Override
    public void notFollowing(Address.Local user) {
        if (store.isConnected()) {
            store.async().srem(config.keyPrefix() + "followers:" + user.name(), config.nodeId());
            store.async().srem(config.keyPrefix() + "node:" + config.nodeId() + ":follows", user.name());
        }
    }

    @Override
    public Signal.Presence presenceOf(Address.Local user) {
        Signal.Presence offline = new Signal.Presence(user, PresenceStatus.OFFLINE, null);
        if (!store.isConnected()) {
            return offline;
        }
        try {
            List<io.lettuce.core.KeyValue<String, String>> held = store.sync().hmget(nameKey(user.name()), "node", "state", "status", "note");
            if (!held.get(0).hasValue() || "ending".equals(held.get(1).getValueOrElse(null))) {
                return offline;
            }
            PresenceStatus status = PresenceStatus.fromWireName(held.get(2).getValueOrElse("available")).orElse(PresenceStatus.AVAILABLE);
            String note = held.get(3).getValueOrElse("");
            return new Signal.Presence(user, status, note.isEmpty() ? null : note);
        } catch (RuntimeException e) {
            return offline;
        }
    }

    @Override
    public void presenceChanged(Session session, Signal.Presence presence) {
        outbound.presence(session.id(), presence, config.nodeId());
    }

    // ------------------------------------------------------------------ what a session is in

    @Override
    public void callChanged(Session session, Call call, boolean ongoing) {
        if (!store.isConnected()) {
            return;
        }
        String key = config.keyPrefix() + "session:" + session.name() + ":calls";
        if (ongoing) {
            store.async().hset(key, call.id(), CallRecord.of(call, session, config.nodeId()).encode());
        } else {
            store.async().hdel(key, call.id());
        }
    }

    @Override
    public void followChanged(Session session, Address address, boolean follows) {
        if (!store.isConnected()) {
            return;
        }
        String key = config.keyPrefix() + "session:" + session.name() + ":follows";
        if (follows) {
            store.async().sadd(key, SignalCodec.address(address));
        } else {
            store.async().srem(key, SignalCodec.address(address));
        }
    }

    @Override
    public List<String> notReady() {
        Membership current = membership;
        return current == null ? List.of("not started") : current.problems();
    }

    private String nameKey(String name) {
        return config.keyPrefix() + "name:" + name;
    }
}
