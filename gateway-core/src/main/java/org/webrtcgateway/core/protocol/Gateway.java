package org.webrtcgateway.core.protocol;

import java.util.List;

/**
 * The core as a frontend sees it: where a client connection is plugged in, and what the frontend may
 * tell about the whole gateway (its {@code /health}).
 */
public interface Gateway {

    /** A new client connection; {@code handshakeToken} is a login token from the transport's handshake, or null. */
    ClientLink connect(ClientConnection connection, String handshakeToken);

    /** Sessions now, dropped ones waiting to be resumed included. */
    int sessionCount();

    /** Whether bridges are refusing new calls for want of memory ({@code bridge.heap-limit-percent}). */
    boolean overloaded();

    /**
     * What keeps the gateway from being ready ({@code /readyz}): one line per problem of an enabled bridge
     * (its registrations down, its stream lost), or that it has not started; empty when ready. Never blocks.
     */
    default List<String> notReady() {
        return List.of();
    }
}
