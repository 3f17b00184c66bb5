package org.webrtcgateway.sip;

import java.util.List;
import java.util.stream.Stream;

import jakarta.inject.Singleton;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;

import org.webrtcgateway.core.api.Bridge;
import org.webrtcgateway.core.config.Setting;
import org.webrtcgateway.core.config.Settings;
import org.webrtcgateway.core.plugin.GatewayPlugin;
import org.webrtcgateway.sip.media.MediaConfig;
import org.webrtcgateway.sip.subscribe.SubscribeConfig;
import org.webrtcgateway.sip.transfer.Transfers;

/**
 * Adds the SIP bridge (sip:, sips:, tel:) to the gateway: a plug-in, found on the class path. It
 * stays off unless {@code sip.enabled}.
 */
public final class SipModule extends AbstractModule implements GatewayPlugin {

    @Override
    public String name() {
        return "sip-bridge";
    }

    @Override
    public List<Setting<?>> settings() {
        return Stream.of(SipConfig.SETTINGS, MediaConfig.SETTINGS, SubscribeConfig.SETTINGS, Transfers.SETTINGS)
                .flatMap(List::stream).toList();
    }

    @Override
    public void check(Settings settings) {
        SipConfig.from(settings);
        MediaConfig.from(settings);
        SubscribeConfig.from(settings);
        Transfers.timeout(settings);
    }

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), Bridge.class).addBinding().to(SipBridge.class);
    }

    @Provides
    @Singleton
    SipConfig sipConfig(Settings settings) {
        return SipConfig.from(settings);
    }
}
