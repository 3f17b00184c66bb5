package org.webrtcgateway.websocket;

import java.nio.file.Files;
import java.util.List;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;

import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.core.config.Setting;
import org.webrtcgateway.core.config.Settings;
import org.webrtcgateway.core.metrics.MetricsSink;
import org.webrtcgateway.core.plugin.GatewayPlugin;
import org.webrtcgateway.core.plugin.Reloadable;
import org.webrtcgateway.core.protocol.Frontend;
import org.webrtcgateway.websocket.tls.ServerTls;

/** Adds the WebSocket frontend to the gateway: a plug-in, found on the class path. */
public final class WebSocketModule extends AbstractModule implements GatewayPlugin {

    @Override
    public String name() {
        return "websocket";
    }

    @Override
    public List<Setting<?>> settings() {
        List<Setting<?>> all = new java.util.ArrayList<>(WebSocketConfig.SETTINGS);
        all.addAll(MetricsConfig.SETTINGS);
        all.addAll(ProxyConfig.SETTINGS);
        return List.copyOf(all);
    }

    @Override
    public void check(Settings settings) {
        MetricsConfig.from(settings);
        ProxyConfig.from(settings);
        WebSocketConfig config = WebSocketConfig.from(settings);
        if (config.staticDir() != null && !Files.isDirectory(config.staticDir())) {
            throw new ConfigException(WebSocketConfig.STATIC_DIR.key() + ": " + config.staticDir() + " is not a folder"
                    + (Files.exists(config.staticDir()) ? "" : " (it does not exist)"));
        }
        if (config.tls()) {
            ServerTls.check(config);
        }
    }

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), Frontend.class).addBinding().to(WebSocketServer.class);
        Multibinder.newSetBinder(binder(), Reloadable.class).addBinding().to(ServerTls.class);
        Multibinder.newSetBinder(binder(), Frontend.class).addBinding().to(MetricsServer.class);
        Multibinder.newSetBinder(binder(), MeterRegistry.class, MetricsSink.class).addBinding()
                .toProvider(PrometheusSink.class);
    }

    /** The Prometheus registry, as the core's meters see it. */
    private static final class PrometheusSink implements jakarta.inject.Provider<MeterRegistry> {
        private final MetricsExposition exposition;

        @jakarta.inject.Inject
        PrometheusSink(MetricsExposition exposition) {
            this.exposition = exposition;
        }

        @Override
        public MeterRegistry get() {
            return exposition.registry();
        }
    }

    @Provides
    @Singleton
    MetricsConfig metricsConfig(Settings settings) {
        return MetricsConfig.from(settings);
    }

    @Provides
    @Singleton
    ProxyConfig proxyConfig(Settings settings) {
        return ProxyConfig.from(settings);
    }

    @Provides
    @Singleton
    WebSocketConfig webSocketConfig(Settings settings) {
        return WebSocketConfig.from(settings);
    }
}
