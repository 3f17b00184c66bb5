package org.webrtcgateway.websocket;

import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pings a connection that has been quiet for {@code websocket.ping-interval} and drops one quiet for
 * {@code websocket.idle-timeout} (a dead network: no close frame, so its session may be resumed).
 * One handler and one timer per connection, where Netty's IdleStateHandler plus ReadTimeoutHandler
 * would take two of each: idle connections are what a signaling server holds most of.
 */
final class IdleGuard extends ChannelDuplexHandler {

    private static final Logger log = LoggerFactory.getLogger(IdleGuard.class);

    private final long pingAfterNanos;
    private final long dropAfterNanos;
    private long lastRead;
    private ScheduledFuture<?> check;

    IdleGuard(WebSocketConfig config) {
        this.pingAfterNanos = config.pingInterval().toNanos();
        this.dropAfterNanos = config.idleTimeout().toNanos();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        lastRead = System.nanoTime();
        schedule(ctx, pingAfterNanos);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        lastRead = System.nanoTime();
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
        super.channelInactive(ctx);
    }

    private void schedule(ChannelHandlerContext ctx, long delayNanos) {
        check = ctx.executor().schedule(() -> onTimer(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void onTimer(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            return;
        }
        long quiet = System.nanoTime() - lastRead;
        if (quiet >= dropAfterNanos) {
            log.info("dropped {}: nothing received for {} ms", ctx.channel().remoteAddress(), TimeUnit.NANOSECONDS.toMillis(quiet));
            ctx.close();
            return;
        }
        if (quiet >= pingAfterNanos) {
            // Before the upgrade this is an HTTP connection: a ping frame would not encode, and is not needed.
            if (ctx.channel().hasAttr(SignalingHandler.UPGRADED)) {
                // From the tail: the WebSocket frame encoder sits above this handler in the pipeline.
                ctx.channel().writeAndFlush(new PingWebSocketFrame(), ctx.voidPromise());
            }
            schedule(ctx, Math.min(pingAfterNanos, dropAfterNanos - quiet));
        } else {
            schedule(ctx, pingAfterNanos - quiet);
        }
    }
}
