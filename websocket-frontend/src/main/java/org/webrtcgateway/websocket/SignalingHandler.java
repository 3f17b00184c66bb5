package org.webrtcgateway.websocket;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
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
import org.webrtcgateway.core.limits.TokenBucket;
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
 * connection ended: with a close frame (the session ends) or without (it may be resumed). Once a close
 * frame is on its way, whichever side began, nothing more the client sends is acted on (RFC 6455 §7.1.7).
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
    private final ProtocolViolations violations;
    private WebSocketConnection connection;
    private ClientLink link;
    private TokenBucket rateLimiter;
    private int refusedInARow;
    private PingAnswers pings;
    /** The client's address and port, for the operator. */
    private SocketAddress remote;
    /** What this connection's client address may still send, shared with its other connections; null: no limit. */
    private final AddressMessageRates addressRates;
    private AddressMessageRates.Share addressShare;
    /** Whether the last frame refused was over its address's rate rather than the connection's. */
    private boolean overAddressRate;
    /** True once the connection is ending by a close handshake or a protocol error, not a network loss. */
    private boolean closedDeliberately;
    /** The close frame's code, the client's or ours, for the session log (ClientLink.NO_CLOSE_CODE: none). */
    private int closeCode = ClientLink.NO_CLOSE_CODE;

    /** {@code encoder} is for the connection: it writes what the gateway sends this client. */
    SignalingHandler(Gateway gateway, JsonDecoder decoder, JsonEncoder encoder, WebSocketConfig config,
                     WriteBuffers writeBuffers, FrontendMeters meters, ProtocolViolations violations,
                     AddressMessageRates addressRates) {
        this.addressRates = addressRates;
        this.meters = meters;
        this.violations = violations;
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
            connection = new WebSocketConnection(ctx.channel(), encoder, ConnectionLimiter.slotOf(ctx.channel()), writeBuffers);
            pings = new PingAnswers(ctx, connection::isClosing);
            remote = ClientAddress.of(ctx.channel()); // known by now, from a trusted proxy's header too
            if (addressRates != null) {
                addressShare = addressRates.join(ClientAddress.of(ctx.channel()).getAddress());
            }
            link = gateway.connect(connection, handshakeToken(handshake));
            if (config.messagesPerSecond() > 0) {
                rateLimiter = new TokenBucket(config.messagesPerSecond(), config.messageBurst(), System.nanoTime());
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
        if (connection.isClosing()) {
            // Frames read in the same batch as the one that failed the connection, or sent after a close frame:
            // a failed connection is not read any further (RFC 6455 §7.1.7), a closed one has nothing more to say.
            return;
        }
        if (frame instanceof TextWebSocketFrame text) {
            onText(text.content());
        } else if (frame instanceof BinaryWebSocketFrame) {
            fail(WebSocketCloseStatus.INVALID_MESSAGE_TYPE, "binary frames are not accepted; send JSON text");
        } else if (frame instanceof PingWebSocketFrame ping) {
            if (admitted()) {
                pings.ping(ping.content());
            }
        } else if (frame instanceof PongWebSocketFrame) {
            admitted(); // unsolicited pongs cost like any frame
        } else if (frame instanceof CloseWebSocketFrame close) {
            onClose(close);
        }
    }

    /** Answers the client's close frame (its code echoed, or 1002 for a code no endpoint may send) and ends the connection. */
    private void onClose(CloseWebSocketFrame close) {
        closedDeliberately = true;
        closeCode = close.statusCode();
        CloseWebSocketFrame reply = CloseCodes.reply(close);
        if (closeCode >= 0 && !CloseCodes.maySend(closeCode)) {
            violations.closing(remote, WebSocketCloseStatus.PROTOCOL_ERROR, reply.reasonText());
        }
        connection.close(reply);
    }

    /**
     * Fails the connection for a breach of RFC 6455 or of PROTOCOL.md's framing: a close frame of {@code status},
     * the session ends, and the operator hears of it (once a minute per client address).
     */
    private void fail(WebSocketCloseStatus status, String why) {
        closedDeliberately = true;
        closeCode = status.code();
        violations.closing(remote, status, why);
        connection.close(status, why);
    }

    /**
     * Takes a frame's share of the rate limit. A client over the limit again and again is closed (1008).
     *
     * @return false when the frame is over the limit and must be dropped
     */
    private boolean admitted() {
        long now = System.nanoTime();
        // The connection's own rate first: a client over it takes nothing from its address's other connections.
        overAddressRate = false;
        if (rateLimiter == null || rateLimiter.tryAcquire(now)) {
            overAddressRate = addressShare != null && !addressShare.tryAcquire(now);
            if (!overAddressRate) {
                refusedInARow = 0;
                return true;
            }
        }
        if (++refusedInARow > config.messageBurst()) {
            if (!closedDeliberately) { // frames already on their way after the close are not another closing
                meters.rateLimited(true);
            }
            overRate.occurred(connection.remoteAddress() + ": " + refusedInARow + " frames in a row over the rate limit of "
                    + (overAddressRate ? config.messagesPerSecondPerAddress() + "/s for its address" : config.messagesPerSecond() + "/s"));
            closedDeliberately = true;
            closeCode = WebSocketCloseStatus.POLICY_VIOLATION.code();
            connection.close(WebSocketCloseStatus.POLICY_VIOLATION, "rate limit exceeded");
        } else {
            meters.rateLimited(false);
        }
        return false;
    }

    private void onText(ByteBuf content) {
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
            // RFC 6455 §8.1: text that is not UTF-8 fails the connection (1007), over the rate limit or not:
            // even a message about to be refused for its rate is read, for its id.
            fail(WebSocketCloseStatus.INVALID_PAYLOAD_DATA, "text frames must be UTF-8");
            return;
        }
        if (!admitted()) {
            onRateLimited(bytes, offset, length);
            return;
        }
        link.receive(decoder.decode(bytes, offset, length));
    }

    /** Answers a message over the rate with {@code rate-limited}, unless the client was closed for it. */
    private void onRateLimited(byte[] bytes, int offset, int length) {
        if (closedDeliberately) {
            return;
        }
        Inbound decoded = decoder.decode(bytes, offset, length);
        link.receive(Inbound.rateLimited(decoded.id(), overAddressRate
                ? "more than " + config.messagesPerSecondPerAddress() + " messages a second from your address; this one was dropped"
                : "more than " + config.messagesPerSecond() + " messages a second; this one was dropped"));
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (link != null && ctx.channel().isWritable()) {
            link.writable(); // a backlog waiting for room goes on
            pings.writable();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (pings != null) {
            pings.release();
        }
        if (addressShare != null) {
            addressRates.release(ClientAddress.of(ctx.channel()).getAddress());
            addressShare = null;
        }
        if (link != null) {
            link.disconnected(closedDeliberately ? DisconnectKind.CLOSED : DisconnectKind.DROPPED, closeCode);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (connection == null) {
            ctx.close(); // not a WebSocket (yet): nothing to tell in a close frame
        } else if (connection.isClosing()
                && (cause instanceof TooLongFrameException || cause instanceof CorruptedWebSocketFrameException)) {
            // A bad frame behind one that already ended the connection: its close frame is on its way (with a deadline).
        } else if (cause instanceof TooLongFrameException
                || cause instanceof CorruptedWebSocketFrameException corrupted
                && corrupted.closeStatus().equals(WebSocketCloseStatus.MESSAGE_TOO_BIG)) {
            fail(WebSocketCloseStatus.MESSAGE_TOO_BIG, "messages are limited to " + config.maxFrameSize() + " bytes");
        } else if (cause instanceof CorruptedWebSocketFrameException corrupted) {
            // A frame against RFC 6455 (an invalid close code, a reserved opcode, an unmasked frame...).
            fail(corrupted.closeStatus(), "protocol error: " + corrupted.getMessage());
        } else if (cause instanceof IOException || cause instanceof PrematureChannelClosureException) {
            // Connection reset and the like, or the connection went while a fragmented message was still
            // coming in (the aggregator says so as it closes): a network loss, the session may be resumed.
            ctx.close();
        } else {
            // A bug of ours, maybe hit by every message a client sends: its stack trace once a minute.
            unexpected.occurred(ClientAddress.describe(ctx.channel()) + ": " + cause, cause);
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
