package org.webrtcgateway.testing.inprocess;

import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.webrtcgateway.core.protocol.ClientConnection;
import org.webrtcgateway.core.protocol.ClientLink;
import org.webrtcgateway.core.protocol.CloseReason;
import org.webrtcgateway.core.protocol.DisconnectKind;
import org.webrtcgateway.core.protocol.JsonDecoder;
import org.webrtcgateway.core.protocol.JsonEncoder;
import org.webrtcgateway.core.protocol.ServerMessage;

/**
 * One in-process client: to the client a {@link WebSocket}, to the core a {@link ClientConnection}.
 * What the client sends goes to the core on a thread of its own, one message after another (as a
 * frontend's event loop would); what the core sends goes to the client's listener on another, in the
 * order sent. A close works as a WebSocket close handshake: the client's close ends the session; the
 * core's close reaches the client with the protocol's close code; {@link #abort} is a network loss.
 */
final class InProcessSocket implements WebSocket, ClientConnection {

    private static final int UNSUPPORTED_DATA = 1003;

    private final JsonDecoder decoder;
    private final JsonEncoder encoder;
    private final Listener listener;
    private final Consumer<InProcessSocket> onEnd;
    private final ExecutorService toCore = Executors.newSingleThreadExecutor(daemon("in-process-to-core"));
    private final ExecutorService toClient = Executors.newSingleThreadExecutor(daemon("in-process-to-client"));
    private final StringBuilder partial = new StringBuilder();
    private final AtomicBoolean ended = new AtomicBoolean();
    private ClientLink link;

    InProcessSocket(JsonDecoder decoder, JsonEncoder encoder, Listener listener, Consumer<InProcessSocket> onEnd) {
        this.decoder = decoder;
        this.encoder = encoder;
        this.listener = listener;
        this.onEnd = onEnd;
    }

    void attach(ClientLink link) {
        this.link = link;
        toClient.execute(() -> listener.onOpen(this));
    }

    // ------------------------------------------------------------------ the client's side (WebSocket)

    @Override
    public synchronized CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
        if (ended.get()) {
            return CompletableFuture.failedFuture(new IOException("the connection has ended"));
        }
        partial.append(data);
        if (last) {
            byte[] frame = partial.toString().getBytes(StandardCharsets.UTF_8);
            partial.setLength(0);
            toCore.execute(() -> link.receive(decoder.decode(frame, 0, frame.length)));
        }
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
        // As the WebSocket frontend does: binary frames end the connection (1003) and the session.
        endByTheClient(UNSUPPORTED_DATA, "binary frames are not accepted; send JSON text");
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
        endByTheClient(statusCode, "");
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public void request(long n) {
        // every message is delivered as it comes
    }

    @Override
    public String getSubprotocol() {
        return "";
    }

    @Override
    public boolean isOutputClosed() {
        return ended.get();
    }

    @Override
    public boolean isInputClosed() {
        return ended.get();
    }

    /** A network loss: no close on either side; the session waits to be resumed. */
    @Override
    public void abort() {
        end(DisconnectKind.DROPPED, null, null);
    }

    // ------------------------------------------------------------------ the core's side (ClientConnection)

    @Override
    public boolean send(ServerMessage message) {
        if (ended.get()) {
            return false;
        }
        String text = new String(encoder.encode(message), StandardCharsets.UTF_8);
        toClient.execute(() -> listener.onText(this, text, true));
        return true;
    }

    @Override
    public void close(CloseReason reason) {
        // The core closes: the client hears why; to the core it is a connection that went (as a frontend reports it).
        end(DisconnectKind.DROPPED, reason.code(), reason.reason());
    }

    @Override
    public String remoteAddress() {
        return "in-process client";
    }

    // ------------------------------------------------------------------ ending

    /** The client closes (a close frame): the session ends at once; the client gets its close echoed. */
    private void endByTheClient(int code, String reason) {
        end(DisconnectKind.CLOSED, code, reason);
    }

    private void end(DisconnectKind kind, Integer code, String reason) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        toCore.execute(() -> link.disconnected(kind, code != null ? code : ClientLink.NO_CLOSE_CODE));
        if (code != null) {
            toClient.execute(() -> listener.onClose(this, code, reason));
        }
        toCore.shutdown();
        toClient.shutdown();
        onEnd.accept(this);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
