package org.webrtcgateway.core;

import java.util.List;

import org.webrtcgateway.core.metrics.MessageMeters;
import org.webrtcgateway.core.protocol.ClientConnection;
import org.webrtcgateway.core.protocol.CloseReason;
import org.webrtcgateway.core.protocol.ServerMessage;

/**
 * A frontend's connection as the core holds it, counting each message it takes: every reply,
 * delivery and error goes through here, whichever service or session sends it.
 */
final class CountedConnection implements ClientConnection {

    private final ClientConnection connection;
    private final MessageMeters meters;

    CountedConnection(ClientConnection connection, MessageMeters meters) {
        this.connection = connection;
        this.meters = meters;
    }

    @Override
    public boolean send(ServerMessage message) {
        boolean taken = connection.send(message);
        if (taken) {
            meters.sent(message);
        }
        return taken;
    }

    @Override
    public List<ServerMessage> unsent() {
        return connection.unsent();
    }

    @Override
    public boolean isWritable() {
        return connection.isWritable();
    }

    @Override
    public void released() {
        connection.released();
    }

    @Override
    public void close(CloseReason reason) {
        connection.close(reason);
    }

    @Override
    public String remoteAddress() {
        return connection.remoteAddress();
    }

    @Override
    public String toString() {
        return connection.toString();
    }
}
