package org.webrtcgateway.cluster;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.OptionalBinder;

import org.webrtcgateway.core.cluster.Cluster;
import org.webrtcgateway.core.cluster.SingleNode;
import org.webrtcgateway.core.config.Setting;
import org.webrtcgateway.core.config.Settings;
import org.webrtcgateway.core.plugin.GatewayPlugin;

/**
 * Cluster mode (ADR 0025), a plug-in found on the class path: with {@code cluster.enabled}, the node shares names,
 * rooms, presence and sessions with the other nodes through Redis; without it, the gateway stays a node alone and
 * nothing here starts.
 */
public final class ClusterPlugin extends AbstractModule implements GatewayPlugin {

    @Override
    public String name() {
        return "cluster-redis";
    }

    @Override
    public List<Setting<?>> settings() {
        return ClusterConfig.SETTINGS;
    }

    @Override
    public void check(Settings settings) {
        ClusterConfig.from(settings);
    }

    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), Cluster.class).setBinding().toProvider(ChosenCluster.class)
                .in(com.google.inject.Singleton.class);
    }

    @Provides
    @Singleton
    ClusterConfig clusterConfig(Settings settings) {
        return ClusterConfig.from(settings);
    }

    /** Redis when {@code cluster.enabled}, else a node alone. */
    static final class ChosenCluster implements Provider<Cluster> {

        private final ClusterConfig config;
        private final Provider<RedisCluster> redis;
        private final Provider<SingleNode> alone;

        @Inject
        ChosenCluster(ClusterConfig config, Provider<RedisCluster> redis, Provider<SingleNode> alone) {
            this.config = config;
            this.redis = redis;
            this.alone = alone;
        }

        @Override
        public Cluster get() {
            return config.enabled() ? redis.get() : alone.get();
        }
    }
}
