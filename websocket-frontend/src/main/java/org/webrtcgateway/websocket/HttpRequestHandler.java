package org.webrtcgateway.websocket;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain HTTP: passes the WebSocket upgrade at {@code websocket.path} on (after the Origin check),
 * answers {@code /health}, and serves the static client files; anything else is 404.
 */
@Sharable
final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(HttpRequestHandler.class);

    private final WebSocketConfig config;
    private final StaticFiles files;
    private final IntSupplier sessionCount;
    private final BooleanSupplier overloaded;

    HttpRequestHandler(WebSocketConfig config, StaticFiles files, IntSupplier sessionCount, BooleanSupplier overloaded) {
        super(false);
        this.config = config;
        this.files = files;
        this.sessionCount = sessionCount;
        this.overloaded = overloaded;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = new QueryStringDecoder(request.uri()).path();
        if (path.equals(config.path())) {
            if (!originAllowed(request)) {
                log.warn("refused a WebSocket from {}: Origin {} is not in websocket.allowed-origins",
                        ctx.channel().remoteAddress(), request.headers().get(HttpHeaderNames.ORIGIN));
                respond(ctx, request, HttpResponseStatus.FORBIDDEN, "text/plain; charset=utf-8", text("origin not allowed\n"));
                return;
            }
            ctx.fireChannelRead(request); // on to the WebSocket handshake, which releases it
            return;
        }
        try {
            if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method())) {
                respond(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain; charset=utf-8", text("GET or HEAD only\n"));
            } else if (path.equals("/health")) {
                // 200 either way: an overloaded gateway still serves its users, it only refuses new bridged calls
                String body = "{\"status\":\"ok\",\"sessions\":" + sessionCount.getAsInt()
                        + ",\"overloaded\":" + overloaded.getAsBoolean() + "}\n";
                respond(ctx, request, HttpResponseStatus.OK, "application/json", text(body));
            } else {
                Optional<StaticFiles.File> file = files.find(path);
                if (file.isPresent()) {
                    respond(ctx, request, HttpResponseStatus.OK, file.get().contentType(), Unpooled.wrappedBuffer(file.get().content()));
                } else {
                    respond(ctx, request, HttpResponseStatus.NOT_FOUND, "text/plain; charset=utf-8", text("not found\n"));
                }
            }
        } finally {
            request.release();
        }
    }

    private boolean originAllowed(FullHttpRequest request) {
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        return config.allowedOrigins().isEmpty() || origin == null || config.allowedOrigins().contains(origin);
    }

    private static ByteBuf text(String body) {
        return Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
                                String contentType, ByteBuf body) {
        boolean head = HttpMethod.HEAD.equals(request.method());
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                head ? Unpooled.EMPTY_BUFFER : body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE)
                .set("X-Content-Type-Options", "nosniff");
        if (head) {
            body.release();
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
