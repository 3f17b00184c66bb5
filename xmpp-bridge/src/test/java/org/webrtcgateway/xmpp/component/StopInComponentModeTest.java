package org.webrtcgateway.xmpp.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.core.Lifecycle;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;
import org.webrtcgateway.xmpp.XmppBridge;
import org.webrtcgateway.xmpp.testing.ProsodyExtension;
import org.webrtcgateway.xmpp.testing.SlixmppClient;

/**
 * The gateway's stop in component mode, through Prosody: each logged-in user goes unavailable before the
 * component's stream is closed, and the stop waits for that.
 */
@Tag("xmpp")
class StopInComponentModeTest {

    private static final String ALICES_JID = "alice@" + ProsodyExtension.COMPONENT_DOMAIN + "/" + ComponentEndpoint.RESOURCE;

    @RegisterExtension
    static final ProsodyExtension prosody = new ProsodyExtension();

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension()
            .with("shutdown.timeout", "10s")
            .with("xmpp.enabled", "true")
            .with("xmpp.mode", "component")
            .with("xmpp.component.domain", ProsodyExtension.COMPONENT_DOMAIN)
            .with("xmpp.component.server", "127.0.0.1:" + prosody.componentPort())
            .with("xmpp.component.secret", ProsodyExtension.COMPONENT_SECRET);

    @Test
    void aContactSeesEveryUserGoUnavailableBeforeTheStreamCloses() throws Exception {
        TestClient alice = gateway.login("alice");
        XmppBridge bridge = gateway.injector().getInstance(XmppBridge.class);
        await().atMost(Duration.ofSeconds(15)).until(() -> bridge.isLoggedIn("alice"));
        try (SlixmppClient bob = SlixmppClient.online(prosody, "bob", "chat", "here")) {
            bob.awaitLine("READY");
            // bob approves and asks back; alice follows bob, so the gateway approves him: each sees the other.
            alice.send("type", "subscribe", "to", "xmpp:bob@localhost");
            assertThat(bob.awaitLine("PRESENCE " + ALICES_JID)).isEqualTo("PRESENCE " + ALICES_JID + " available - -");

            List<String> undone = gateway.injector().getInstance(Lifecycle.class).stop();

            assertThat(bob.awaitLine("PRESENCE " + ALICES_JID)).isEqualTo("PRESENCE " + ALICES_JID + " unavailable - -");
            assertThat(undone).as("presence and the stream's end written").isEmpty();
        }
    }
}
