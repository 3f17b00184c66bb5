package org.webrtcgateway.xmpp;



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
    final GatewayExtension gateway = prosody.gatewayWithAccounts("alice");

    @BeforeEach
    void alicesAccountIsLoggedIn() {
        ProsodyExtension.awaitLoggedIn(gateway, "alice");
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
