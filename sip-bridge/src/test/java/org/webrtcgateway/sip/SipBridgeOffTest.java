package org.webrtcgateway.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.sip.testing.FreePorts;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;

/** A gateway without SIP configured opens no SIP port, and sip: addresses are unreachable. */
class SipBridgeOffTest {

    private final int port = FreePorts.udpAndTcp();

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension()
            .with("sip.port", String.valueOf(port));

    @Test
    void withoutSipEnabledNoSipPortIsOpened() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, port));
             ServerSocket tcp = new ServerSocket(port, 1, loopback)) {
            assertThat(udp.isBound()).isTrue();
            assertThat(tcp.isBound()).isTrue();
        }
    }

    @Test
    void withoutSipEnabledACallToASipAddressIsUnreachable() {
        TestClient alice = gateway.login("alice");

        alice.requestError("unreachable", "type", "offer", "to", "sip:1002@localhost", "sdp", "v=0\r\n");
    }
}
