package org.webrtcgateway.websocket;

import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

/** The answer to a client's close frame, as RFC 6455 §5.5.1 and §7.4 ask. */
final class CloseCodes {

    private CloseCodes() {
    }

    /**
     * Echoes a valid status code; a close without one is answered 1000; an invalid one (a code no
     * endpoint may send, such as 1005, 1006, 1015, codes below 1000, unassigned ones, or 5000 and up)
     * is a protocol error, answered 1002. Netty's decoder lets some of those through.
     */
    static CloseWebSocketFrame reply(CloseWebSocketFrame received) {
        int code = received.statusCode();
        if (code < 0) {
            // (String): Netty 4.2 adds a (status, ByteBufAllocator) constructor; the answer carries no reason
            return new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE, (String) null);
        }
        if (!maySend(code)) {
            return new CloseWebSocketFrame(WebSocketCloseStatus.PROTOCOL_ERROR, "invalid close code " + code);
        }
        return new CloseWebSocketFrame(code, null);
    }

    /** Codes an endpoint may put in a close frame (RFC 6455 §7.4.1 and IANA's registry). */
    static boolean maySend(int code) {
        return code >= 1000 && code <= 1003
                || code >= 1007 && code <= 1014
                || code >= 3000 && code <= 4999;
    }
}
