package org.webrtcgateway.websocket;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.log.RepeatedCondition;

/**
 * Plain HTTP: refuses what the HTTP decoder could not read, answers an RFC 6455 upgrade at
 * {@code websocket.path} (after the Origin check, with {@link WebSocketHandshake}) and refuses any other request there, answers
 * {@code /health}, {@code /healthz}, {@code /readyz} and (unless served on a port of its own, or off) {@code /metrics}, and serves the static client files; anything else is 404.
 */
@Sharable
final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(HttpRequestHandler.class);
    private static final String X_FORWARDED_FOR = "X-Forwarded-For";
    /** A misconfigured proxy would otherwise write a line per upgrade. */
    private final RepeatedCondition badForwardedFor = RepeatedCondition.warn(log,
            "refused upgrades whose X-Forwarded-For, from a trusted proxy, names no client address");
    /** Any web page can make browsers try: one line a minute, with the last page's Origin. */
    private final RepeatedCondition foreignOrigins = RepeatedCondition.warn(log,
            "refused WebSockets whose Origin is not in websocket.allowed-origins");

    /**
     * What the HTTP codec must reject, spelled out rather than left to Netty's defaults and system
     * properties: a request it cannot read arrives here marked failed, and is refused before anything
     * looks at its (partial) headers.
     */
    static final HttpDecoderConfig DECODER_CONFIG = new HttpDecoderConfig()
            .setMaxInitialLineLength(4096) // longer: 414
            .setMaxHeaderSize(8192) // all header lines together; more: 431
            .setStrictLineParsing(true) // CRLF only: a bare LF or CR is how request smuggling starts
            .setValidateHeaders(true) // names are tokens, values have no control characters (NUL, CR...)
            .setAllowDuplicateContentLengths(false);

    private final WebSocketConfig config;
    private final StaticFiles files;
    private final IntSupplier sessionCount;
    private final BooleanSupplier overloaded;
    private final Supplier<List<String>> notReady;
    /** The Prometheus scrape for /metrics; null when /metrics is not served on this port. */
    private final Supplier<String> metricsText;
    private final TrustedProxies proxies;
    /** Null when connections per address are not limited. */
    private final ConnectionLimiter connectionLimiter;
    private final WebSocketHandshake handshake;

    HttpRequestHandler(WebSocketConfig config, StaticFiles files, IntSupplier sessionCount, BooleanSupplier overloaded,
                       Supplier<List<String>> notReady, Supplier<String> metricsText, TrustedProxies proxies,
                       ConnectionLimiter connectionLimiter, WebSocketHandshake handshake) {
        super(false);
        this.handshake = handshake;
        this.proxies = proxies;
        this.connectionLimiter = connectionLimiter;
        this.metricsText = metricsText;
        this.config = config;
        this.files = files;
        this.sessionCount = sessionCount;
        this.overloaded = overloaded;
        this.notReady = notReady;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        try {
            if (request.decoderResult().isFailure()) {
                // First: a failed request has only the headers before the fault, so an Origin after it would go unchecked.
                refuseUndecodable(ctx, request);
                return;
            }
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            String path = uri.path();
            // The raw path, as Netty's handshake compares it: "/%77s" must not pass for "/ws" here and
            // then match nothing there, leaving the request unanswered.
            if (uri.rawPath().equals(config.path())) {
                if (upgradeAccepted(ctx, request)) {
                    handshake.upgrade(ctx, request);
                }
            } else {
                serve(ctx, request, path);
            }
        } finally {
            request.release();
        }
    }

    private static void refuseUndecodable(ChannelHandlerContext ctx, FullHttpRequest request) {
        Throwable cause = request.decoderResult().cause();
        HttpResponseStatus status;
        if (cause instanceof TooLongHttpHeaderException) {
            status = HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
        } else if (cause instanceof TooLongHttpLineException) {
            status = HttpResponseStatus.REQUEST_URI_TOO_LONG;
        } else {
            status = HttpResponseStatus.BAD_REQUEST;
        }
        // debug: anyone can send garbage, and the log is not theirs to fill
        log.debug("refused an unreadable request from {} with {}: {}", ClientAddress.describe(ctx.channel()), status.code(), cause.toString());
        Refusal.BAD_REQUEST.mark(ctx.channel());
        // The decoder reads nothing more on this connection (it discards the rest): it has to close.
        refuse(ctx, request, status, status.reasonPhrase().toLowerCase(Locale.ROOT) + "\n");
    }

    /** True when the request is an RFC 6455 upgrade from an allowed Origin; otherwise it has been refused. */
    private boolean upgradeAccepted(ChannelHandlerContext ctx, FullHttpRequest request) {
        UpgradeRequest upgrade = UpgradeRequest.of(request);
        if (upgrade == UpgradeRequest.RFC_6455 && originAllowed(request)) {
            return clientAdmitted(ctx, request);
        }
        Refusal.BAD_UPGRADE.mark(ctx.channel());
        if (upgrade == UpgradeRequest.MALFORMED) {
            refuse(ctx, request, HttpResponseStatus.BAD_REQUEST, "a WebSocket upgrade (RFC 6455) is expected here\n");
        } else if (upgrade == UpgradeRequest.OTHER_VERSION) {
            refuseOtherVersion(ctx, request);
        } else {
            foreignOrigins.occurred(ClientAddress.describe(ctx.channel()) + ": Origin " + request.headers().get(HttpHeaderNames.ORIGIN));
            refuse(ctx, request, HttpResponseStatus.FORBIDDEN, "origin not allowed\n");
        }
        return false;
    }

    /**
     * Behind a proxy that names clients in X-Forwarded-For, the upgrade is where the client becomes known, and so
     * where it is counted against its address's connection limit (429 past it).
     */
    private boolean clientAdmitted(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!proxies.fronts(ctx.channel()) || proxies.proxyProtocol()) {
            return true; // counted when the connection (or its PROXY header) came
        }
        Optional<InetAddress> client;
        try {
            // HAProxy adds a header line of its own rather than appending to the client's: read them all, in order
            client = proxies.forwardedClient(String.join(",", request.headers().getAll(X_FORWARDED_FOR)));
        } catch (IllegalArgumentException e) {
            badForwardedFor.occurred(ctx.channel().remoteAddress() + ": " + e.getMessage());
            Refusal.BAD_UPGRADE.mark(ctx.channel());
            refuse(ctx, request, HttpResponseStatus.BAD_REQUEST, "the proxy's X-Forwarded-For names no client address\n");
            return false;
        }
        InetSocketAddress named = client.map(address -> new InetSocketAddress(address, 0))
                .orElse((InetSocketAddress) ctx.channel().remoteAddress());
        ClientAddress.namedByProxy(ctx.channel(), named);
        if (connectionLimiter != null && !connectionLimiter.admit(ctx.channel(), named.getAddress())) {
            refuse(ctx, request, HttpResponseStatus.TOO_MANY_REQUESTS, "too many connections from your address\n");
            return false;
        }
        return true;
    }

    /** RFC 6455 4.4: 426 naming the version we speak; RFC 9110 15.5.22: and the protocol, in Upgrade. */
    private static void refuseOtherVersion(ChannelHandlerContext ctx, FullHttpRequest request) {
        FullHttpResponse response = response(request, HttpResponseStatus.UPGRADE_REQUIRED,
                "only WebSocket version " + UpgradeRequest.SUPPORTED_VERSION + " (RFC 6455) is supported\n");
        response.headers()
                .set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, UpgradeRequest.SUPPORTED_VERSION)
                .set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET);
        // RFC 9110 7.8: a response with Upgrade names it in Connection too
        sendAndClose(ctx, response, HttpHeaderValues.UPGRADE + ", " + HttpHeaderValues.CLOSE);
    }

    private void serve(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method())) {
            respond(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain; charset=utf-8", text("GET or HEAD only\n"));
        } else if (path.equals("/health")) {
            // 200 either way: an overloaded gateway still serves its users, it only refuses new bridged calls
            String body = "{\"status\":\"ok\"" + (config.healthCounts() ? ",\"sessions\":" + sessionCount.getAsInt() : "")
                    + ",\"overloaded\":" + overloaded.getAsBoolean() + "}\n";
            respond(ctx, request, HttpResponseStatus.OK, "application/json", text(body));
        } else if (path.equals("/healthz")) {
            // Liveness: answered by the event loop, so it says the process serves, and nothing more.
            respond(ctx, request, HttpResponseStatus.OK, "application/json", text("{\"status\":\"ok\"}\n"));
        } else if (path.equals("/readyz")) {
            readiness(ctx, request);
        } else if (metricsText != null && path.equals("/metrics")) {
            respond(ctx, request, HttpResponseStatus.OK, MetricsExposition.CONTENT_TYPE, text(metricsText.get()));
        } else {
            Optional<StaticFiles.File> file = files.find(path);
            if (file.isPresent()) {
                respond(ctx, request, HttpResponseStatus.OK, file.get().contentType(), Unpooled.wrappedBuffer(file.get().content()));
            } else {
                respond(ctx, request, HttpResponseStatus.NOT_FOUND, "text/plain; charset=utf-8", text("not found\n"));
            }
        }
    }

    /**
     * Readiness: this listener answers, so the frontend listens; the core says whether every enabled bridge is in
     * working order. 503 with the problems otherwise, so a load balancer stops sending users here.
     */
    private void readiness(ChannelHandlerContext ctx, FullHttpRequest request) {
        List<String> problems = notReady.get();
        StringBuilder body = new StringBuilder("{\"status\":\"").append(problems.isEmpty() ? "ready" : "not ready")
                .append("\",\"problems\":[");
        for (int i = 0; i < problems.size(); i++) {
            body.append(i == 0 ? "" : ",").append(jsonString(problems.get(i)));
        }
        body.append("]}\n");
        respond(ctx, request, problems.isEmpty() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                "application/json", text(body.toString()));
    }

    /** A JSON string literal: the problems quote user names and peers' reason phrases. */
    static String jsonString(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private boolean originAllowed(FullHttpRequest request) {
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        return config.allowedOrigins().isEmpty() || origin == null || config.allowedOrigins().contains(origin);
    }

    private static ByteBuf text(String body) {
        return Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
    }

    /** Answers and keeps the connection open if the client asked to. */
    private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
                                String contentType, ByteBuf body) {
        FullHttpResponse response = response(request, status, contentType, body);
        if (HttpUtil.isKeepAlive(request)) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            sendAndClose(ctx, response, HttpHeaderValues.CLOSE);
        }
    }

    /** Answers a request that is refused with a plain-text reason, and closes the connection whatever the client asked. */
    private static void refuse(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, String reason) {
        sendAndClose(ctx, response(request, status, reason), HttpHeaderValues.CLOSE);
    }

    private static FullHttpResponse response(FullHttpRequest request, HttpResponseStatus status, String reason) {
        return response(request, status, "text/plain; charset=utf-8", text(reason));
    }

    private static FullHttpResponse response(FullHttpRequest request, HttpResponseStatus status, String contentType, ByteBuf body) {
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
        return response;
    }

    private static void sendAndClose(ChannelHandlerContext ctx, FullHttpResponse response, CharSequence connection) {
        response.headers().set(HttpHeaderNames.CONNECTION, connection);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
