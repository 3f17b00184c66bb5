package org.webrtcgateway.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.StaticCredentialsProvider;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;

/**
 * The node's link to Redis (ADR 0025): one client, a shared connection for commands and scripts (Lettuce sends one
 * connection's commands in the order they are issued, which keeps each sender's order), and a connection of its
 * own for the inbox's blocking read. A command issued while Redis is away fails at once instead of waiting in a
 * queue for an outage of unknown length; Lettuce reconnects by itself.
 * <p>
 * The same for a Redis Cluster ({@code cluster.redis-mode: cluster}): Lettuce's cluster client routes each command
 * to the master of its key's slot and follows a failover. Every key carries one hash tag (the prefix in braces), so
 * all of them live in one slot and the scripts, which touch several keys, run where those keys are.
 */
final class RedisStore implements AutoCloseable {

    /** The Lua scripts, by file name, each run by its SHA-1 (see {@link #loadScripts}). */
    enum Script {
        CLAIM("claim.lua"), RELEASE("release.lua"), TO_USER("to-user.lua"), TO_ROOM("to-room.lua"),
        PRESENCE("presence.lua"), JOIN("join.lua"), LEAVE("leave.lua"), HEARTBEAT("heartbeat.lua"),
        REAP("reap.lua"), EXPIRED_ORPHANS("expired-orphans.lua"), TAKEOVER("takeover.lua"), ROOM_NODE("room-node.lua"),
        PARK("park.lua");

        final String text;
        final String sha;

        Script(String file) {
            try (InputStream in = RedisStore.class.getResourceAsStream(file)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException | NullPointerException e) {
                throw new IllegalStateException("the cluster's script " + file + " is missing from the jar", e);
            }
            try {
                sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java has SHA-1", e);
            }
        }
    }

    /** Commands that may wait for Redis on one connection. */
    static final int REQUEST_QUEUE = 65_536;

    private final ClientResources resources;
    private final AbstractRedisClient client;
    private final StatefulConnection<String, String> commands;
    private final StatefulConnection<String, String> reader;
    private final RedisClusterAsyncCommands<String, String> async;
    private final RedisClusterCommands<String, String> sync;
    private final RedisClusterCommands<String, String> readerSync;
    /**
     * The one key every script is given, though the scripts build their keys from the prefix: a Redis Cluster
     * client sends a script to the master of its first key's slot, which is the slot of all the cluster's keys.
     */
    private final String[] scriptKeys;
    private final Duration timeout;

    private RedisStore(ClientResources resources, AbstractRedisClient client, Connections connections, ClusterConfig config) {
        this.resources = resources;
        this.client = client;
        this.commands = connections.commands();
        this.reader = connections.reader();
        this.async = connections.async();
        this.sync = connections.sync();
        this.readerSync = connections.readerSync();
        this.scriptKeys = new String[] {config.keyPrefix() + "nodes"};
        this.timeout = config.commandTimeout();
    }

    /** The two connections a store uses, with their command interfaces (the same for one server and a cluster). */
    private record Connections(StatefulConnection<String, String> commands, StatefulConnection<String, String> reader,
                               RedisClusterAsyncCommands<String, String> async, RedisClusterCommands<String, String> sync,
                               RedisClusterCommands<String, String> readerSync) {

        static Connections of(StatefulRedisConnection<String, String> commands, StatefulRedisConnection<String, String> reader) {
            return new Connections(commands, reader, commands.async(), commands.sync(), reader.sync());
        }

        static Connections of(StatefulRedisClusterConnection<String, String> commands,
                              StatefulRedisClusterConnection<String, String> reader) {
            return new Connections(commands, reader, commands.async(), commands.sync(), reader.sync());
        }
    }

    /** Connects to Redis; throws when it cannot be reached now (a node starts only with its store). */
    static RedisStore connect(ClusterConfig config) {
        // Reconnect attempts every 50 ms to 1 s: an outage ends with service back within about a second.
        ClientResources resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.equalJitter(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        List<RedisURI> uris = config.redisAddresses().stream().map(address -> redisUri(address, config)).toList();
        ClientOptions options = clientOptions(config);
        AbstractRedisClient client = null;
        StatefulConnection<String, String> first = null;
        try {
            Connections connections;
            if (config.redisMode() == ClusterConfig.RedisMode.CLUSTER) {
                RedisClusterClient cluster = RedisClusterClient.create(resources, uris);
                client = cluster;
                cluster.setOptions(ClusterClientOptions.builder(options)
                        // Learn a failover from the MOVED it causes or from a master's connection lost twice in a
                        // row (Lettuce's default waits for five reconnects), and check every 10 s anyway.
                        .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                                .enableAllAdaptiveRefreshTriggers()
                                .refreshTriggersReconnectAttempts(2)
                                .enablePeriodicRefresh(Duration.ofSeconds(10))
                                .build())
                        .build());
                StatefulRedisClusterConnection<String, String> commands = cluster.connect();
                first = commands;
                connections = Connections.of(commands, cluster.connect());
            } else {
                RedisClient single = RedisClient.create(resources, uris.get(0));
                client = single;
                single.setOptions(options);
                StatefulRedisConnection<String, String> commands = single.connect();
                first = commands;
                connections = Connections.of(commands, single.connect());
            }
            RedisStore store = new RedisStore(resources, client, connections, config);
            store.loadScripts();
            return store;
        } catch (RuntimeException e) {
            if (first != null) {
                first.close();
            }
            if (client != null) {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            }
            resources.shutdown(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    private static RedisURI redisUri(String address, ClusterConfig config) {
        // Set on the parsed URI itself: a builder made from it would drop a Sentinel URI's sentinels.
        RedisURI uri = RedisURI.create(address);
        uri.setTimeout(config.commandTimeout());
        if (config.redisPassword() != null && !config.redisPassword().isEmpty()) {
            uri.setCredentialsProvider(new StaticCredentialsProvider(config.redisUri().getUserInfo(), config.redisPassword().toCharArray()));
        }
        return uri;
    }

    private static ClientOptions clientOptions(ClusterConfig config) {
        ClientOptions.Builder options = ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .pingBeforeActivateConnection(true)
                // Bounded: while Redis is slow, commands past this fail at once (the signal bounces) rather than
                // piling up in this node's heap.
                .requestQueueSize(REQUEST_QUEUE)
                .socketOptions(SocketOptions.builder().connectTimeout(config.commandTimeout())
                        .keepAlive(SocketOptions.KeepAliveOptions.builder().enable().build()).build())
                .timeoutOptions(TimeoutOptions.enabled(config.commandTimeout()));
        if (config.redisTlsTrust() != null) {
            options.sslOptions(SslOptions.builder().trustManager(config.redisTlsTrust().toFile()).build());
        }
        return options.build();
    }

    /**
     * Loads every script where the keys are (again, after Redis restarted and forgot them), so that a sender's first
     * scripts do not all fail with NOSCRIPT and come back as EVALs in an order of their own. On a Redis Cluster that
     * is the master of the keys' slot alone: Lettuce's own SCRIPT LOAD goes to every master, and fails while any one
     * of them is down. A master that takes over later gets each script from {@link #run}'s EVAL fallback.
     */
    void loadScripts() {
        RedisClusterCommands<String, String> where = sync;
        if (commands instanceof StatefulRedisClusterConnection<String, String> cluster) {
            RedisClusterNode master = cluster.getPartitions().getMasterBySlot(SlotHash.getSlot(scriptKeys[0]));
            if (master == null) {
                throw new RedisException("no master serves the cluster's keys (slot " + SlotHash.getSlot(scriptKeys[0]) + ")");
            }
            where = cluster.getConnection(master.getNodeId()).sync();
        }
        for (Script script : Script.values()) {
            String loaded = where.scriptLoad(script.text);
            if (!script.sha.equals(loaded)) {
                throw new IllegalStateException("Redis gave " + loaded + " as the SHA-1 of " + script + ", not " + script.sha);
            }
        }
    }

    /**
     * Where the callbacks of {@link #run}'s futures run: Lettuce's own event executors. Attached with
     * {@code whenCompleteAsync}, never on the thread that issued the command, even when Redis answered before the
     * callback was attached: a bounce must not reach a client on its request's thread, ahead of that request's reply.
     */
    java.util.concurrent.Executor callbacks() {
        return resources.eventExecutorGroup();
    }

    /** Whether the command connection is up now. */
    boolean isConnected() {
        return commands.isOpen();
    }

    /** Commands on the shared connection, asynchronous and in the order issued. */
    RedisClusterAsyncCommands<String, String> async() {
        return async;
    }

    /** Commands on the shared connection, waiting at most the command timeout. */
    RedisClusterCommands<String, String> sync() {
        return sync;
    }

    /** The connection the inbox reader blocks on; nothing else uses it. */
    RedisClusterCommands<String, String> readerSync() {
        return readerSync;
    }

    /**
     * Runs {@code script} asynchronously after the commands issued before it. If that Redis does not have it yet (it
     * restarted, or took over after a failover), it is run once more as EVAL; that retry may come after later
     * commands, which is the one place order is not kept, and only in the moment after such a change.
     */
    <T> CompletableFuture<T> run(Script script, ScriptOutputType type, String... args) {
        CompletableFuture<T> result = new CompletableFuture<>();
        async.<T>evalsha(script.sha, type, scriptKeys, args).whenComplete((value, error) -> {
            if (error instanceof RedisNoScriptException) {
                async.<T>eval(script.text, type, scriptKeys, args).whenComplete((retried, again) -> {
                    if (again != null) {
                        result.completeExceptionally(again);
                    } else {
                        result.complete(retried);
                    }
                });
            } else if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(value);
            }
        });
        return result;
    }

    /** Runs {@code script} and waits for its result, at most the command timeout. */
    <T> T call(Script script, ScriptOutputType type, String... args) throws Exception {
        return this.<T>run(script, type, args).get(timeout.toMillis() + 100, TimeUnit.MILLISECONDS);
    }


    @Override
    public void close() {
        reader.close();
        commands.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
