package org.webrtcgateway.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.sip.testing.FreePorts;
import org.webrtcgateway.testing.GatewayExtension;

/** A SIP port that cannot be opened is a one-line configuration error, and the failed start leaves no thread running. */
@Tag("sip")
class SipListenFailureTest {

    @Test
    void aUdpPortInUseIsAConfigErrorNamingSipPortTheAddressAndTheTransport() throws Exception {
        int port = FreePorts.udpAndTcp();
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {

            Throwable failure = catchThrowable(gateway(port, "udp")::start);

            assertThat(failure).isExactlyInstanceOf(ConfigException.class).hasMessage("sip.port: 127.0.0.1:" + port
                    + " (SIP over udp) is already in use (another gateway or program listens there); choose another port or stop that program");
        }
    }

    @Test
    void aTcpPortInUseIsAConfigErrorNamingSipPortTheAddressAndTheTransport() throws Exception {
        int port = FreePorts.udpAndTcp();
        try (ServerSocket taken = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {

            Throwable failure = catchThrowable(gateway(port, "tcp")::start);

            assertThat(failure).isExactlyInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("sip.port: 127.0.0.1:" + port + " (SIP over tcp) is already in use");
        }
    }

    @Test
    void aSipBindAddressThatIsNotThisHostsIsAConfigErrorNamingSipBind() {
        // TEST-NET-1 (RFC 5737): never an address of this host; the bind fails locally, nothing is sent.
        Throwable failure = catchThrowable(gateway(FreePorts.udpAndTcp(), "udp").with("sip.bind", "192.0.2.1")::start);

        assertThat(failure).isExactlyInstanceOf(ConfigException.class).hasMessageContaining("sip.bind: 192.0.2.1:")
                .hasMessageContaining("cannot assign");
    }

    @Test
    void aFailedSipStartLeavesNoThreadThatKeepsTheJvmAlive() throws Exception {
        Set<Thread> before = liveNonDaemonThreads();
        int port = FreePorts.udpAndTcp();
        try (ServerSocket taken = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            catchThrowable(gateway(port, "udp,tcp")::start);
        }

        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(liveNonDaemonThreads().stream().filter(t -> !before.contains(t)).map(Thread::getName)
                        .collect(Collectors.toSet())).as("threads the failed start left running").isEmpty());
    }

    private static GatewayExtension gateway(int port, String transports) {
        return new GatewayExtension()
                .with("sip.enabled", "true")
                .with("sip.port", String.valueOf(port))
                .with("sip.transports", transports)
                .with("sip.proxy", "127.0.0.1:" + FreePorts.udpAndTcp()) // never reached: the start fails first
                .with("sip.account.alice.aor", "sip:1001@localhost");
    }

    private static Set<Thread> liveNonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !t.isDaemon()).collect(Collectors.toSet());
    }
}
