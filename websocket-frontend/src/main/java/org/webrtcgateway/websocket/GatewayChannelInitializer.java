package org.webrtcgateway.websocket;

import java.util.function.Supplier;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;

import org.webrtcgateway.core.log.RepeatedCondition;
import org.webrtcgateway.core.protocol.Gateway;
import org.webrtcgateway.core.protocol.JsonDecoder;
import org.webrtcgateway.core.protocol.JsonEncoder;

/** Builds each connection's pipeline; read it top (bytes) to bottom (signaling). */
final class GatewayChannelInitializer extends ChannelInitializer<SocketChannel> {

    /** HTTP requests are small (a GET, a WebSocket upgrade): anything bigger is refused. */
    private static final int MAX_HTTP_REQUEST = 16 * 1024;

    private final WebSocketConfig config;
    /** The TLS context for each new connection (null: plain); it changes when the certificate is reloaded. */
    private final Supplier<SslContext> ssl;
    private final Gateway gateway;
    private final JsonDecoder decoder;
    private final JsonEncoder encoder;
    private final ChannelGroup channels;
    private final ConnectionLimiter connectionLimiter;
    private final HttpRequestHandler httpRequests;
    private final WriteGuard writeGuard = new WriteGuard();
    private final TlsFailures tlsFailures = new TlsFailures();
    private final WriteBuffers writeBuffers;
    private final FrontendMeters meters;
    private final CloseCodeMeter closeCodes;
    private final TrustedProxies proxies;
    /** Null when no Strict-Transport-Security header is sent. */
    private final StrictTransportSecurity strictTransportSecurity;
    /** Null when what an address sends together is not limited. */
    private final AddressMessageRates addressRates;
    private final RepeatedCondition malformedProxyHeaders = ProxyHeaderReader.malformedHeaders();
    private final ProtocolViolations violations = new ProtocolViolations();

    GatewayChannelInitializer(WebSocketConfig config, Supplier<SslContext> ssl, Gateway gateway, JsonDecoder decoder, JsonEncoder encoder,
                              ChannelGroup channels, WriteBuffers writeBuffers, FrontendMeters meters,
                              Supplier<String> metricsText, TrustedProxies proxies) {
        this.proxies = proxies;
        this.strictTransportSecurity = config.hstsMaxAge().isZero() ? null : new StrictTransportSecurity(config.hstsMaxAge());
        this.addressRates = config.messagesPerSecondPerAddress() > 0
                ? new AddressMessageRates(config.messagesPerSecondPerAddress(), 2 * config.messagesPerSecondPerAddress()) : null;
        this.meters = meters;
        this.closeCodes = new CloseCodeMeter(meters);
        this.config = config;
        this.writeBuffers = writeBuffers;
        this.ssl = ssl;
        this.gateway = gateway;
        this.decoder = decoder;
        this.encoder = encoder;
        this.channels = channels;
        // 0 = no limit: then no handler at all, rather than one that counts for nothing
        this.connectionLimiter = config.maxConnectionsPerAddress() > 0 ? new ConnectionLimiter(config.maxConnectionsPerAddress(), proxies) : null;
        // RFC 6455 as the Autobahn catalogue checks it (framing.AutobahnFramingTest): each breach is a
        // CorruptedWebSocketFrameException that SignalingHandler answers with a close frame.
        WebSocketDecoderConfig frames = WebSocketDecoderConfig.newBuilder()
                // a frame longer than a message may be is refused from its header (1009), never buffered
                .maxFramePayloadLength(config.maxFrameSize())
                .expectMaskedFrames(true)
                .allowMaskMismatch(false) // an unmasked client frame: 1002 (§5.1)
                .allowExtensions(false) // none is negotiated: reserved bits set are 1002 (§5.2)
                // SignalingHandler answers violations itself: Netty's decoder answers an invalid
                // close code with no close frame at all (RFC 6455 asks for 1002)
                .closeOnProtocolViolation(false)
                // SignalingHandler validates whole messages, faster (Utf8); a fragmented message's
                // UTF-8 is judged when it is whole (not fail-fast: allowed, and bounded by the size limit)
                .withUTF8Validator(false)
                .build();
        this.httpRequests = new HttpRequestHandler(config, new StaticFiles(config.staticDir()), gateway::sessionCount,
                gateway::overloaded, gateway::notReady, metricsText, proxies, connectionLimiter,
                new WebSocketHandshake(config.path(), frames));
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channels.add(channel);
        meters.opened(channel);
        ChannelPipeline pipeline = channel.pipeline();
        if (proxies.proxyProtocol() && proxies.fronts(channel)) {
            // First, before TLS: the proxy writes its header in the clear, then passes the client's bytes on.
            pipeline.addLast(PipelineStages.PROXY_HEADER_DECODER, new HAProxyMessageDecoder());
            pipeline.addLast(PipelineStages.PROXY_HEADER, new ProxyHeaderReader(malformedProxyHeaders));
        }
        // Many small writes per read (a room message, a relayed burst) become one flush: one syscall.
        pipeline.addLast(PipelineStages.FLUSH_CONSOLIDATION, new FlushConsolidationHandler(256, true));
        if (connectionLimiter != null) {
            pipeline.addLast(PipelineStages.CONNECTION_LIMIT, connectionLimiter);
        }
        SslContext tls = ssl.get();
        if (tls != null) {
            pipeline.addLast(PipelineStages.TLS, tls.newHandler(channel.alloc()));
            pipeline.addLast(PipelineStages.TLS_FAILURES, tlsFailures);
        }
        pipeline.addLast(PipelineStages.IDLE_GUARD, new IdleGuard(config));
        pipeline.addLast(PipelineStages.HTTP_CODEC, new HttpServerCodec(HttpRequestHandler.DECODER_CONFIG));
        pipeline.addLast(PipelineStages.HTTP_AGGREGATOR, new HttpObjectAggregator(MAX_HTTP_REQUEST));
        if (tls != null && strictTransportSecurity != null) {
            pipeline.addLast(PipelineStages.STRICT_TRANSPORT_SECURITY, strictTransportSecurity);
        }
        // Below the codecs, so it sees every write as a message (a close frame passes); once upgraded,
        // the WebSocket encoder is put above it, where the HTTP codec was.
        pipeline.addLast(PipelineStages.WRITE_GUARD, writeGuard);
        pipeline.addLast(PipelineStages.CLOSE_CODES, closeCodes);
        pipeline.addLast(PipelineStages.HTTP_REQUESTS, httpRequests);
        // The same limit for a fragmented message as a whole: past it, 1009 (TooLongFrameException).
        pipeline.addLast(PipelineStages.WEBSOCKET_AGGREGATOR, new WebSocketFrameAggregator(config.maxFrameSize()));
        pipeline.addLast(PipelineStages.SIGNALING, new SignalingHandler(gateway, decoder, encoder, config, writeBuffers, meters,
                violations, addressRates));
    }
}
