package org.webrtcgateway.websocket;

import java.util.List;

import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.core.config.Setting;
import org.webrtcgateway.core.config.Settings;
import org.webrtcgateway.core.net.AddressRanges;

/**
 * Who a connection's client is when a reverse proxy or load balancer stands in front: the
 * {@code websocket.trusted-proxies} and {@code websocket.proxy-protocol} keys. Without them every client behind one
 * proxy would share the proxy's address, and so its per-address connection limit.
 */
public record ProxyConfig(List<String> trustedProxies, boolean proxyProtocol) {

    public static final Setting<List<String>> TRUSTED_PROXIES = new Setting<>("websocket.trusted-proxies", List.of(),
            AddressRanges::parseEntries, "addresses, address/prefix ranges and host names of the reverse proxies or load"
                    + " balancers in front; for their connections the client is the one their PROXY protocol header"
                    + " (websocket.proxy-protocol) or X-Forwarded-For names, and per-address limits and logs use it");
    public static final Setting<Boolean> PROXY_PROTOCOL = Setting.bool("websocket.proxy-protocol", false,
            "connections from websocket.trusted-proxies start with a PROXY protocol header, v1 or v2 (HAProxy's send-proxy"
                    + " or send-proxy-v2), that names the client; X-Forwarded-For is then not read");

    public static final List<Setting<?>> SETTINGS = List.of(TRUSTED_PROXIES, PROXY_PROTOCOL);

    public ProxyConfig {
        trustedProxies = List.copyOf(trustedProxies);
        if (proxyProtocol && trustedProxies.isEmpty()) {
            throw new ConfigException(PROXY_PROTOCOL.key() + " needs " + TRUSTED_PROXIES.key()
                    + ": the proxies whose headers are believed");
        }
    }

    public static ProxyConfig from(Settings s) {
        return new ProxyConfig(s.get(TRUSTED_PROXIES), s.get(PROXY_PROTOCOL));
    }
}
