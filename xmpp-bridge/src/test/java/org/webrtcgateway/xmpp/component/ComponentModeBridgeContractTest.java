package org.webrtcgateway.xmpp.component;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.contract.BridgeContract;
import org.webrtcgateway.testing.contract.FarSide;
import org.webrtcgateway.xmpp.XmppBridge;
import org.webrtcgateway.xmpp.testing.ProsodyExtension;
import org.webrtcgateway.xmpp.testing.XmppFarSide;

/**
 * The bridge contract through real XMPP in component mode: browser user alice is alice@gw.localhost, through the
 * gateway's component connection; the far side, bob@localhost, is the same Smack client the account-mode contract
 * test calls and is called by. The same call, chat and presence code serves both modes: this is where that shows.
 */
@Tag("xmpp")
class ComponentModeBridgeContractTest extends BridgeContract {

    @RegisterExtension
    static final ProsodyExtension prosody = new ProsodyExtension();

    @RegisterExtension
    final XmppFarSide bob = new XmppFarSide(prosody, "bob", ProsodyExtension.COMPONENT_DOMAIN);

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension()
            .with("xmpp.enabled", "true")
            .with("xmpp.mode", "component")
            .with("xmpp.component.domain", ProsodyExtension.COMPONENT_DOMAIN)
            .with("xmpp.component.server", "127.0.0.1:" + prosody.componentPort())
            .with("xmpp.component.secret", ProsodyExtension.COMPONENT_SECRET);

    @BeforeEach
    void theComponentIsConnected() {
        // Users are online in XMPP while logged in, and each contract test logs alice in and goes at once: a
        // bystander online in XMPP shows the component's stream is up before it starts.
        gateway.login("dave");
        XmppBridge bridge = gateway.injector().getInstance(XmppBridge.class);
        await().atMost(Duration.ofSeconds(15)).until(() -> bridge.isLoggedIn("dave"));
    }

    @Override
    protected GatewayExtension gateway() {
        return gateway;
    }

    @Override
    protected FarSide farSide() {
        return bob;
    }
}
