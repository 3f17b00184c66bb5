package org.webrtcgateway.cluster;

import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** What a node tells Prometheus about the cluster: Redis up or not, live nodes, its inbox lag, entries sent and received, losses. */
final class ClusterMeters {

    private final Counter sent;
    private final Counter received;
    private final Counter undeliverable;
    private final Counter inboxGaps;

    ClusterMeters(MeterRegistry registry, Supplier<Boolean> redisUp, Supplier<Integer> liveNodes,
                  Supplier<Double> inboxBehindSeconds) {
        Gauge.builder("gateway_cluster_redis_up", () -> redisUp.get() ? 1 : 0)
                .description("1 while this node reaches Redis, else 0 (cross-node work is refused meanwhile)").register(registry);
        Gauge.builder("gateway_cluster_nodes", () -> liveNodes.get())
                .description("live nodes in the cluster, this one included, as its last heartbeat saw them").register(registry);
        Gauge.builder("gateway_cluster_inbox_behind_seconds", () -> inboxBehindSeconds.get())
                .description("age of the oldest entry this node had not read from its inbox at its last heartbeat "
                        + "(0: all read); past cluster.node-expiry, /readyz says not ready").register(registry);
        sent = Counter.builder("gateway_cluster_signals_sent").description("signals this node appended to other nodes' inboxes")
                .register(registry);
        received = Counter.builder("gateway_cluster_signals_received").description("entries this node read from its inbox")
                .register(registry);
        undeliverable = Counter.builder("gateway_cluster_signals_undeliverable")
                .description("signals for another node that found nobody there, or could not be sent (Redis failed)")
                .register(registry);
        inboxGaps = Counter.builder("gateway_cluster_inbox_gaps")
                .description("times this node's inbox had dropped entries it had not read (cluster.inbox-length too small)")
                .register(registry);
    }

    void sent() {
        sent.increment();
    }

    void received() {
        received.increment();
    }

    void undeliverable() {
        undeliverable.increment();
    }

    void inboxGap() {
        inboxGaps.increment();
    }
}
