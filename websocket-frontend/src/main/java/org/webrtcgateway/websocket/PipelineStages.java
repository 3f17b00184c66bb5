package org.webrtcgateway.websocket;

/** Names of the pipeline's stages, top (network) to bottom (signaling), as {@link GatewayChannelInitializer} adds them. */
final class PipelineStages {
    static final String PROXY_HEADER_DECODER = "proxy-header-decoder";
    static final String PROXY_HEADER = "proxy-header";
    static final String FLUSH_CONSOLIDATION = "flush-consolidation";
    static final String TLS = "tls";
    static final String TLS_FAILURES = "tls-failures";
    static final String CONNECTION_LIMIT = "connection-limit";
    static final String IDLE_GUARD = "idle-guard";
    static final String HTTP_CODEC = "http-codec";
    static final String HTTP_AGGREGATOR = "http-aggregator";
    static final String STRICT_TRANSPORT_SECURITY = "strict-transport-security";
    static final String WRITE_GUARD = "write-guard";
    static final String CLOSE_CODES = "close-codes";
    static final String HTTP_REQUESTS = "http-requests";
    static final String WEBSOCKET_AGGREGATOR = "websocket-aggregator";
    static final String SIGNALING = "signaling";

    private PipelineStages() {
    }
}
