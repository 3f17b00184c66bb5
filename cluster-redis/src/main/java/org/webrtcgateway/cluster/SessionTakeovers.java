package org.webrtcgateway.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.PresenceStatus;
import org.webrtcgateway.core.call.CallParty;
import org.webrtcgateway.core.cluster.Cluster;

/**
 * Takes over, for this node, a session another node holds, when its browser's resume reaches this node (ADR 0025,
 * "Resume on any node"): the takeover script moves the name; what the session was in comes back from Redis; what
 * waited for its client comes from the old node's handover, or from the session's queue stream when that node
 * died or parked it.
 */
final class SessionTakeovers {

    private static final Logger log = LoggerFactory.getLogger(SessionTakeovers.class);

    private final RedisStore store;
    private final ClusterConfig config;
    private final Outbound outbound;
    private final RoomNodes roomNodes;
    private final MovesInProgress moves;
    private final InboxDispatcher dispatcher;

    SessionTakeovers(RedisStore store, ClusterConfig config, Outbound outbound, RoomNodes roomNodes, MovesInProgress moves,
                     InboxDispatcher dispatcher) {
        this.store = store;
        this.config = config;
        this.outbound = outbound;
        this.roomNodes = roomNodes;
        this.moves = moves;
        this.dispatcher = dispatcher;
    }

    /** See {@link Cluster#takeOver}; Redis is connected. */
    Optional<Cluster.Takeover> takeOver(String resumeToken, String newResumeToken, String newSessionId)
            throws Cluster.UnavailableException {
        String digest = ResumeTokens.digest(resumeToken);
        String name;
        try {
            name = store.sync().get(config.keyPrefix() + "resume:" + digest);
        } catch (RuntimeException e) {
            throw new Cluster.UnavailableException(Cluster.Unavailable.storeUnreachable().message());
        }
        if (name == null) {
            return Optional.empty();
        }
        MovesInProgress.Move move = moves.begin(name);
        try {
            List<Object> taken = store.call(RedisStore.Script.TAKEOVER, ScriptOutputType.MULTI, config.keyPrefix(), digest,
                    config.nodeId(), newSessionId, ResumeTokens.digest(newResumeToken), String.valueOf(config.inboxLength()),
                    String.valueOf(config.nodeExpiry().toMillis()), String.valueOf(Math.max(1, config.resumeQueue())));
            if (taken.isEmpty()) {
                moves.abandon(name, move, entry -> dispatcher.handle(entry, null));
                return Optional.empty();
            }
            return Optional.of(takeover(name, taken, move));
        } catch (Exception e) {
            moves.abandon(name, move, entry -> dispatcher.handle(entry, null));
            // If the script ran, the name is this node's with no session here to release it: free it.
            store.run(RedisStore.Script.RELEASE, ScriptOutputType.INTEGER, config.keyPrefix(), name, newSessionId);
            log.warn("cluster: taking over {}'s session failed", name, e);
            throw new Cluster.UnavailableException(Cluster.Unavailable.storeUnreachable().message());
        }
    }

    private Cluster.Takeover takeover(String name, List<Object> taken, MovesInProgress.Move move) throws Exception {
        String oldNode = (String) taken.get(1);
        String mode = (String) taken.get(3);
        boolean live = "live".equals(mode);
        String access = (String) taken.get(4);
        PresenceStatus status = PresenceStatus.fromWireName((String) taken.get(5)).orElse(PresenceStatus.AVAILABLE);
        String note = (String) taken.get(6);
        String session = config.keyPrefix() + "session:" + name;
        Map<String, Integer> rooms = new LinkedHashMap<>();
        for (String room : store.sync().smembers(session + ":rooms")) {
            String capacity = store.sync().hget(config.keyPrefix() + "room:{" + room + "}", "capacity");
            if (capacity != null) {
                rooms.put(room, Integer.parseInt(capacity));
                roomNodes.moved(room, 1);
                if ("dead".equals(mode)) { // a live or parked node took itself out of the room's nodes
                    roomNodes.moved(room, oldNode, -1);
                }
            }
        }
        List<Address> follows = new ArrayList<>();
        store.sync().smembers(session + ":follows").forEach(encoded -> follows.add(SignalCodec.address(encoded)));
        List<Cluster.MovedCall> calls = new ArrayList<>();
        store.sync().hgetall(session + ":calls").forEach((id, encoded) -> {
            CallRecord record = CallRecord.decode(encoded);
            CallParty far = record.peer() instanceof Address.Local user ? new RemoteUser(user, outbound)
                    : record.bridgeNode().equals(config.nodeId()) ? null
                    : new RemoteBridged((Address.External) record.peer(), record.bridgeNode(), outbound);
            calls.add(new Cluster.MovedCall(id, record.outgoing(), record.peer(), far));
        });
        List<String> queued = List.of();
        List<Map<String, String>> queuedInCluster = new ArrayList<>();
        boolean interrupted = "dead".equals(mode);
        if (live) {
            try {
                queued = move.handedOver.get(handoverWait().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                log.warn("cluster: node '{}' did not hand {}'s session over in time; going on without its queue", oldNode, name);
                interrupted = true;
            }
        } else {
            store.sync().xrange(session + ":queue", Range.create("-", "+"))
                    .forEach(entry -> queuedInCluster.add(entry.getBody()));
            store.sync().del(session + ":queue");
        }
        Runnable registered = () -> moves.finish(name, move, queuedInCluster, entry -> dispatcher.handle(entry, null));
        return new Cluster.Takeover(name, access.isEmpty() ? null : access, status, note.isEmpty() ? null : note, rooms, follows,
                calls, queued, interrupted, registered);
    }

    /**
     * How long a takeover waits for the old node's handover. A live node answers within milliseconds; one that has
     * just died (not silent for the node expiry yet) never does, and the resume waits on the requesting thread: two
     * heartbeats, at least half a second, at most the command timeout.
     */
    private Duration handoverWait() {
        Duration twoBeats = config.heartbeat().multipliedBy(2);
        Duration atLeast = twoBeats.compareTo(Duration.ofMillis(500)) < 0 ? Duration.ofMillis(500) : twoBeats;
        return atLeast.compareTo(config.commandTimeout()) > 0 ? config.commandTimeout() : atLeast;
    }
}
