package org.webrtcgateway.websocket;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.contract.BridgeContract;
import org.webrtcgateway.testing.contract.FarSide;
import org.webrtcgateway.testing.contract.InMemoryFarSide;

/** The bridge contract against the in-memory network: the reference every real bridge is held to. */
class InMemoryBridgeContractTest extends BridgeContract {

    private final InMemoryFarSide network = new InMemoryFarSide();

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension().withModule(network.module());

    @Override
    protected GatewayExtension gateway() {
        return gateway;
    }

    @Override
    protected FarSide farSide() {
        return network;
    }
}
