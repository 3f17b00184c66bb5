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

/** A Redis that speaks TLS only: nodes reach it with rediss:// and cluster.redis-tls-trust, and refuse an unknown CA. */
@Tag("redis")
class RedisTlsTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension().withTls();

    @RegisterExtension
    final Nodes nodes = new Nodes(redis);


    @Test
    void nodesTrustingRedissCertificateShareTheirUsersOverTls() throws Exception {
        Map<String, String> trust = Map.of("cluster.redis-tls-trust", redis.certificate().toString());
        GatewayExtension a = nodes.start("a", trust);
        GatewayExtension b = nodes.start("b", trust);
        TestClient alice = a.login("alice");
        TestClient bob = b.login("bob");

        alice.requestOk("type", "message", "to", "bob", "data", Map.of("over", "tls"));

        assertThat(bob.next("message").path("data").path("over").asText()).isEqualTo("tls");
    }

    @Test
    void aNodeThatDoesNotTrustRedissCertificateDoesNotStart() {
        assertThatThrownBy(() -> nodes.start("a", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot reach Redis at " + redis.uri());
    }
}
