package org.webrtcgateway.websocket;

import java.io.IOException;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.log.RepeatedCondition;
import org.webrtcgateway.core.protocol.ClientLink;
import org.webrtcgateway.core.protocol.Gateway;
import org.webrtcgateway.core.protocol.Inbound;
import org.webrtcgateway.core.protocol.JsonDecoder;
import org.webrtcgateway.core.protocol.JsonEncoder;
import org.webrtcgateway.core.protocol.DisconnectKind;

/**
 * The last stage: one per WebSocket connection. Turns text frames into core requests (after the rate
 * limit), answers pings (within the same limit), refuses binary frames (1003), answers a client's close
 * frame (RFC 6455 §7.4), tells the core when the connection can take more messages, and how the
 * connection ended: with a close frame (the session ends) or without (it may be resumed).
 */
final class SignalingHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final Logger log = LoggerFactory.getLogger(SignalingHandler.class);
    private static final RepeatedCondition overRate = RepeatedCondition.warn(log,
            "closed connections over the rate limit (websocket.messages-per-second)");
    private static final RepeatedCondition unexpected = RepeatedCondition.error(log,
            "closed connections after an unexpected error");

    /** Set on channels that completed the WebSocket handshake (they understand a close frame). */
    static final io.netty.util.AttributeKey<Boolean> UPGRADED = io.netty.util.AttributeKey.valueOf("websocket.upgraded");

    private final Gateway gateway;
    private final JsonDecoder decoder;
    private final JsonEncoder encoder;
    private final WebSocketConfig config;
    private final WriteBuffers writeBuffers;
    private final FrontendMeters meters;
    private WebSocketConnection connection;
    private ClientLink link;
    private RateLimiter rateLimiter;
    private int refusedInARow;
    /** A pong is on its way: RFC 6455 §5.5.3 lets one pong answer every ping received meanwhile. */
    private boolean pongInFlight;
    /** True once the connection is ending by a close handshake or a protocol error, not a network loss. */
    private boolean closedDeliberately;
    /** The close frame's code, the client's or ours, for the session log (ClientLink.NO_CLOSE_CODE: none). */
    private int closeCode = ClientLink.NO_CLOSE_CODE;

    /** {@code encoder} is for the connection: it writes what the gateway sends this client. */
    SignalingHandler(Gateway gateway, JsonDecoder decoder, JsonEncoder encoder, WebSocketConfig config,
                     WriteBuffers writeBuffers, FrontendMeters meters) {
        this.meters = meters;
        this.gateway = gateway;
        this.decoder = decoder;
        this.encoder = encoder;
        this.config = config;
        this.writeBuffers = writeBuffers;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof HandshakeComplete handshake) {
            ctx.channel().attr(UPGRADED).set(Boolean.TRUE);
            // No more HTTP requests can come on an upgraded connection: one handler less for every frame.
            if (ctx.pipeline().get(PipelineStages.HTTP_REQUESTS) != null) {
                ctx.pipeline().remove(PipelineStages.HTTP_REQUESTS);
            }
            // Netty's protocol handler answers every ping with a pong, unlimited and whether or not the
            // client reads them (a ping flood filled the heap): from here on this handler does, within
            // the rate limit. The handshake is done, and close frames were already this handler's.
            ctx.pipeline().remove(PipelineStages.WEBSOCKET_PROTOCOL);
            connection = new WebSocketConnection(ctx.channel(), encoder, ConnectionLimiter.slotOf(ctx.channel()), writeBuffers);
            link = gateway.connect(connection, handshakeToken(handshake));
            if (config.messagesPerSecond() > 0) {
                rateLimiter = new RateLimiter(config.messagesPerSecond(), config.messageBurst(), System.nanoTime());
            }
        } else if (event == WebSocketConnection.ROOM_AGAIN) {
            if (link != null) {
                link.writable();
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
            closeCode = WebSocketCloseStatus.INVALID_MESSAGE_TYPE.code();
            connection.close(WebSocketCloseStatus.INVALID_MESSAGE_TYPE, "binary frames are not accepted; send JSON text");
        } else if (frame instanceof PingWebSocketFrame ping) {
            onPing(ctx, ping);
        } else if (frame instanceof PongWebSocketFrame) {
            admitted(); // unsolicited pongs cost like any frame
        } else if (frame instanceof CloseWebSocketFrame close) {
            closedDeliberately = true;
            closeCode = close.statusCode();
            ctx.writeAndFlush(CloseCodes.reply(close)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Answers a ping within the rate limit, while the client reads, and with one pong at a time. */
    private void onPing(ChannelHandlerContext ctx, PingWebSocketFrame ping) {
        if (!admitted() || pongInFlight || !ctx.channel().isWritable()) {
            return;
        }
        pongInFlight = true;
        ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain())).addListener(written -> pongInFlight = false);
    }

    /**
     * Takes a frame's share of the rate limit. A client over the limit again and again is closed (1008).
     *
     * @return false when the frame is over the limit and must be dropped
     */
    private boolean admitted() {
        if (rateLimiter == null || rateLimiter.tryAcquire(System.nanoTime())) {
            refusedInARow = 0;
            return true;
        }
        if (++refusedInARow > config.messageBurst()) {
            if (!closedDeliberately) { // frames already on their way after the close are not another closing
                meters.rateLimited(true);
            }
            overRate.occurred(connection.remoteAddress() + ": " + refusedInARow + " frames in a row over the rate limit of "
                    + config.messagesPerSecond() + "/s");
            closedDeliberately = true;
            closeCode = WebSocketCloseStatus.POLICY_VIOLATION.code();
            connection.close(WebSocketCloseStatus.POLICY_VIOLATION, "rate limit exceeded");
        } else {
            meters.rateLimited(false);
        }
        return false;
    }

    private void onText(ByteBuf content) {
        if (!admitted()) {
            onRateLimited(content);
            return;
        }
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
            closeCode = WebSocketCloseStatus.INVALID_PAYLOAD_DATA.code();
            connection.close(WebSocketCloseStatus.INVALID_PAYLOAD_DATA, "text frames must be UTF-8");
            return;
        }
        link.receive(decoder.decode(bytes, offset, length));
    }

    /** Answers a message over the rate with {@code rate-limited}, unless the client was closed for it. */
    private void onRateLimited(ByteBuf content) {
        if (closedDeliberately) {
            return;
        }
        byte[] bytes = ByteBufUtil.getBytes(content);
        Inbound decoded = decoder.decode(bytes, 0, bytes.length);
        link.receive(Inbound.rateLimited(decoded.id(),
                "more than " + config.messagesPerSecond() + " messages a second; this one was dropped"));
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (link != null && ctx.channel().isWritable()) {
            link.writable(); // a backlog waiting for room goes on
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (link != null) {
            link.disconnected(closedDeliberately ? DisconnectKind.CLOSED : DisconnectKind.DROPPED, closeCode);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (connection == null) {
            ctx.close(); // not a WebSocket (yet): nothing to tell in a close frame
        } else if (cause instanceof TooLongFrameException
                || cause instanceof CorruptedWebSocketFrameException corrupted
                && corrupted.closeStatus().equals(WebSocketCloseStatus.MESSAGE_TOO_BIG)) {
            closedDeliberately = true;
            closeCode = WebSocketCloseStatus.MESSAGE_TOO_BIG.code();
            connection.close(WebSocketCloseStatus.MESSAGE_TOO_BIG, "messages are limited to " + config.maxFrameSize() + " bytes");
        } else if (cause instanceof CorruptedWebSocketFrameException corrupted) {
            // A frame against RFC 6455 (an invalid close code, a reserved opcode, an unmasked frame...).
            closedDeliberately = true;
            closeCode = corrupted.closeStatus().code();
            connection.close(corrupted.closeStatus(), "protocol error: " + corrupted.getMessage());
        } else if (cause instanceof IOException || cause instanceof PrematureChannelClosureException) {
            // Connection reset and the like, or the connection went while a fragmented message was still
            // coming in (the aggregator says so as it closes): a network loss, the session may be resumed.
            ctx.close();
        } else {
            // A bug of ours, maybe hit by every message a client sends: its stack trace once a minute.
            unexpected.occurred(ctx.channel().remoteAddress() + ": " + cause, cause);
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
