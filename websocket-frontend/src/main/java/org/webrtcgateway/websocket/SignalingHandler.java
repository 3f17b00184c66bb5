package org.webrtcgateway.websocket;

import java.io.IOException;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.ClientLink;
import org.webrtcgateway.core.Gateway;
import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.protocol.Inbound;
import org.webrtcgateway.core.protocol.JsonCodec;
import org.webrtcgateway.core.session.DisconnectKind;

/**
 * The last stage: one per WebSocket connection. Turns text frames into core requests (after the rate
 * limit), refuses binary frames (1003), answers a client's close frame, and tells
 * the core how the connection ended: with a close frame (the session ends) or without (it may be resumed).
 */
final class SignalingHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final Logger log = LoggerFactory.getLogger(SignalingHandler.class);

    /** Set on channels that completed the WebSocket handshake (they understand a close frame). */
    static final io.netty.util.AttributeKey<Boolean> UPGRADED = io.netty.util.AttributeKey.valueOf("websocket.upgraded");

    private final Gateway gateway;
    private final JsonCodec codec;
    private final WebSocketConfig config;
    private WebSocketConnection connection;
    private ClientLink link;
    private RateLimiter rateLimiter;
    private int refusedInARow;
    /** True once the connection is ending by a close handshake or a protocol error, not a network loss. */
    private boolean closedDeliberately;

    SignalingHandler(Gateway gateway, JsonCodec codec, WebSocketConfig config) {
        this.gateway = gateway;
        this.codec = codec;
        this.config = config;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof HandshakeComplete handshake) {
            ctx.channel().attr(UPGRADED).set(Boolean.TRUE);
            // No more HTTP requests can come on an upgraded connection: one handler less for every frame.
            if (ctx.pipeline().get(PipelineStages.HTTP_REQUESTS) != null) {
                ctx.pipeline().remove(PipelineStages.HTTP_REQUESTS);
            }
            connection = new WebSocketConnection(ctx.channel(), codec);
            link = gateway.connect(connection, handshakeToken(handshake));
            if (config.messagesPerSecond() > 0) {
                rateLimiter = new RateLimiter(config.messagesPerSecond(), config.messageBurst(), System.nanoTime());
            }
        } else {
            super.userEventTriggered(ctx, event);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame text) {
            onText(text.content());
        } else if (frame instanceof BinaryWebSocketFrame) {
            closedDeliberately = true;
            connection.close(WebSocketCloseStatus.INVALID_MESSAGE_TYPE, "binary frames are not accepted; send JSON text");
        } else if (frame instanceof CloseWebSocketFrame close) {
            closedDeliberately = true;
            int status = close.statusCode() >= 0 ? close.statusCode() : WebSocketCloseStatus.NORMAL_CLOSURE.code();
            ctx.writeAndFlush(new CloseWebSocketFrame(status, null)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void onText(ByteBuf content) {
        if (rateLimiter != null && !rateLimiter.tryAcquire(System.nanoTime())) {
            onRateLimited(content);
            return;
        }
        refusedInARow = 0;
        byte[] bytes;
        int offset;
        int length = content.readableBytes();
        if (content.hasArray()) {
            bytes = content.array();
            offset = content.arrayOffset() + content.readerIndex();
        } else {
            bytes = ByteBufUtil.getBytes(content);
            offset = 0;
        }
        if (!Utf8.isValid(bytes, offset, length)) {
            // RFC 6455: a text frame that is not UTF-8 fails the connection (1007).
            closedDeliberately = true;
            connection.close(WebSocketCloseStatus.INVALID_PAYLOAD_DATA, "text frames must be UTF-8");
            return;
        }
        link.receive(codec.decode(bytes, offset, length));
    }

    /** Answers a frame over the rate with {@code rate-limited}; a client that keeps pushing is closed (1008). */
    private void onRateLimited(ByteBuf content) {
        if (++refusedInARow > config.messageBurst()) {
            log.warn("closed {}: {} messages in a row over the rate limit of {}/s", connection.remoteAddress(),
                    refusedInARow, config.messagesPerSecond());
            closedDeliberately = true;
            connection.close(WebSocketCloseStatus.POLICY_VIOLATION, "rate limit exceeded");
            return;
        }
        byte[] bytes = ByteBufUtil.getBytes(content);
        Inbound decoded = codec.decode(bytes, 0, bytes.length);
        link.receive(new Inbound.Malformed(decoded.id(), ErrorCode.RATE_LIMITED,
                "more than " + config.messagesPerSecond() + " messages a second; this one was dropped"));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (link != null) {
            link.disconnected(closedDeliberately ? DisconnectKind.CLOSED : DisconnectKind.DROPPED);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            closedDeliberately = true;
            connection.close(WebSocketCloseStatus.MESSAGE_TOO_BIG, "messages are limited to " + config.maxFrameSize() + " bytes");
        } else if (cause instanceof CorruptedFrameException) {
            // The WebSocket decoder has already sent the close frame (1002, or 1009 for a frame over the limit).
            closedDeliberately = true;
            ctx.close();
        } else if (cause instanceof IOException) {
            ctx.close(); // connection reset and the like: a network loss, the session may be resumed
        } else {
            log.warn("closed {} after an unexpected error", ctx.channel().remoteAddress(), cause);
            ctx.close();
        }
    }

    /** A login token from {@code ?token=} or {@code Authorization: Bearer}, or null. */
    static String handshakeToken(HandshakeComplete handshake) {
        List<String> fromQuery = new QueryStringDecoder(handshake.requestUri()).parameters().get("token");
        if (fromQuery != null && !fromQuery.isEmpty()) {
            return fromQuery.get(0);
        }
        String authorization = handshake.requestHeaders().get(HttpHeaderNames.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return null;
    }
}
