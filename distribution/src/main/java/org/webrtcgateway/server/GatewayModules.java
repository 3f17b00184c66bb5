package org.webrtcgateway.server;

import java.util.ArrayList;
import java.util.List;

import com.google.inject.Module;

import org.webrtcgateway.core.CoreModule;
import org.webrtcgateway.core.config.Setting;
import org.webrtcgateway.core.config.Settings;
import org.webrtcgateway.sip.SipModule;
import org.webrtcgateway.websocket.WebSocketModule;

/**
 * The modules that make up the gateway, and the settings they read. {@link Main} composes exactly
 * these; tests reuse the same list, with overrides.
 */
public final class GatewayModules {

    private GatewayModules() {
    }

    public static List<Module> all(Settings settings) {
        return List.of(new CoreModule(settings), new WebSocketModule(), new SipModule());
    }

    public static List<Setting<?>> settings() {
        List<Setting<?>> all = new ArrayList<>(WebSocketModule.settings());
        all.addAll(CoreModule.settings());
        all.addAll(SipModule.settings());
        return List.copyOf(all);
    }
}
