package org.webrtcgateway.websocket;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.log.RepeatedCondition;

/**
 * Bounds what waits to be written to a client, whatever writes it. Once more than
 * {@code websocket.write-buffer-limit} bytes wait (the channel is not writable), a write that does not
 * bound itself — a pong, a keep-alive ping, an HTTP response to a pipelined request — is refused and
 * the client is cut off as too slow, instead of being buffered. Two kinds of write pass: a session's
 * messages (text frames), which {@link WebSocketConnection} hands over only while the channel is
 * writable, one at a time under the session's lock, so they pass the limit by one message at most (a
 * message admitted on another thread may still reach this handler after the channel turned unwritable
 * behind it); and a close frame, which is small, written once, and tells a client that reads again why.
 */
@Sharable
final class WriteGuard extends ChannelOutboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(WriteGuard.class);
    private static final RepeatedCondition slowReaders = RepeatedCondition.warn(log,
            "cut off clients that do not read fast enough");
    private static final AttributeKey<Boolean> CUT_OFF = AttributeKey.valueOf("write-guard.cut-off");

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (ctx.channel().isWritable() || msg instanceof TextWebSocketFrame || msg instanceof CloseWebSocketFrame) {
            ctx.write(msg, promise);
            return;
        }
        ReferenceCountUtil.release(msg);
        promise.tryFailure(new IllegalStateException("the client does not read: write refused"));
        cutOff(ctx.channel());
    }

    /** Closes a client that does not read what it is sent; logged once per connection. */
    static void cutOff(Channel channel) {
        if (channel.attr(CUT_OFF).setIfAbsent(Boolean.TRUE) == null) {
            slowReaders.occurred(ClientAddress.describe(channel) + ": more than " + channel.config().getWriteBufferHighWaterMark()
                    + " bytes waiting to be written");
        }
        Refusal.NOT_READING.mark(channel);
        // Its buffer is full, so a close frame would wait behind it: close the connection itself.
        channel.close();
    }
}
