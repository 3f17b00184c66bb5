package org.webrtcgateway.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ScriptOutputType;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.cluster.ClusterInbound;
import org.webrtcgateway.core.session.Session;

/**
 * Parks a stopping node's sessions in the cluster (ADR 0025, "Parking"): each leaves the node (its browser gets 1001)
 * and waits in Redis, with the messages that waited for its client, for a resume on another node.
 */
final class SessionParking {

    private static final Logger log = LoggerFactory.getLogger(SessionParking.class);

    private final RedisStore store;
    private final ClusterConfig config;
    private final Outbound outbound;
    private final RoomNodes roomNodes;

    SessionParking(RedisStore store, ClusterConfig config, Outbound outbound, RoomNodes roomNodes) {
        this.store = store;
        this.config = config;
        this.outbound = outbound;
        this.roomNodes = roomNodes;
    }

    /** Parks {@code sessions}, waiting at most the command timeout for Redis to have them all. */
    void park(Collection<Session> sessions, ClusterInbound inbound) {
        List<CompletableFuture<Object>> parked = new ArrayList<>();
        for (Session session : sessions) {
            inbound.park(session.address(), session.id(), new RemoteUser(session.address(), outbound)).ifPresent(moved -> {
                moved.rooms().forEach(room -> roomNodes.moved(room, -1));
                List<String> args = new ArrayList<>(List.of(config.keyPrefix(), session.name(), session.id(),
                        String.valueOf(config.resumeGrace().toMillis()), String.valueOf(Math.max(1, config.resumeQueue()))));
                args.addAll(moved.queued());
                parked.add(store.run(RedisStore.Script.PARK, ScriptOutputType.INTEGER, args.toArray(String[]::new)));
            });
        }
        try {
            CompletableFuture.allOf(parked.toArray(CompletableFuture[]::new))
                    .get(config.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
            log.info("cluster: {} sessions parked for a resume on another node within {} ms", parked.size(),
                    config.resumeGrace().toMillis());
        } catch (Exception e) {
            log.warn("cluster: parking this node's sessions did not finish ({}); those not parked end when their grace ends",
                    e.toString());
        }
    }
}
