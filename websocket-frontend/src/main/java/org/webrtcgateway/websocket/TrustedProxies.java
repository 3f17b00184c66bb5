package org.webrtcgateway.websocket;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

import io.netty.channel.Channel;
import io.netty.util.NetUtil;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.net.AddressRanges;

/**
 * The reverse proxies and load balancers in front ({@code websocket.trusted-proxies}), and how each names its
 * client: by a PROXY protocol header at the start of the connection ({@code websocket.proxy-protocol}) or by
 * {@code X-Forwarded-For} on the HTTP upgrade. Only a trusted proxy's word is taken: anyone else's header is just a
 * header.
 */
final class TrustedProxies {

    private static final Logger log = LoggerFactory.getLogger(TrustedProxies.class);

    /** No proxy in front: every client is its TCP peer. */
    static final TrustedProxies NONE = new TrustedProxies(AddressRanges.resolve(List.of(), (entry, why) -> { }), false);

    private final AddressRanges proxies;
    private final boolean proxyProtocol;

    private TrustedProxies(AddressRanges proxies, boolean proxyProtocol) {
        this.proxies = proxies;
        this.proxyProtocol = proxyProtocol;
    }

    /** Resolves the configured names once, at start; a name that does not resolve is logged and left out. */
    static TrustedProxies of(ProxyConfig config) {
        AddressRanges resolved = AddressRanges.resolve(config.trustedProxies(), (entry, why) ->
                log.warn("{}: '{}' does not resolve ({}); connections from it are taken as its own", ProxyConfig.TRUSTED_PROXIES.key(), entry, why));
        return new TrustedProxies(resolved, config.proxyProtocol());
    }

    /** True when {@code channel}'s TCP peer is a trusted proxy, so the client is the one it names. */
    boolean fronts(Channel channel) {
        return !proxies.isEmpty() && proxies.contains(((InetSocketAddress) channel.remoteAddress()).getAddress());
    }

    /** True when the proxies name clients in a PROXY protocol header rather than in X-Forwarded-For. */
    boolean proxyProtocol() {
        return proxyProtocol;
    }

    /**
     * The client an {@code X-Forwarded-For} value names: the rightmost address that is not itself a trusted proxy,
     * since each proxy appends the address it got the request from and everything left of the last trusted hop may
     * be the client's own invention. Empty when every hop is a trusted proxy, or there is no header.
     *
     * @throws IllegalArgumentException when that address is not an IP address (a proxy that writes host names or
     *     {@code unknown} there), which leaves the client unknown
     */
    Optional<InetAddress> forwardedClient(String xForwardedFor) {
        if (xForwardedFor == null || xForwardedFor.isBlank()) {
            return Optional.empty();
        }
        String[] hops = xForwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            InetAddress hop = ipAddress(hops[i].trim());
            if (hop == null) {
                throw new IllegalArgumentException("X-Forwarded-For names no IP address for the client: '" + hops[i].trim() + "'");
            }
            if (!proxies.contains(hop)) {
                return Optional.of(hop);
            }
        }
        return Optional.empty();
    }

    /** An IP literal, with or without a port ({@code 192.0.2.1:4711}, {@code [2001:db8::1]:4711}); never a DNS lookup. */
    private static InetAddress ipAddress(String hop) {
        String literal = hop;
        if (literal.startsWith("[")) {
            int close = literal.indexOf(']');
            literal = close < 0 ? "" : literal.substring(1, close);
        } else if (literal.indexOf(':') >= 0 && literal.indexOf(':') == literal.lastIndexOf(':')) {
            literal = literal.substring(0, literal.indexOf(':'));
        }
        return NetUtil.createInetAddressFromIpAddressString(literal);
    }
}
