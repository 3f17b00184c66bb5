package org.webrtcgateway.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.google.inject.Module;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.redis.RedisClusterExtension;
import org.webrtcgateway.testing.redis.RedisExtension;

/**
 * Gateways in cluster mode on one Redis (or one Redis Cluster), in this JVM (each with its own injector, event loops and Redis
 * connections, as separate processes would have). Each test gets a key prefix of its own, so tests sharing a Redis
 * never see each other's keys. Registered as an extension, it stops its nodes after each test.
 */
final class Nodes implements AutoCloseable, AfterEachCallback {

    private static final AtomicInteger CLUSTERS = new AtomicInteger();

    /** The settings that say where Redis is, read when a node starts (a Redis extension knows its port only then). */
    private final Supplier<Map<String, String>> where;
    private final String prefix = "t" + CLUSTERS.incrementAndGet() + "-" + ProcessHandle.current().pid() + ":";
    private final List<GatewayExtension> nodes = new ArrayList<>();

    Nodes(RedisExtension redis) {
        this.where = () -> Map.of("cluster.redis-uri", redis.uri().toString());
    }

    /** Nodes on a Redis Cluster ({@code cluster.redis-mode: cluster}). */
    Nodes(RedisClusterExtension redisCluster) {
        this.where = () -> Map.of("cluster.redis-uri", redisCluster.uri(), "cluster.redis-mode", "cluster");
    }

    /** Starts a node named {@code id} with the test's cluster settings, {@code extra}, and {@code modules} (a test bridge). */
    GatewayExtension start(String id, Map<String, String> extra, Module... modules) throws Exception {
        GatewayExtension node = new GatewayExtension()
                .with("cluster.enabled", "true")
                .with("cluster.key-prefix", prefix)
                .with("cluster.node-id", id)
                .with("cluster.heartbeat", "100ms")
                .with("cluster.node-expiry", "400ms")
                .with("cluster.command-timeout", "500ms");
        where.get().forEach(node::with);
        extra.forEach(node::with);
        for (Module module : modules) {
            node.withModule(module);
        }
        node.start();
        nodes.add(node);
        return node;
    }

    GatewayExtension start(String id) throws Exception {
        return start(id, Map.of());
    }

    /** The key prefix the test's nodes are given (on a Redis Cluster, they put it in braces). */
    String prefix() {
        return prefix;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        nodes.forEach(GatewayExtension::stop);
        nodes.clear();
    }
}
