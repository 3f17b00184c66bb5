package org.webrtcgateway.websocket;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import io.netty.util.NetUtil;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.log.RepeatedCondition;

/**
 * Takes the client's address from the PROXY protocol header a trusted proxy sends first (Netty's
 * {@code HAProxyMessageDecoder}, just before this, reads v1 and v2 and then leaves the pipeline), tells the
 * connection limiter, and leaves too. A {@code LOCAL} header (the proxy's own health check) names no client: the
 * proxy is the client then. A connection whose header is missing or malformed is closed: from a proxy that is
 * meant to send one, anything else is a misconfiguration or an impostor.
 */
final class ProxyHeaderReader extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ProxyHeaderReader.class);

    /** What the limiter waits for on a proxied connection: the client is known. */
    record ClientNamed(InetSocketAddress client) {
    }

    private final RepeatedCondition malformed;

    ProxyHeaderReader(RepeatedCondition malformed) {
        this.malformed = malformed;
    }

    /** One per frontend: a proxy misconfigured to send no header would otherwise log a line per connection. */
    static RepeatedCondition malformedHeaders() {
        return RepeatedCondition.warn(log, "closed connections from trusted proxies without a valid PROXY protocol header");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HAProxyMessage header)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            InetSocketAddress client = named(header);
            if (client == null) {
                client = (InetSocketAddress) ctx.channel().remoteAddress();
            }
            ClientAddress.namedByProxy(ctx.channel(), client);
            ctx.pipeline().remove(this);
            ctx.pipeline().fireUserEventTriggered(new ClientNamed(client));
        } finally {
            header.release();
        }
    }

    /** The client a {@code PROXY} header names; null for {@code LOCAL}, {@code UNKNOWN} and Unix sockets. */
    private static InetSocketAddress named(HAProxyMessage header) {
        if (header.command() != HAProxyCommand.PROXY || header.sourceAddress() == null) {
            return null;
        }
        InetAddress address = NetUtil.createInetAddressFromIpAddressString(header.sourceAddress());
        return address == null ? null : new InetSocketAddress(address, header.sourcePort());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof HAProxyProtocolException) {
            malformed.occurred(ctx.channel().remoteAddress() + ": " + cause.getMessage());
            ctx.close();
            return;
        }
        ctx.fireExceptionCaught(cause);
    }
}
