package org.webrtcgateway.sip;

import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.sip.testing.KamailioExtension;
import org.webrtcgateway.sip.testing.SipAgent;
import org.webrtcgateway.sip.testing.SipFarSide;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.contract.BridgeContract;
import org.webrtcgateway.testing.contract.FarSide;

/**
 * The bridge contract through real SIP: alice's account 1001 and the far side's phone 1002 are both
 * registered at Kamailio (digest on), so every call and message crosses the PBX both ways. The far side is
 * a JAIN-SIP user agent the test drives ({@link SipFarSide}); presence is not bridged to SIP.
 */
@Tag("sip")
class SipBridgeContractTest extends BridgeContract {

    @RegisterExtension
    static final KamailioExtension kamailio = new KamailioExtension();

    @RegisterExtension
    final SipFarSide phone = new SipFarSide(kamailio, "1002", "pw1002").reaching("alice", "1001");

    @RegisterExtension
    final GatewayExtension gateway = kamailio.gatewayWithAliceAs1001()
            // The contract's offers mostly come without end-of-candidates: each of those waits this long.
            .with("sip.gathering-deadline", "1s")
            // JUnit may close the phone before the gateway: the BYE of a call still up then goes unanswered.
            .with("shutdown.timeout", "1s");

    /** A call from the phone reaches alice only once Kamailio knows where her account is. */
    @BeforeEach
    void alicesAccountIsRegistered() {
        SipBridge bridge = gateway.injector().getInstance(SipBridge.class);
        await().atMost(SipAgent.WAIT).until(() -> bridge.registration(user()).map(r -> r.registered()).orElse(false));
    }

    @Override
    protected GatewayExtension gateway() {
        return gateway;
    }

    @Override
    protected FarSide farSide() {
        return phone;
    }
}
