package org.webrtcgateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.core.config.Settings;

class ClusterConfigTest {

    private static ClusterConfig config(Map<String, String> values) {
        return ClusterConfig.from(Settings.of(values));
    }

    @Test
    void oneRedisServerIsTheDefaultAndItsUriAndPrefixAreTakenAsGiven() {
        ClusterConfig config = config(Map.of("cluster.redis-uri", "redis://10.0.0.5:6380/2"));

        assertThat(config.redisMode()).isEqualTo(ClusterConfig.RedisMode.STANDALONE);
        assertThat(config.redisAddresses()).containsExactly("redis://10.0.0.5:6380/2");
        assertThat(config.keyPrefix()).isEqualTo("gw:");
    }

    @Test
    void aRedisClusterIsReachedAtEveryNodeNamedAndItsKeysShareOneHashTag() {
        ClusterConfig config = config(Map.of("cluster.redis-mode", "cluster",
                "cluster.redis-uri", "rediss://gateway@10.0.0.5:7000,10.0.0.6:7000,10.0.0.7:7001"));

        assertThat(config.redisAddresses()).containsExactly("rediss://gateway@10.0.0.5:7000", "rediss://gateway@10.0.0.6:7000",
                "rediss://gateway@10.0.0.7:7001");
        assertThat(config.keyPrefix()).isEqualTo("{gw:}");
    }

    @Test
    void aRedisClusterIsNotReachedThroughSentinelNorAtADatabaseOtherThanZero() {
        assertThatThrownBy(() -> config(Map.of("cluster.redis-mode", "cluster",
                "cluster.redis-uri", "redis-sentinel://10.0.0.5:26379#mymaster")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("without Sentinel");
        assertThatThrownBy(() -> config(Map.of("cluster.redis-mode", "cluster", "cluster.redis-uri", "redis://10.0.0.5:7000/3")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("database 0 only");
    }

    @Test
    void anUnknownRedisModeIsRefusedNamingTheTwoThereAre() {
        assertThatThrownBy(() -> config(Map.of("cluster.redis-mode", "sharded")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'standalone' or 'cluster', not 'sharded'");
    }
}
