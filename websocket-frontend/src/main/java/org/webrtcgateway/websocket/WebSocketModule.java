package org.webrtcgateway.websocket;

import java.util.List;

import jakarta.inject.Singleton;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;

import org.webrtcgateway.core.protocol.Frontend;
import org.webrtcgateway.core.config.Setting;
import org.webrtcgateway.core.config.Settings;
import org.webrtcgateway.core.plugin.GatewayPlugin;

/** Adds the WebSocket frontend to the gateway: a plug-in, found on the class path. */
public final class WebSocketModule extends AbstractModule implements GatewayPlugin {

    @Override
    public String name() {
        return "websocket";
    }

    @Override
    public List<Setting<?>> settings() {
        return WebSocketConfig.SETTINGS;
    }

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), Frontend.class).addBinding().to(WebSocketServer.class);
    }

    @Provides
    @Singleton
    WebSocketConfig webSocketConfig(Settings settings) {
        return WebSocketConfig.from(settings);
    }
}
