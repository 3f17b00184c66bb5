package org.webrtcgateway.testing.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.event.Event;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.event.connection.ConnectionDeactivatedEvent;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.webrtcgateway.testing.LoopbackPorts;

@Tag("redis")
class RedisExtensionTest {

    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(15);

    @RegisterExtension
    final RedisExtension redis = new RedisExtension();

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private ClientResources resources;
    private RedisClient client;

    /**
     * A client as cluster mode means to configure one (ADR 0025): it reconnects by itself, at most a tenth of a
     * second apart, and refuses commands while disconnected instead of queueing them (cross-node work is
     * answered {@code unreachable} at once rather than held for an outage of unknown length).
     */
    private StatefulRedisConnection<String, String> connect() {
        resources = ClientResources.builder().reconnectDelay(Delay.constant(Duration.ofMillis(100))).build();
        resources.eventBus().get().subscribe(events::add);
        client = RedisClient.create(resources, RedisURI.create(redis.uri()));
        client.setOptions(ClientOptions.builder().autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
        return client.connect();
    }

    @AfterEach
    void closeClient() throws Exception {
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(5));
        }
        if (resources != null) {
            resources.shutdown(0, 5, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aValueSetThroughLettuceIsReadBack() {
        RedisCommands<String, String> commands = connect().sync();

        assertThat(commands.set("gw:test:name", "alice")).isEqualTo("OK");
        assertThat(commands.get("gw:test:name")).isEqualTo("alice");
        assertThat(redis.uri().toString()).isEqualTo("redis://127.0.0.1:" + redis.port());
    }

    @Test
    void lettuceReconnectsByItselfWhenRedisIsRestartedMidTestAndFindsItEmpty() {
        StatefulRedisConnection<String, String> connection = connect();
        RedisCommands<String, String> commands = connection.sync();
        commands.set("gw:test:name", "alice");
        Awaitility.await("first connection activated").atMost(EVENT_TIMEOUT).until(() -> count(ConnectionActivatedEvent.class) == 1);

        redis.stop();
        Awaitility.await("connection deactivated after Redis stopped").atMost(EVENT_TIMEOUT)
                .until(() -> count(ConnectionDeactivatedEvent.class) == 1);
        assertThat(connection.isOpen()).isFalse();
        assertThatThrownBy(() -> commands.get("gw:test:name")).isInstanceOf(RedisException.class)
                .hasMessageContaining("not connected");

        redis.start();
        Awaitility.await("connection activated again after Redis restarted").atMost(EVENT_TIMEOUT)
                .until(() -> count(ConnectionActivatedEvent.class) == 2);

        assertThat(connection.isOpen()).isTrue();
        assertThat(commands.get("gw:test:name")).as("a restart without persistence forgets everything").isNull();
        assertThat(commands.set("gw:test:name", "bob")).isEqualTo("OK");
        assertThat(commands.get("gw:test:name")).isEqualTo("bob");
    }

    @Test
    void aKilledRedisStopsListeningAndStartsAgainOnTheSamePort() {
        int port = redis.port();
        assertThat(LoopbackPorts.accepts(port)).isTrue();

        redis.kill();
        assertThat(redis.isRunning()).isFalse();
        assertThat(LoopbackPorts.accepts(port)).isFalse();

        redis.start();
        assertThat(redis.isRunning()).isTrue();
        assertThat(redis.port()).isEqualTo(port);
        assertThat(LoopbackPorts.accepts(port)).isTrue();
    }

    private long count(Class<? extends Event> type) {
        return events.stream().filter(type::isInstance).count();
    }
}
