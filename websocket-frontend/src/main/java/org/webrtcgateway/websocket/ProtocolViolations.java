package org.webrtcgateway.websocket;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.log.RepeatedConditionPerSource;

/**
 * Tells the operator about connections closed for breaking RFC 6455 or PROTOCOL.md's framing (1002, 1003, 1007,
 * 1009, a client's invalid close code): one line per client address and minute, with how many since and the last
 * one, however many connections and frames the client spends on it. One per server, shared by its connections.
 */
final class ProtocolViolations {

    private static final Logger log = LoggerFactory.getLogger(ProtocolViolations.class);
    /** Addresses named in lines of their own at once; beyond them (a sweep from many addresses) they share one. */
    static final int LOGGED_ADDRESSES = 256;

    private final RepeatedConditionPerSource closed = RepeatedConditionPerSource.warn(log,
            "closed WebSocket connections for protocol violations", LOGGED_ADDRESSES);

    /** A connection from {@code remote} is being closed with {@code status} because of {@code why}. */
    void closing(SocketAddress remote, WebSocketCloseStatus status, String why) {
        InetAddress address = remote instanceof InetSocketAddress socket ? socket.getAddress() : null;
        closed.occurred(address, status.code() + " " + why);
    }
}
