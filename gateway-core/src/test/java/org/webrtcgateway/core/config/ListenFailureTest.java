package org.webrtcgateway.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;

import org.junit.jupiter.api.Test;

/** The operating system's own errors, from real sockets where the test can provoke them. */
class ListenFailureTest {

    @Test
    void aPortInUseNamesThePortSettingTheAddressAndWhatToDo() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Throwable failure = catchThrowable(() -> {
                try (ServerSocket second = new ServerSocket()) {
                    second.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), taken.getLocalPort()));
                }
            });

            ConfigException explained = explain("127.0.0.1", taken.getLocalPort(), failure);

            assertThat(explained.getMessage()).isEqualTo("websocket.port: 127.0.0.1:" + taken.getLocalPort()
                    + " is already in use (another gateway or program listens there); choose another port or stop that program");
        }
    }

    @Test
    void anAddressNotOfThisHostNamesTheBindSetting() {
        // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never an address of this host. Nothing is sent to it.
        Throwable failure = catchThrowable(() -> {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 0));
            }
        });

        ConfigException explained = explain("192.0.2.1", 0, failure);

        assertThat(explained.getMessage()).startsWith("websocket.bind: 192.0.2.1:0: cannot assign the address");
    }

    @Test
    void aLowPortWithoutThePrivilegeSaysWhichCapabilityIsMissing() {
        // Tests run as root, where a low port binds: this is the exception the JDK throws for EACCES.
        ConfigException explained = explain("127.0.0.1", 80, new SocketException("Permission denied"));

        assertThat(explained.getMessage()).isEqualTo("websocket.port: 127.0.0.1:80: permission denied: ports below 1024"
                + " need CAP_NET_BIND_SERVICE (or root); choose a port of 1024 or above, or grant the capability");
    }

    @Test
    void theOperatingSystemsErrorIsFoundInsideALibrarysWrapper() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Throwable failure = catchThrowable(() -> new ServerSocket(taken.getLocalPort(), 50, InetAddress.getLoopbackAddress()));

            ConfigException explained = ListenFailure.explain("sip.bind", "sip.port", "SIP over tcp", "127.0.0.1",
                    taken.getLocalPort(), new IllegalStateException("cannot create listening point", failure)).orElseThrow();

            assertThat(explained.getMessage()).startsWith("sip.port: 127.0.0.1:" + taken.getLocalPort() + " (SIP over tcp) is already in use");
        }
    }

    @Test
    void anIpv6AddressIsBracketed() {
        assertThat(explain("::1", 8080, new SocketException("Address already in use")).getMessage())
                .startsWith("websocket.port: [::1]:8080 is already in use");
    }

    @Test
    void aFailureWithNoIoErrorBehindItIsNotExplainedAway() {
        assertThat(ListenFailure.explain("websocket.bind", "websocket.port", null, "127.0.0.1", 8080,
                new IllegalStateException("a bug"))).isEmpty();
    }

    private static ConfigException explain(String host, int port, Throwable failure) {
        return ListenFailure.explain("websocket.bind", "websocket.port", null, host, port, failure).orElseThrow();
    }
}
