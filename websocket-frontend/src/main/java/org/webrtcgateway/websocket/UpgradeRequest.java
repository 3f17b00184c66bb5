package org.webrtcgateway.websocket;

import java.util.Base64;
import java.util.List;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Whether a request is an RFC 6455 opening handshake (§4.2.1). Netty's handshaker factory would also
 * accept the drafts before it (hixie-76, hybi-07/08), which this gateway does not want to speak:
 * their framing and security are weaker, and no current browser sends them.
 */
enum UpgradeRequest {
    /** A WebSocket upgrade of version 13 with a proper key: hand it to the handshake. */
    RFC_6455,
    /** A WebSocket upgrade of another version or none: 426 with the version we speak (§4.4). */
    OTHER_VERSION,
    /** Not a WebSocket upgrade, or one without a proper key: 400. */
    MALFORMED;

    /** The one {@code Sec-WebSocket-Version} accepted, and named in a 426. */
    static final String SUPPORTED_VERSION = "13";
    /** The key is a base64-encoded 16-byte nonce. */
    private static final int KEY_BYTES = 16;

    static UpgradeRequest of(HttpRequest request) {
        HttpHeaders headers = request.headers();
        boolean upgrade = HttpMethod.GET.equals(request.method())
                && request.protocolVersion().compareTo(HttpVersion.HTTP_1_1) >= 0
                && headers.contains(HttpHeaderNames.HOST)
                && headers.containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
                && headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
        if (!upgrade) {
            return MALFORMED;
        }
        if (!headers.getAll(HttpHeaderNames.SEC_WEBSOCKET_VERSION).equals(List.of(SUPPORTED_VERSION))) {
            return OTHER_VERSION;
        }
        List<String> keys = headers.getAll(HttpHeaderNames.SEC_WEBSOCKET_KEY);
        return keys.size() == 1 && isNonce(keys.get(0)) ? RFC_6455 : MALFORMED;
    }

    private static boolean isNonce(String key) {
        try {
            return Base64.getDecoder().decode(key).length == KEY_BYTES;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }
}
