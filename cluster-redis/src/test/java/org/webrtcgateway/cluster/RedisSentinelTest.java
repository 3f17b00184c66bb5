package org.webrtcgateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.LoopbackPorts;
import org.webrtcgateway.testing.TestClient;
import org.webrtcgateway.testing.redis.RedisExtension;

/**
 * Nodes given a Sentinel address (redis-sentinel://) ask the Sentinel where the master is, as Lettuce does: a real
 * Sentinel ({@code redis-server --sentinel}, the Debian package's binary) watching a real Redis.
 */
@Tag("redis")
class RedisSentinelTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @TempDir
    Path folder;

    @RegisterExtension
    final Nodes nodes = new Nodes(redis);
    private Process sentinel;
    private int sentinelPort;

    @BeforeEach
    void startSentinel() throws IOException {
        sentinelPort = LoopbackPorts.free();
        Path config = folder.resolve("sentinel.conf");
        Files.writeString(config, String.join("\n", "bind 127.0.0.1", "port " + sentinelPort, "dir " + folder,
                "sentinel monitor gateway 127.0.0.1 " + redis.port() + " 1", ""));
        sentinel = new ProcessBuilder(RedisExtension.BINARY.toString(), config.toString(), "--sentinel")
                .redirectErrorStream(true).redirectOutput(folder.resolve("sentinel.log").toFile()).start();
        Awaitility.await("the Sentinel listens").atMost(Duration.ofSeconds(10)).until(() -> LoopbackPorts.accepts(sentinelPort));
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        nodes.close();
        sentinel.destroy();
        sentinel.waitFor();
    }

    @Test
    void nodesFindTheMasterThroughTheSentinelAndShareTheirUsers() throws Exception {
        Map<String, String> throughSentinel = Map.of("cluster.redis-uri", "redis-sentinel://127.0.0.1:" + sentinelPort + "#gateway");
        GatewayExtension a = nodes.start("a", throughSentinel);
        GatewayExtension b = nodes.start("b", throughSentinel);
        TestClient alice = a.login("alice");
        TestClient bob = b.login("bob");

        alice.requestOk("type", "message", "to", "bob", "data", Map.of("via", "sentinel"));

        assertThat(bob.next("message").path("data").path("via").asText()).isEqualTo("sentinel");
    }
}
