package org.webrtcgateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.testing.GatewayExtension;

/**
 * A gateway that cannot listen says why in one line (the distribution prints a ConfigException's
 * message alone and exits 2) and leaves no thread behind that would keep the JVM alive.
 */
class ListenFailureTest {

    @Test
    void aPortInUseIsAConfigErrorNamingTheSettingTheAddressAndWhatToDo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            Throwable failure = catchThrowable(new GatewayExtension().with("websocket.port", String.valueOf(port))::start);

            assertThat(failure).isExactlyInstanceOf(ConfigException.class).hasMessage("websocket.port: 127.0.0.1:" + port
                    + " is already in use (another gateway or program listens there); choose another port or stop that program");
        }
    }

    @Test
    void aBindAddressThatIsNotThisHostsIsAConfigErrorNamingTheBindSetting() {
        // TEST-NET-1 (RFC 5737): never an address of this host; the bind fails locally, nothing is sent.
        Throwable failure = catchThrowable(new GatewayExtension().with("websocket.bind", "192.0.2.1")::start);

        assertThat(failure).isExactlyInstanceOf(ConfigException.class)
                .hasMessageStartingWith("websocket.bind: 192.0.2.1:0: cannot assign the address");
    }

    @Test
    void aGatewayThatFailedToListenLeavesNoThreadThatKeepsTheJvmAlive() throws Exception {
        Set<Thread> before = liveNonDaemonThreads();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            catchThrowable(new GatewayExtension().with("websocket.port", String.valueOf(taken.getLocalPort()))::start);
        }

        await().pollInSameThread().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(names(liveNonDaemonThreads().stream().filter(t -> !before.contains(t)).collect(Collectors.toSet())))
                        .as("threads the failed start left running").isEmpty());
    }

    private static Set<Thread> liveNonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !t.isDaemon()).collect(Collectors.toSet());
    }

    private static Set<String> names(Set<Thread> threads) {
        return threads.stream().map(Thread::getName).collect(Collectors.toSet());
    }
}
