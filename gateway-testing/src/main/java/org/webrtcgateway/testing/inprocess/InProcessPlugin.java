package org.webrtcgateway.testing.inprocess;

import java.util.List;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;

import org.webrtcgateway.core.config.Setting;
import org.webrtcgateway.core.plugin.GatewayPlugin;
import org.webrtcgateway.core.protocol.Frontend;

/**
 * Adds the {@link InProcessFrontend} to every gateway a test starts with this module on its class path
 * (found as a plug-in, like the real ones). Where the WebSocket frontend is there too, tests use that.
 */
public final class InProcessPlugin extends AbstractModule implements GatewayPlugin {

    @Override
    public String name() {
        return "in-process-frontend";
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of();
    }

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), Frontend.class).addBinding().to(InProcessFrontend.class);
    }
}
