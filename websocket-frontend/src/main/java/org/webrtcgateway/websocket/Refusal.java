package org.webrtcgateway.websocket;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * Why the gateway refused or cut off a connection to protect itself, as {@code gateway_connections_refused_total}
 * counts it: the stage that closes a connection marks it, and {@link FrontendMeters} counts the mark when the
 * connection has closed, once, whichever stage closed it first. Frames that break a rule (too large, not
 * UTF-8, over the rate) are not here: their close codes say it.
 */
enum Refusal {
    /** Over {@code websocket.max-connections-per-address}: closed as it connected. */
    PER_ADDRESS("per-address"),
    /** No WebSocket upgrade within {@code websocket.handshake-timeout} (a slowloris, a connection that sends nothing). */
    HANDSHAKE_TIMEOUT("handshake-timeout"),
    /** Nothing received for {@code websocket.idle-timeout} (a half-open connection, a dead network). */
    IDLE_TIMEOUT("idle-timeout"),
    /** A client that reads nothing of what waits for it: past {@code websocket.write-buffer-limit}, or stalled for the idle timeout. */
    NOT_READING("not-reading"),
    /** An HTTP request the decoder could not read, or over the size limits (400, 414, 431). */
    BAD_REQUEST("bad-request"),
    /** A request at the WebSocket path that is no RFC 6455 upgrade from an allowed Origin (400, 403, 426). */
    BAD_UPGRADE("bad-upgrade");

    private static final AttributeKey<Refusal> MARK = AttributeKey.valueOf("metrics.refusal");

    private final String label;

    Refusal(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** Notes on {@code channel} that it is being closed for this reason; the first reason noted is the one counted. */
    void mark(Channel channel) {
        channel.attr(MARK).setIfAbsent(this);
    }

    /** The reason noted on {@code channel}, or null. */
    static Refusal of(Channel channel) {
        return channel.hasAttr(MARK) ? channel.attr(MARK).get() : null;
    }
}
