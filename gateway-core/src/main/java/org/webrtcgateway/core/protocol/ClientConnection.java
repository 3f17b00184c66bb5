package org.webrtcgateway.core.protocol;

import java.util.List;

import org.webrtcgateway.core.protocol.ServerMessage;

/**
 * One client's transport, as the core sees it. Implemented by a frontend (the WebSocket one);
 * all methods are thread-safe and never block.
 */
public interface ClientConnection {

    /**
     * Queues a message for the client; messages sent from one thread arrive in the order sent.
     *
     * @return false when the connection is already closed: the message was not taken, the caller keeps it
     */
    boolean send(ServerMessage message);

    /**
     * Messages {@link #send} took that never left this process because the connection died under them
     * (the write failed), oldest first. Asked once the connection has ended, so a resumed session gets
     * them again.
     */
    default List<ServerMessage> unsent() {
        return List.of();
    }

    /**
     * True while the client keeps up: a message sent now stays within the connection's write buffer.
     * A session sends a queued backlog only while this holds, and continues when the frontend tells it
     * the connection is writable again ({@link org.webrtcgateway.core.protocol.ClientLink#writable}).
     */
    default boolean isWritable() {
        return true;
    }

    /**
     * The core keeps nothing more for this connection: it ended without a session, its session ended,
     * or another connection resumed its session. What the frontend holds for it until then (its place
     * in the per-address connection limit: a dropped session still counts against its address) can go.
     * Called at least once after the connection ended; may be called again.
     */
    default void released() {
    }

    /** Ends the connection with a close frame that says why. */
    void close(CloseReason reason);

    /** The client's address, for logs. */
    String remoteAddress();
}
