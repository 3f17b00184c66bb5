package org.webrtcgateway.websocket;

import java.util.function.BooleanSupplier;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;

/**
 * Answers one connection's pings with pongs carrying their payloads (RFC 6455 §5.5.2), holding next to nothing
 * for a client that pings faster than it reads: at most {@link #MAX_UNWRITTEN} pongs wait to be written at once.
 * A ping beyond those, or while the client's write buffer is full, is kept, only the latest one (§5.5.3 lets a pong
 * answer just the most recently received ping), and answered as soon as a pong has gone out or the buffer has
 * room. So a client gets a pong for each of a few pings, and always one for its last, and a ping flood costs at
 * most {@value #MAX_UNWRITTEN} small pongs and one 125-byte payload.
 *
 * <p>Event loop only, like the handler that owns it.
 */
final class PingAnswers {

    /** Room for the pings a client may send at once (Autobahn's 2.10 sends ten), little for a flood. */
    static final int MAX_UNWRITTEN = 16;

    private final ChannelHandlerContext ctx;
    private final BooleanSupplier closing;
    private int unwritten;
    /** The latest ping not answered yet (a copy of its payload), or null. */
    private ByteBuf latestUnanswered;

    /** {@code closing}: true once the connection's close frame is on its way; no pong may follow it. */
    PingAnswers(ChannelHandlerContext ctx, BooleanSupplier closing) {
        this.ctx = ctx;
        this.closing = closing;
    }

    /** A ping arrived (within the rate limit); {@code payload} stays the caller's. */
    void ping(ByteBuf payload) {
        if (unwritten < MAX_UNWRITTEN && ctx.channel().isWritable()) {
            answer(payload.retainedDuplicate());
            return;
        }
        forgetLatest();
        latestUnanswered = payload.copy(); // a control frame's payload: at most 125 bytes
    }

    /** The client's write buffer has room again. */
    void writable() {
        answerLatest();
    }

    /** The connection is gone: lets go of a ping still waiting. */
    void release() {
        forgetLatest();
    }

    private void answer(ByteBuf payload) {
        unwritten++;
        ctx.writeAndFlush(new PongWebSocketFrame(payload)).addListener(written -> {
            unwritten--;
            answerLatest();
        });
    }

    private void answerLatest() {
        if (latestUnanswered == null) {
            return;
        }
        if (closing.getAsBoolean() || !ctx.channel().isActive()) {
            forgetLatest();
        } else if (unwritten < MAX_UNWRITTEN && ctx.channel().isWritable()) {
            ByteBuf payload = latestUnanswered;
            latestUnanswered = null;
            answer(payload);
        }
    }

    private void forgetLatest() {
        if (latestUnanswered != null) {
            latestUnanswered.release();
            latestUnanswered = null;
        }
    }
}
