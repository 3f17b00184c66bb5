package org.webrtcgateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.core.config.Settings;
import org.webrtcgateway.core.plugin.Composition;
import org.webrtcgateway.core.plugin.GatewayPlugin;
import org.webrtcgateway.core.routing.BridgeRegistry;
import org.webrtcgateway.sip.SipConfig;
import org.webrtcgateway.websocket.WebSocketConfig;
import org.webrtcgateway.xmpp.XmppConfig;

/** The distribution is what its class path holds: each module a plug-in, none named in its code. */
class PluginsTest {

    @Test
    void theFrontendAndTheBridgesAreFoundOnTheClassPath() {
        Composition gateway = Composition.discover();

        // On this test class path only: echo-bridge (PluggedSchemeTest's) and gateway-testing's in-process frontend.
        assertThat(gateway.plugins()).extracting(GatewayPlugin::name)
                .containsExactly("cluster-redis", "echo-bridge", "in-process-frontend", "sip-bridge", "websocket", "xmpp-bridge");
        assertThat(gateway.settings()).containsAll(WebSocketConfig.SETTINGS).containsAll(SipConfig.SETTINGS)
                .containsAll(XmppConfig.SETTINGS);
    }

    @Test
    void aComposedGatewayRoutesSipAddressesToTheBridgeItFound() throws Exception {
        Composition.Started started = Composition.discover().start(Settings.of(Map.of("websocket.port", "0")), List.of());
        try {
            BridgeRegistry bridges = started.injector().getInstance(BridgeRegistry.class);

            assertThat(bridges.forScheme("sip")).hasValueSatisfying(bridge -> assertThat(bridge.name()).isEqualTo("sip"));
            assertThat(bridges.forScheme("tel")).isPresent();
        } finally {
            started.lifecycle().stop();
        }
    }

    @Test
    void aMisspelledSettingStopsTheStartWithASuggestion() {
        Settings misspelled = Settings.of(Map.of("websocket.port", "0", "sip.enabeld", "true"));

        assertThatThrownBy(() -> Composition.discover().start(misspelled, List.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sip.enabled");
    }
}
