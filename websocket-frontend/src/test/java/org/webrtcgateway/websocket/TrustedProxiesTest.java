package org.webrtcgateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.core.config.Settings;

class TrustedProxiesTest {

    private final TrustedProxies proxies = TrustedProxies.of(new ProxyConfig(List.of("10.0.0.0/8", "2001:db8::1"), false));

    private String client(String forwardedFor) {
        return proxies.forwardedClient(forwardedFor).map(InetAddress::getHostAddress).orElse(null);
    }

    @Test
    void theClientIsTheRightmostHopThatIsNoTrustedProxy() {
        assertThat(client("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(client("192.0.2.7, 10.1.2.3")).as("a second proxy of ours appended the first").isEqualTo("192.0.2.7");
        assertThat(client("203.0.113.66, 192.0.2.7")).as("what the client wrote itself, left of it, is ignored").isEqualTo("192.0.2.7");
        assertThat(client("2001:db8::7,2001:db8::1")).isEqualTo("2001:db8:0:0:0:0:0:7");
    }

    @Test
    void portsAndBracketsAroundAHopAreDropped() {
        assertThat(client("192.0.2.7:4711")).isEqualTo("192.0.2.7");
        assertThat(client("[2001:db8::7]:4711")).isEqualTo("2001:db8:0:0:0:0:0:7");
    }

    @Test
    void noHeaderOrOnlyTrustedHopsNameNoClient() {
        assertThat(client(null)).isNull();
        assertThat(client(" ")).isNull();
        assertThat(client("10.0.0.1, 10.0.0.2")).isNull();
    }

    @Test
    void aHopThatIsNoIpAddressLeavesTheClientUnknownAndIsNeverLookedUp() {
        assertThatThrownBy(() -> client("unknown")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'unknown'");
        assertThatThrownBy(() -> client("example.org, 10.0.0.1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'example.org'");
    }

    @Test
    void theProxyProtocolNeedsTheProxiesItBelieves() {
        assertThatThrownBy(() -> ProxyConfig.from(Settings.of(Map.of("websocket.proxy-protocol", "true"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("websocket.trusted-proxies");
        assertThatThrownBy(() -> ProxyConfig.from(Settings.of(Map.of("websocket.trusted-proxies", "10.0.0.0/33"))))
                .hasMessageContaining("10.0.0.0/33");
    }
}
