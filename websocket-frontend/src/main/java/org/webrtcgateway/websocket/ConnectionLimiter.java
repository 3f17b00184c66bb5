package org.webrtcgateway.websocket;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.log.RepeatedCondition;

/**
 * Caps connections per client IP address ({@code websocket.max-connections-per-address}), counting the
 * sessions of dropped connections too until they end (see {@link AddressSlot}). A connection from a trusted proxy
 * counts against the client the proxy names, once it is known: its PROXY protocol header, or the X-Forwarded-For of
 * its upgrade request ({@link #admit}); a proxied plain HTTP request (a page, /health) counts against nobody.
 */
@Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ConnectionLimiter.class);
    /** A client that reconnects in a loop would otherwise write a line per attempt. */
    private final RepeatedCondition refused = RepeatedCondition.warn(log,
            "refused connections over websocket.max-connections-per-address");
    private static final AttributeKey<AddressSlot> SLOT = AttributeKey.valueOf("connection-limiter.slot");

    private final int limit;
    private final TrustedProxies proxies;
    private final ConcurrentHashMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();

    ConnectionLimiter(int limit, TrustedProxies proxies) {
        this.limit = limit;
        this.proxies = proxies;
    }

    /** The place {@code channel} holds in its address's count, or null when nothing is counted. */
    static AddressSlot slotOf(Channel channel) {
        return channel.hasAttr(SLOT) ? channel.attr(SLOT).get() : null;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (!proxies.fronts(ctx.channel()) && !admit(ctx.channel(), ClientAddress.of(ctx.channel()).getAddress())) {
            ctx.close();
            return;
        }
        super.channelActive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof ProxyHeaderReader.ClientNamed named && !admit(ctx.channel(), named.client().getAddress())) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    /**
     * Counts {@code channel} against {@code client}; false when that address has its limit already (the place is
     * held all the same, and given back when the channel closes).
     */
    boolean admit(Channel channel, InetAddress client) {
        if (channel.hasAttr(SLOT) && channel.attr(SLOT).get() != null) {
            return true; // counted already: a second request on a keep-alive connection
        }
        int count = perAddress.computeIfAbsent(client, a -> new AtomicInteger()).incrementAndGet();
        channel.attr(SLOT).set(new AddressSlot(() -> giveBack(client)));
        if (count > limit) {
            InetSocketAddress peer = (InetSocketAddress) channel.remoteAddress();
            String via = client.equals(peer.getAddress()) ? "" : " (via " + peer + ")";
            refused.occurred(client.getHostAddress() + via + " has " + limit + " already, dropped sessions included");
            Refusal.PER_ADDRESS.mark(channel);
            return false;
        }
        return true;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        // An upgraded connection's place is given back by its WebSocketConnection, when the core lets it go.
        AddressSlot slot = slotOf(ctx.channel());
        if (slot != null && !ctx.channel().hasAttr(SignalingHandler.UPGRADED)) {
            slot.release();
        }
        super.channelInactive(ctx);
    }

    private void giveBack(InetAddress address) {
        perAddress.computeIfPresent(address, (a, count) -> count.decrementAndGet() == 0 ? null : count);
    }
}
