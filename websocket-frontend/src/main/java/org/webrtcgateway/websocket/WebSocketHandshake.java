package org.webrtcgateway.websocket;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker13;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;

/**
 * Answers an upgrade that {@link HttpRequestHandler} has checked (RFC 6455, allowed Origin, admitted client) with
 * 101 and turns the connection's pipeline into a WebSocket one, then tells the stages below with
 * {@link HandshakeComplete}.
 *
 * <p>Why not Netty's {@code WebSocketServerProtocolHandler}: every connection would carry it and the handshake
 * handler it adds, both removed again once upgraded, a handshake timeout task scheduled and cancelled (the
 * {@link IdleGuard} already has the handshake deadline), and two user events through the whole pipeline. All that is
 * work a freshly started JVM interprets and compiles while a reconnect storm waits (docs/performance.md, section 8),
 * for checks this gateway has already made: by here the request is a version-13 upgrade with a proper key, on the
 * path, so what is left is the handshaker's own (the accept key, the frame codec in the HTTP codec's place).
 */
final class WebSocketHandshake {

    private final String path;
    private final WebSocketDecoderConfig decoderConfig;

    WebSocketHandshake(String path, WebSocketDecoderConfig decoderConfig) {
        this.path = path;
        this.decoderConfig = decoderConfig;
    }

    /** Answers {@code request} (which the caller still releases) and fires {@link HandshakeComplete} from {@code ctx} once the 101 is written. */
    void upgrade(ChannelHandlerContext ctx, FullHttpRequest request) {
        // Its URL is only named in the drafts' handshakes (version 13's response carries none): the path will do.
        WebSocketServerHandshaker13 handshaker = new WebSocketServerHandshaker13(path, null, decoderConfig);
        String uri = request.uri();
        HttpHeaders headers = request.headers(); // not reference-counted: they outlive the request's release
        handshaker.handshake(ctx, request).addListener(written -> {
            if (written.isSuccess()) {
                ctx.fireUserEventTriggered(new HandshakeComplete(uri, headers, null));
            } else {
                ctx.fireExceptionCaught(written.cause()); // the connection is gone or broken: the last stage closes it
            }
        });
    }
}
