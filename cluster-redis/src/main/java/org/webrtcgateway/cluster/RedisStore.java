package org.webrtcgateway.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;

/**
 * The node's link to Redis (ADR 0025): one client, a shared connection for commands and scripts (Lettuce sends one
 * connection's commands in the order they are issued, which keeps each sender's order), and a connection of its
 * own for the inbox's blocking read. A command issued while Redis is away fails at once instead of waiting in a
 * queue for an outage of unknown length; Lettuce reconnects by itself.
 */
final class RedisStore implements AutoCloseable {

    /** The Lua scripts, by file name, each run by its SHA once loaded. */
    enum Script {
        CLAIM("claim.lua"), RELEASE("release.lua"), TO_USER("to-user.lua"), TO_ROOM("to-room.lua"),
        PRESENCE("presence.lua"), JOIN("join.lua"), LEAVE("leave.lua"), HEARTBEAT("heartbeat.lua"),
        REAP("reap.lua"), EXPIRED_ORPHANS("expired-orphans.lua"), TAKEOVER("takeover.lua"), ROOM_NODE("room-node.lua"),
        PARK("park.lua");

        final String text;

        Script(String file) {
            try (InputStream in = RedisStore.class.getResourceAsStream(file)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException | NullPointerException e) {
                throw new IllegalStateException("the cluster's script " + file + " is missing from the jar", e);
            }
        }
    }

    /** Commands that may wait for Redis on one connection. */
    static final int REQUEST_QUEUE = 65_536;

    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> commands;
    private final StatefulRedisConnection<String, String> reader;
    private final Map<Script, String> shas = new ConcurrentHashMap<>();
    private final Duration timeout;

    private RedisStore(ClientResources resources, RedisClient client, StatefulRedisConnection<String, String> commands,
                       StatefulRedisConnection<String, String> reader, Duration timeout) {
        this.resources = resources;
        this.client = client;
        this.commands = commands;
        this.reader = reader;
        this.timeout = timeout;
    }

    /** Connects to Redis; throws when it cannot be reached now (a node starts only with its store). */
    static RedisStore connect(ClusterConfig config) {
        // Reconnect attempts every 50 ms to 1 s: an outage ends with service back within about a second.
        ClientResources resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.equalJitter(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        // Set on the parsed URI itself: a builder made from it would drop a Sentinel URI's sentinels.
        RedisURI uri = RedisURI.create(config.redisUri().toString());
        uri.setTimeout(config.commandTimeout());
        if (config.redisPassword() != null && !config.redisPassword().isEmpty()) {
            uri.setCredentialsProvider(new io.lettuce.core.StaticCredentialsProvider(config.redisUri().getUserInfo(), config.redisPassword().toCharArray()));
        }
        RedisClient client = RedisClient.create(resources, uri);
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
        client.setOptions(options.build());
        StatefulRedisConnection<String, String> commands = null;
        try {
            commands = client.connect();
            StatefulRedisConnection<String, String> reader = client.connect();
            RedisStore store = new RedisStore(resources, client, commands, reader, config.commandTimeout());
            store.loadScripts();
            return store;
        } catch (RuntimeException e) {
            if (commands != null) {
                commands.close();
            }
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            resources.shutdown(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** Loads every script (again, after Redis restarted and forgot them). */
    void loadScripts() {
        RedisCommands<String, String> sync = commands.sync();
        for (Script script : Script.values()) {
            shas.put(script, sync.scriptLoad(script.text));
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
    RedisAsyncCommands<String, String> async() {
        return commands.async();
    }

    /** Commands on the shared connection, waiting at most the command timeout. */
    RedisCommands<String, String> sync() {
        return commands.sync();
    }

    /** The connection the inbox reader blocks on; nothing else uses it. */
    RedisCommands<String, String> readerSync() {
        return reader.sync();
    }

    /**
     * Runs {@code script} asynchronously after the commands issued before it. If Redis forgot it (it restarted),
     * it is loaded again and run once more; that retry may come after later commands, which is the one place order
     * is not kept, and only in the moment after a restart.
     */
    <T> CompletableFuture<T> run(Script script, ScriptOutputType type, String... args) {
        CompletableFuture<T> result = new CompletableFuture<>();
        String sha = shas.get(script);
        commands.async().<T>evalsha(sha, type, new String[0], args).whenComplete((value, error) -> {
            if (error instanceof RedisNoScriptException) {
                commands.async().<T>eval(script.text, type, new String[0], args).whenComplete((retried, again) -> {
                    if (again != null) {
                        result.completeExceptionally(again);
                    } else {
                        result.complete(retried);
                    }
                });
                commands.async().scriptLoad(script.text).thenAccept(loaded -> shas.put(script, loaded));
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
