package org.webrtcgateway.websocket.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.webrtcgateway.core.admin.GatewayStatus;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.LogCapture;
import org.webrtcgateway.testing.RawWebSocket;
import org.webrtcgateway.testing.TestClient;
import org.webrtcgateway.testing.haproxy.Haproxy;

/**
 * Behind a reverse proxy every connection comes from the proxy's address; the gateway takes the client's from a
 * trusted proxy (websocket.trusted-proxies) so that per-address limits and logs are about clients, not about the
 * proxy. Clients are other loopback addresses (127.0.0.2, 127.0.0.3), the proxy a real HAProxy on 127.0.0.1.
 */
class ClientsBehindAProxyTest {

    /** The session's client address as the admin API reports it, by user name. */
    private static Map<String, String> clientAddresses(GatewayExtension gateway) {
        return gateway.injector().getInstance(GatewayStatus.class).users().stream()
                .collect(Collectors.toMap(GatewayStatus.UserView::name, GatewayStatus.UserView::remote));
    }

    private static void messageArrives(RawWebSocket from, RawWebSocket to, String data) throws IOException {
        from.sendText(TestClient.json("type", "message", "to", "bob", "data", data));
        RawWebSocket.Frame frame = to.readUntil(0x1);
        assertThat(frame).isNotNull();
        assertThat(TestClient.parse(frame.text()).path("data").asText()).isEqualTo(data);
    }

    @Nested
    @Tag("haproxy")
    class ThroughHaproxy {

        @RegisterExtension
        final GatewayExtension proxyProtocol = new GatewayExtension()
                .with("websocket.max-connections-per-address", "1")
                .with("websocket.trusted-proxies", "127.0.0.1")
                .with("websocket.proxy-protocol", "true");

        @RegisterExtension
        final GatewayExtension forwardedFor = new GatewayExtension()
                .with("websocket.max-connections-per-address", "1")
                .with("websocket.trusted-proxies", "127.0.0.1");

        private GatewayExtension gatewayFor(Haproxy.Mode mode) {
            return mode == Haproxy.Mode.FORWARDED_FOR ? forwardedFor : proxyProtocol;
        }

        @ParameterizedTest
        @EnumSource(Haproxy.Mode.class)
        void eachClientBehindTheProxyHasItsOwnAddressAndConnectionLimit(Haproxy.Mode mode) throws Exception {
            GatewayExtension gateway = gatewayFor(mode);
            try (Haproxy haproxy = Haproxy.inFrontOf(gateway.port(), mode);
                 RawWebSocket alice = RawWebSocket.connectFrom("127.0.0.2", haproxy.port());
                 RawWebSocket bob = RawWebSocket.connectFrom("127.0.0.3", haproxy.port())) {
                alice.login("alice");
                bob.login("bob");

                assertThat(clientAddresses(gateway)).hasEntrySatisfying("alice", remote -> assertThat(remote).startsWith("127.0.0.2"))
                        .hasEntrySatisfying("bob", remote -> assertThat(remote).startsWith("127.0.0.3"));
                assertThatThrownBy(() -> RawWebSocket.connectFrom("127.0.0.2", haproxy.port()).close())
                        .as("alice's address has its one connection").isInstanceOf(IOException.class);
                messageArrives(alice, bob, "still here");
            }
        }

        @Test
        void whatAClientWritesInItsOwnForwardedForIsNotBelieved() throws Exception {
            try (Haproxy haproxy = Haproxy.inFrontOf(forwardedFor.port(), Haproxy.Mode.FORWARDED_FOR);
                 RawWebSocket mallory = RawWebSocket.connectFrom("127.0.0.2", haproxy.port(), "X-Forwarded-For: 192.0.2.99")) {
                mallory.login("mallory");

                assertThat(clientAddresses(forwardedFor)).hasEntrySatisfying("mallory", remote -> assertThat(remote).isEqualTo("127.0.0.2"));
                assertThatThrownBy(() -> RawWebSocket.connectFrom("127.0.0.2", haproxy.port(), "X-Forwarded-For: 192.0.2.100").close())
                        .as("a made-up address does not buy another connection").hasMessageContaining("429");
            }
        }
    }

    @Nested
    class WithoutAProxy {

        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension()
                .with("websocket.max-connections-per-address", "1")
                .with("websocket.trusted-proxies", "127.0.0.1")
                .with("websocket.proxy-protocol", "true");

        @Test
        void aForwardedForHeaderFromAClientThatIsNoProxyIsJustAHeader() throws Exception {
            try (RawWebSocket mallory = RawWebSocket.connectFrom("127.0.0.2", gateway.port(), "X-Forwarded-For: 192.0.2.99")) {
                mallory.login("mallory");

                assertThat(clientAddresses(gateway).get("mallory")).startsWith("127.0.0.2:");
                assertThatThrownBy(() -> RawWebSocket.connectFrom("127.0.0.2", gateway.port(), "X-Forwarded-For: 192.0.2.100").close())
                        .isInstanceOf(IOException.class);
            }
        }

        @Test
        void aTrustedProxysConnectionWithoutItsProxyHeaderIsClosedAndLoggedOnce() throws Exception {
            try (LogCapture log = LogCapture.everything(Level.WARN)) {
                for (int i = 0; i < 3; i++) {
                    assertThatThrownBy(() -> RawWebSocket.connectFrom("127.0.0.1", gateway.port()).close()).isInstanceOf(IOException.class);
                }
                try (RawWebSocket direct = RawWebSocket.connectFrom("127.0.0.2", gateway.port())) {
                    direct.login("alice");
                }

                assertThat(LogCapture.lines(log.atLeast(Level.WARN)))
                        .filteredOn(line -> line.contains("PROXY protocol header")).hasSize(1);
            }
        }
    }
}
