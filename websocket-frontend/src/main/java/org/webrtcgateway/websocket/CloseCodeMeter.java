package org.webrtcgateway.websocket;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;

/**
 * Notes the code of the close frame the gateway writes, whoever writes it (the signaling handler, a
 * session, the shutdown), for {@link FrontendMeters}. Sits above the signaling stages and below where
 * the WebSocket encoder goes, so it sees frames, not bytes.
 */
@Sharable
final class CloseCodeMeter extends ChannelOutboundHandlerAdapter {

    private final FrontendMeters meters;

    CloseCodeMeter(FrontendMeters meters) {
        this.meters = meters;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof CloseWebSocketFrame close) {
            meters.closing(ctx.channel(), close.statusCode());
        }
        ctx.write(msg, promise);
    }
}
