package org.webrtcgateway.websocket;

import java.time.Duration;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;

/**
 * Adds {@code Strict-Transport-Security} ({@code websocket.hsts-max-age}) to every HTTP answer over TLS: the page,
 * {@code /health}, refusals and the WebSocket upgrade alike, so a browser that once reached the gateway over
 * https:// never tries plain http:// (where a network attacker could serve another page) until it expires.
 */
@Sharable
final class StrictTransportSecurity extends ChannelOutboundHandlerAdapter {

    private final String value;

    StrictTransportSecurity(Duration maxAge) {
        this.value = "max-age=" + maxAge.toSeconds();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse response) {
            response.headers().set("Strict-Transport-Security", value);
        }
        super.write(ctx, msg, promise);
    }
}
