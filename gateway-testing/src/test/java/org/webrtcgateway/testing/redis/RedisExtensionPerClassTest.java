package org.webrtcgateway.testing.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.webrtcgateway.testing.LoopbackPorts;

/** Registered on a static field: one Redis for the class, started again for a test when an earlier one stopped it. */
@Tag("redis")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisExtensionPerClassTest {

    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    private static int firstPort;

    @Test
    @Order(1)
    void aTestMayLeaveRedisStopped() {
        firstPort = REDIS.port();
        REDIS.stop();
        assertThat(LoopbackPorts.accepts(firstPort)).isFalse();
    }

    @Test
    @Order(2)
    void theNextTestFindsItRunningAgainOnTheSamePort() {
        assertThat(REDIS.isRunning()).isTrue();
        assertThat(REDIS.port()).isEqualTo(firstPort);
        assertThat(LoopbackPorts.accepts(firstPort)).isTrue();
    }
}
