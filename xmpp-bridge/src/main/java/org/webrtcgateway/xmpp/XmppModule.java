package org.webrtcgateway.xmpp;

import java.util.List;

import jakarta.inject.Singleton;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;

import org.webrtcgateway.core.api.Bridge;
import org.webrtcgateway.core.config.Setting;
import org.webrtcgateway.core.config.Settings;
import org.webrtcgateway.core.plugin.GatewayPlugin;

/** Adds the XMPP bridge (xmpp:) to the gateway: a plug-in, found on the class path. Off unless {@code xmpp.enabled}. */
public final class XmppModule extends AbstractModule implements GatewayPlugin {

    @Override
    public String name() {
        return "xmpp-bridge";
    }

    @Override
    public List<Setting<?>> settings() {
        return XmppConfig.SETTINGS;
    }

    @Override
    public void check(Settings settings) {
        XmppConfig.from(settings);
    }

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), Bridge.class).addBinding().to(XmppBridge.class);
    }

    @Provides
    @Singleton
    XmppConfig xmppConfig(Settings settings) {
        return XmppConfig.from(settings);
    }
}
