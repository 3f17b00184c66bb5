package org.webrtcgateway.websocket.testing;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.inject.Injector;
import com.google.inject.Module;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.webrtcgateway.core.Lifecycle;
import org.webrtcgateway.core.config.Settings;
import org.webrtcgateway.core.plugin.Composition;
import org.webrtcgateway.core.session.Session;
import org.webrtcgateway.core.session.SessionRegistry;
import org.webrtcgateway.websocket.WebSocketServer;

/**
 * Starts a real gateway (the core and the plug-ins on the class path, as the server's main does, plus
 * any module a test adds; a misspelled setting fails the test) on a free loopback port before each test
 * and stops it after, closing every {@link TestClient} the test opened.
 * <pre>
 * &#64;RegisterExtension
 * final GatewayExtension gateway = new GatewayExtension().with("session.resume-grace", "1s");
 * </pre>
 */
public final class GatewayExtension implements BeforeEachCallback, AfterEachCallback {

    private final Map<String, String> settings = new LinkedHashMap<>(Map.of(
            "websocket.bind", "127.0.0.1",
            "websocket.port", "0"));
    private final List<Module> extraModules = new ArrayList<>();
    private final List<TestClient> clients = new ArrayList<>();
    private Injector injector;
    private Lifecycle lifecycle;

    /** Sets a configuration key for the gateway under test. */
    public GatewayExtension with(String key, String value) {
        settings.put(key, value);
        return this;
    }

    /** Adds a Guice module, e.g. one that binds a test bridge. */
    public GatewayExtension withModule(Module module) {
        extraModules.add(module);
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stop();
    }

    /** Starts the gateway as the server's main does: the plug-ins on the class path, settings checked. */
    public void start() throws Exception {
        Composition.Started started = Composition.discover().start(Settings.of(settings), extraModules);
        injector = started.injector();
        lifecycle = started.lifecycle();
    }

    public void stop() {
        clients.forEach(TestClient::close);
        clients.clear();
        if (lifecycle != null) {
            lifecycle.stop();
            lifecycle = null;
        }
    }

    public Injector injector() {
        return injector;
    }

    public int port() {
        return injector.getInstance(WebSocketServer.class).address().getPort();
    }

    public URI httpUri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    public URI wsUri() {
        return URI.create("ws://127.0.0.1:" + port() + "/ws");
    }

    /** A connected client that has not logged in. */
    public TestClient client() {
        return track(TestClient.connect(wsUri()));
    }

    /** A connected client with extra handshake headers (Origin, Authorization...). */
    public TestClient client(URI uri, Map<String, String> headers) {
        return track(TestClient.connect(uri, headers));
    }

    /** A client logged in as {@code name}. */
    public TestClient login(String name) {
        TestClient client = client();
        client.login(name);
        return client;
    }

    /** Waits until {@code name}'s session has noticed its connection dropped and waits to be resumed. */
    public void awaitDropped(String name) {
        SessionRegistry sessions = injector.getInstance(SessionRegistry.class);
        Awaitility.await().atMost(TestClient.WAIT).until(() -> {
            Session session = sessions.byName(name);
            return session != null && !session.isConnected();
        });
    }

    private TestClient track(TestClient client) {
        clients.add(client);
        return client;
    }
}
