package org.webrtcgateway.xmpp;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.contract.BridgeContract;
import org.webrtcgateway.testing.contract.FarSide;
import org.webrtcgateway.xmpp.testing.ProsodyExtension;
import org.webrtcgateway.xmpp.testing.XmppFarSide;

/**
 * The bridge contract through real XMPP: browser user alice is account alice@localhost, the far side is bob@localhost,
 * a Smack client of the test's own that answers Jingle by hand; every call, message and presence crosses Prosody.
 * Calls are rung with XEP-0353 both ways, as today's clients ring.
 */
@Tag("xmpp")
class XmppBridgeContractTest extends BridgeContract {

    @RegisterExtension
    static final ProsodyExtension prosody = new ProsodyExtension();

    @RegisterExtension
    final XmppFarSide bob = new XmppFarSide(prosody, "bob");

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension()
            .with("xmpp.enabled", "true")
            .with("xmpp.server", prosody.c2sHostPort())
            .with("xmpp.trust-certificate", prosody.certificate().toString())
            .with("xmpp.account.alice.jid", "alice@localhost")
            .with("xmpp.account.alice.password", "alicepw");

    @BeforeEach
    void alicesAccountIsLoggedIn() {
        XmppBridge bridge = gateway.injector().getInstance(XmppBridge.class);
        await().atMost(Duration.ofSeconds(15)).until(() -> bridge.isLoggedIn("alice"));
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
