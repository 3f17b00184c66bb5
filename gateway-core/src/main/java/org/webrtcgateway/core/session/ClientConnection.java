package org.webrtcgateway.core.session;

import org.webrtcgateway.core.protocol.ServerMessage;

/**
 * One client's transport, as the core sees it. Implemented by a frontend (the WebSocket one);
 * all methods are thread-safe and never block.
 */
public interface ClientConnection {

    /** Queues a message for the client; messages sent from one thread arrive in the order sent. */
    void send(ServerMessage message);

    /** Ends the connection with a close frame that says why. */
    void close(CloseReason reason);

    /** The client's address, for logs. */
    String remoteAddress();
}
