package org.webrtcgateway.testing.inprocess;

import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.webrtcgateway.core.protocol.Frontend;
import org.webrtcgateway.core.protocol.Gateway;
import org.webrtcgateway.core.protocol.JsonDecoder;
import org.webrtcgateway.core.protocol.JsonEncoder;

/**
 * A frontend without a network, for the tests of modules that must not depend on a real one (a bridge
 * tests against the core and this): clients connect at {@code inproc://<id>} and exchange the protocol's
 * JSON text with the core through the same codec and {@link Gateway} a real frontend uses. Each client
 * is a {@link java.net.http.WebSocket}, so {@code TestClient} talks to it as to a real server.
 */
@Singleton
public final class InProcessFrontend implements Frontend {

    static final String SCHEME = "inproc";

    /** The frontends taking clients now, by id: how a client finds its gateway from the URI. */
    private static final Map<String, InProcessFrontend> ACCEPTING = new ConcurrentHashMap<>();

    private final Gateway gateway;
    private final JsonDecoder decoder;
    private final JsonEncoder encoder;
    private final String id = UUID.randomUUID().toString();
    private final Map<InProcessSocket, Boolean> open = new ConcurrentHashMap<>();

    @Inject
    public InProcessFrontend(Gateway gateway, JsonDecoder decoder, JsonEncoder encoder) {
        this.gateway = gateway;
        this.decoder = decoder;
        this.encoder = encoder;
    }

    /** Connects a client to the in-process frontend at {@code uri}; {@code listener} gets what the gateway sends. */
    public static WebSocket connect(URI uri, WebSocket.Listener listener) {
        InProcessFrontend frontend = ACCEPTING.get(uri.getPath().substring(1));
        if (frontend == null) {
            throw new IllegalStateException("no in-process gateway is taking clients at " + uri);
        }
        InProcessSocket socket = new InProcessSocket(frontend.decoder, frontend.encoder, listener, frontend.open::remove);
        frontend.open.put(socket, Boolean.TRUE);
        socket.attach(frontend.gateway.connect(socket, null));
        return socket;
    }

    /** True for an address {@link #connect} takes. */
    public static boolean isInProcess(URI uri) {
        return SCHEME.equals(uri.getScheme());
    }

    @Override
    public void start() {
        ACCEPTING.put(id, this);
    }

    @Override
    public void stopAccepting() {
        ACCEPTING.remove(id);
    }

    @Override
    public void stop(Duration within) {
        stopAccepting();
        open.keySet().forEach(InProcessSocket::abort);
    }

    @Override
    public Optional<URI> clientUri() {
        return Optional.of(URI.create(SCHEME + "://gateway/" + id));
    }
}
