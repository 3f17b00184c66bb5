package org.webrtcgateway.websocket;

import java.net.InetSocketAddress;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * The address of the client at the far end of a connection: the TCP peer's, unless a trusted proxy named another
 * (PROXY protocol header or X-Forwarded-For, see {@link TrustedProxies}). What logs, per-address limits and the
 * session's connection report.
 */
final class ClientAddress {

    private static final AttributeKey<InetSocketAddress> NAMED_BY_PROXY = AttributeKey.valueOf("client-address.named-by-proxy");

    private ClientAddress() {
    }

    static InetSocketAddress of(Channel channel) {
        InetSocketAddress named = channel.hasAttr(NAMED_BY_PROXY) ? channel.attr(NAMED_BY_PROXY).get() : null;
        return named != null ? named : (InetSocketAddress) channel.remoteAddress();
    }

    /** Records the client a trusted proxy named for {@code channel}. */
    static void namedByProxy(Channel channel, InetSocketAddress client) {
        channel.attr(NAMED_BY_PROXY).set(client);
    }

    /** As Netty writes a socket address ({@code /192.0.2.7:41234}), without the port X-Forwarded-For does not give. */
    static String text(Channel channel) {
        InetSocketAddress client = of(channel);
        return client.getPort() == 0 ? "/" + client.getAddress().getHostAddress() : client.toString();
    }

    /** For log lines: the client's address and, when a proxy named it, the proxy's. */
    static String describe(Channel channel) {
        Object peer = channel.remoteAddress();
        return of(channel).equals(peer) ? String.valueOf(peer) : text(channel) + " (via " + peer + ")";
    }
}
