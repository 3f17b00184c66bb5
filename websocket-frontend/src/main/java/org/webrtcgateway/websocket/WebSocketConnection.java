package org.webrtcgateway.websocket;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.protocol.JsonCodec;
import org.webrtcgateway.core.protocol.ServerMessage;
import org.webrtcgateway.core.session.ClientConnection;
import org.webrtcgateway.core.session.CloseReason;

/**
 * A WebSocket channel as the core's {@link ClientConnection}. Messages are encoded on the sending
 * thread and written to the channel, whose event loop keeps them in submission order. A client whose
 * unsent bytes pass {@code websocket.write-buffer-limit} is cut off rather than buffered without bound.
 */
final class WebSocketConnection implements ClientConnection {

    /** Close codes of the 4000-4999 private range, for closes the WebSocket RFC has no code for. */
    static final int RESUMED_ELSEWHERE = 4001;
    static final int SESSION_ENDED = 4002;

    private static final Logger log = LoggerFactory.getLogger(WebSocketConnection.class);

    private final Channel channel;
    private final JsonCodec codec;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Queue<ServerMessage> unsent = new ConcurrentLinkedQueue<>();

    WebSocketConnection(Channel channel, JsonCodec codec) {
        this.channel = channel;
        this.codec = codec;
    }

    @Override
    public boolean send(ServerMessage message) {
        if (closing.get() || !channel.isActive()) {
            return false;
        }
        if (!channel.isWritable()) {
            log.warn("cut off {}: more than {} bytes waiting to be written, it does not read fast enough",
                    remoteAddress(), channel.config().getWriteBufferHighWaterMark());
            close(CloseReason.TOO_SLOW);
            return false;
        }
        ByteBuf buffer = channel.alloc().buffer(codec.estimatedSize(message));
        try {
            codec.encode(message, new ByteBufOutputStream(buffer));
        } catch (RuntimeException e) {
            // Never lose the messages after it, nor break the sender's loop over a room: log it and go on.
            buffer.release();
            log.error("could not encode a {} for {}; it was dropped", message.getClass().getSimpleName(), remoteAddress(), e);
            return true;
        }
        channel.writeAndFlush(new TextWebSocketFrame(buffer)).addListener(written -> {
            if (!written.isSuccess()) {
                unsent.add(message); // the peer went away under it: a resumed session gets it again
            }
        });
        return true;
    }

    @Override
    public List<ServerMessage> unsent() {
        return List.copyOf(unsent);
    }

    @Override
    public void close(CloseReason reason) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        CloseWebSocketFrame frame = switch (reason) {
            case SHUTDOWN -> new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "the gateway is shutting down");
            case TOO_SLOW -> new CloseWebSocketFrame(WebSocketCloseStatus.POLICY_VIOLATION, "too slow to read its messages");
            case RESUMED_ELSEWHERE -> new CloseWebSocketFrame(RESUMED_ELSEWHERE, "the session was resumed on another connection");
            case SESSION_ENDED -> new CloseWebSocketFrame(SESSION_ENDED, "the session was ended by a newer login");
        };
        if (reason == CloseReason.TOO_SLOW) {
            // Its buffer is full, so the close frame would wait behind it: close now, best effort.
            channel.writeAndFlush(frame);
            channel.close();
        } else {
            channel.writeAndFlush(frame).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Closes with a status of the WebSocket RFC (1003, 1009...). */
    void close(WebSocketCloseStatus status, String why) {
        if (closing.compareAndSet(false, true)) {
            channel.writeAndFlush(new CloseWebSocketFrame(status, why)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public String remoteAddress() {
        return String.valueOf(channel.remoteAddress());
    }
}
