package org.webrtcgateway.core;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import jakarta.inject.Named;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;

import org.webrtcgateway.core.access.AccessConfig;
import org.webrtcgateway.core.admin.AdminConfig;
import org.webrtcgateway.core.admin.AdminServer;
import org.webrtcgateway.core.api.AddressForm;
import org.webrtcgateway.core.api.Bridge;
import org.webrtcgateway.core.auth.TokenVerifier;
import org.webrtcgateway.core.cluster.Cluster;
import org.webrtcgateway.core.cluster.SingleNode;
import org.webrtcgateway.core.config.AuthConfig;
import org.webrtcgateway.core.config.CoreConfig;
import org.webrtcgateway.core.config.IceConfig;
import org.webrtcgateway.core.config.Setting;
import org.webrtcgateway.core.config.Settings;
import org.webrtcgateway.core.config.ShutdownConfig;
import org.webrtcgateway.core.health.HeapPressure;
import org.webrtcgateway.core.metrics.GatewayMeters;
import org.webrtcgateway.core.metrics.MetricsSink;
import org.webrtcgateway.core.protocol.Frontend;
import org.webrtcgateway.core.protocol.Gateway;
import org.webrtcgateway.core.protocol.JsonDecoder;
import org.webrtcgateway.core.protocol.JsonEncoder;
import org.webrtcgateway.core.session.QueueBudget;

/**
 * The core's bindings: configuration, the services, and the (possibly empty) sets that plug-ins add
 * to: bridges, with {@code Multibinder.newSetBinder(binder(), Bridge.class)}, and the forms of the
 * address schemes they bring, with {@code Multibinder.newSetBinder(binder(), AddressForm.class)}.
 */
public final class CoreModule extends AbstractModule {

    /** The single timer thread for resume grace periods and other delayed work of the core. */
    public static final String TIMER = "gateway-timer";

    private final Settings settings;

    public CoreModule(Settings settings) {
        this.settings = requireNonNull(settings, "settings");
    }

    /** Every setting the core reads. */
    public static List<Setting<?>> settings() {
        List<Setting<?>> all = new ArrayList<>(CoreConfig.SETTINGS);
        all.addAll(IceConfig.SETTINGS);
        all.addAll(AuthConfig.SETTINGS);
        all.addAll(AccessConfig.SETTINGS);
        all.addAll(ShutdownConfig.SETTINGS);
        all.addAll(AdminConfig.SETTINGS);
        return all;
    }

    /** The core's part of {@code --check-config}: its typed configurations, and the token key file read. */
    public static void check(Settings s) {
        CoreConfig.from(s);
        IceConfig.from(s);
        AdminConfig.from(s);
        AccessConfig.from(s);
        new TokenVerifier(AuthConfig.from(s));
    }

    @Override
    protected void configure() {
        bind(Settings.class).toInstance(settings);
        bind(JsonDecoder.class).in(com.google.inject.Singleton.class);
        bind(JsonEncoder.class).in(com.google.inject.Singleton.class);
        Multibinder.newSetBinder(binder(), Bridge.class);
        Multibinder.newSetBinder(binder(), AddressForm.class);
        // The admin API is a frontend of its own: started after the core, stopped with the others; idle when off.
        Multibinder.newSetBinder(binder(), Frontend.class).addBinding().to(AdminServer.class);
        bind(Gateway.class).to(CoreGateway.class);
        // A gateway alone unless a plug-in (cluster-redis) binds a shared cluster.
        OptionalBinder.newOptionalBinder(binder(), Cluster.class).setDefault().to(SingleNode.class);
        Multibinder.newSetBinder(binder(), MeterRegistry.class, MetricsSink.class);
    }

    @Provides
    @Singleton
    GatewayMeters gatewayMeters(@MetricsSink Set<MeterRegistry> sinks) {
        return new GatewayMeters(sinks);
    }

    /** What every part instruments with: it feeds each {@link MetricsSink}. */
    @Provides
    @Singleton
    MeterRegistry meterRegistry(GatewayMeters meters) {
        return meters.registry();
    }

    @Provides
    @Singleton
    CoreConfig coreConfig(Settings s) {
        return CoreConfig.from(s);
    }

    @Provides
    @Singleton
    HeapPressure heapPressure(CoreConfig config) {
        return HeapPressure.watching(config.bridgeHeapLimitPercent());
    }

    @Provides
    @Singleton
    QueueBudget queueBudget(CoreConfig config) {
        return QueueBudget.ofHeapPercent(config.queuesHeapPercent());
    }

    @Provides
    @Singleton
    IceConfig iceConfig(Settings s) {
        return IceConfig.from(s);
    }

    @Provides
    @Singleton
    AuthConfig authConfig(Settings s) {
        return AuthConfig.from(s);
    }

    @Provides
    @Singleton
    AccessConfig accessConfig(Settings s) {
        return AccessConfig.from(s);
    }

    @Provides
    @Singleton
    AdminConfig adminConfig(Settings s) {
        return AdminConfig.from(s);
    }

    @Provides
    @Singleton
    ShutdownConfig shutdownConfig(Settings s) {
        return ShutdownConfig.from(s);
    }

    @Provides
    @Singleton
    @Named(TIMER)
    ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, TIMER);
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return Executors.unconfigurableScheduledExecutorService(timer);
    }
}
