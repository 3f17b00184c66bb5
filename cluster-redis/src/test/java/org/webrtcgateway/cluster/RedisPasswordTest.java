package org.webrtcgateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;
import org.webrtcgateway.testing.redis.RedisExtension;

/** A Redis that requires a password: nodes with {@code cluster.redis-password} work, a wrong one stops the start. */
@Tag("redis")
class RedisPasswordTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension().withPassword("s3cret-for-the-test");

    @RegisterExtension
    final Nodes nodes = new Nodes(redis);


    @Test
    void nodesGivenThePasswordShareTheirUsers() throws Exception {
        GatewayExtension a = nodes.start("a", Map.of("cluster.redis-password", "s3cret-for-the-test"));
        GatewayExtension b = nodes.start("b", Map.of("cluster.redis-password", "s3cret-for-the-test"));
        TestClient alice = a.login("alice");
        TestClient bob = b.login("bob");

        alice.requestOk("type", "message", "to", "bob", "data", Map.of("over", "auth"));

        assertThat(bob.next("message").path("data").path("over").asText()).isEqualTo("auth");
    }

    @Test
    void aNodeWithAWrongPasswordDoesNotStartAndSaysWhy() {
        assertThatThrownBy(() -> nodes.start("a", Map.of("cluster.redis-password", "wrong")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cluster.redis-uri: cannot reach Redis at " + redis.uri());
    }
}
