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
 * sessions of dropped connections too until they end (see {@link AddressSlot}).
 */
@Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ConnectionLimiter.class);
    /** A client that reconnects in a loop would otherwise write a line per attempt. */
    private final RepeatedCondition refused = RepeatedCondition.warn(log,
            "refused connections over websocket.max-connections-per-address");
    private static final AttributeKey<AddressSlot> SLOT = AttributeKey.valueOf("connection-limiter.slot");

    private final int limit;
    private final ConcurrentHashMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();

    ConnectionLimiter(int limit) {
        this.limit = limit;
    }

    /** The place {@code channel} holds in its address's count, or null when nothing is counted. */
    static AddressSlot slotOf(Channel channel) {
        return channel.hasAttr(SLOT) ? channel.attr(SLOT).get() : null;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        InetAddress address = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        int count = perAddress.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
        ctx.channel().attr(SLOT).set(new AddressSlot(() -> giveBack(address)));
        if (count > limit) {
            refused.occurred(address.getHostAddress() + " has " + limit + " already, dropped sessions included");
            Refusal.PER_ADDRESS.mark(ctx.channel());
            ctx.close();
            return;
        }
        super.channelActive(ctx);
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
