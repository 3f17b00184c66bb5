package org.webrtcgateway.websocket;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.webrtcgateway.core.log.RepeatedCondition;

/**
 * Pings a connection that has been quiet for {@code websocket.ping-interval} and drops one quiet for
 * {@code websocket.idle-timeout} (a dead network: no close frame, so its session may be resumed).
 * Drops a connection whose unsent bytes have not moved for {@code websocket.idle-timeout} too: a client
 * that keeps sending (pings, say) but reads nothing is as gone as a quiet one.
 * Closes a connection that has not completed the WebSocket upgrade within {@code websocket.handshake-timeout}
 * of connecting: the quiet timer alone restarts on every byte, so a request sent a byte at a time would
 * hold its connection for ever.
 * One handler and one timer per connection for all three, where Netty's IdleStateHandler, ReadTimeoutHandler
 * and a handshake timer would take three of each: idle connections are what a signaling server holds most of.
 */
final class IdleGuard extends ChannelDuplexHandler {

    private static final Logger log = LoggerFactory.getLogger(IdleGuard.class);
    /*
     * Once a minute with a count, not a line per connection: a thousand half-open connections make a
     * thousand drops a minute from one address. A user's own drop is still in the session log (its
     * event=drop line); each single drop is at DEBUG here.
     */
    private static final RepeatedCondition quietDropped = new RepeatedCondition(log, Level.INFO,
            "dropped connections that sent nothing for websocket.idle-timeout", RepeatedCondition.MINUTE, System::nanoTime);
    private static final RepeatedCondition stalledDropped = new RepeatedCondition(log, Level.INFO,
            "dropped connections that read nothing of what waits for them for websocket.idle-timeout",
            RepeatedCondition.MINUTE, System::nanoTime);

    private final long pingAfterNanos;
    private final long dropAfterNanos;
    private final long handshakeNanos;
    private long lastRead;
    /** Since when what waits to be written has not moved (or {@link #lastRead}'s clock when nothing waits). */
    private long stalledSince;
    private int lastOutboundSignature;
    /** {@link System#nanoTime()} by which the upgrade must be done; ignored once it is. */
    private long upgradeDeadline;
    private ScheduledFuture<?> check;

    IdleGuard(WebSocketConfig config) {
        this.pingAfterNanos = config.pingInterval().toNanos();
        this.dropAfterNanos = config.idleTimeout().toNanos();
        this.handshakeNanos = config.handshakeTimeout().toNanos();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        lastRead = System.nanoTime();
        stalledSince = lastRead;
        upgradeDeadline = lastRead + handshakeNanos;
        schedule(ctx, Math.min(pingAfterNanos, handshakeNanos));
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

    /**
     * How long the bytes waiting to be written have made no progress: none wait, or the message being
     * written, how far it got, or how much waits changed since the last check, restarts the clock.
     */
    private long stalledFor(ChannelHandlerContext ctx, long now) {
        ChannelOutboundBuffer outbound = ctx.channel().unsafe().outboundBuffer();
        long pending = outbound == null ? 0 : outbound.totalPendingWriteBytes();
        int signature = pending == 0 ? 0 : Objects.hash(System.identityHashCode(outbound.current()),
                outbound.currentProgress(), pending);
        if (pending == 0 || signature != lastOutboundSignature) {
            lastOutboundSignature = signature;
            stalledSince = now;
        }
        return now - stalledSince;
    }

    private void schedule(ChannelHandlerContext ctx, long delayNanos) {
        check = ctx.executor().schedule(() -> onTimer(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void onTimer(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            return;
        }
        long now = System.nanoTime();
        boolean upgraded = ctx.channel().hasAttr(SignalingHandler.UPGRADED);
        long toDeadline = upgradeDeadline - now;
        if (!upgraded && toDeadline <= 0) {
            // debug, not info: every browser's keep-alive page load ends here too
            log.debug("closed {}: no WebSocket upgrade within {} ms of connecting", ClientAddress.describe(ctx.channel()),
                    TimeUnit.NANOSECONDS.toMillis(handshakeNanos));
            Refusal.HANDSHAKE_TIMEOUT.mark(ctx.channel());
            ctx.close();
            return;
        }
        long quiet = now - lastRead;
        if (quiet >= dropAfterNanos) {
            quietDropped.occurred(ClientAddress.describe(ctx.channel()) + ": nothing received for " + TimeUnit.NANOSECONDS.toMillis(quiet) + " ms");
            Refusal.IDLE_TIMEOUT.mark(ctx.channel());
            ctx.close();
            return;
        }
        long stalled = stalledFor(ctx, now);
        if (stalled >= dropAfterNanos) {
            stalledDropped.occurred(ClientAddress.describe(ctx.channel()) + ": it has read nothing of what waits for it for "
                    + TimeUnit.NANOSECONDS.toMillis(stalled) + " ms");
            Refusal.NOT_READING.mark(ctx.channel());
            ctx.close();
            return;
        }
        long next;
        if (quiet >= pingAfterNanos) {
            // Before the upgrade this is an HTTP connection: a ping frame would not encode, and is not needed.
            if (upgraded && ctx.channel().isWritable()) { // a full buffer is the stall check's business
                // From the tail: the WebSocket frame encoder sits above this handler in the pipeline.
                ctx.channel().writeAndFlush(new PingWebSocketFrame(), ctx.voidPromise());
            }
            next = Math.min(pingAfterNanos, dropAfterNanos - quiet);
        } else {
            next = pingAfterNanos - quiet;
        }
        schedule(ctx, upgraded ? next : Math.min(next, toDeadline));
    }
}
