package org.webrtcgateway.testing;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.webrtcgateway.core.Lifecycle;
import org.webrtcgateway.core.config.Setting;
import org.webrtcgateway.core.config.Settings;
import org.webrtcgateway.core.plugin.Composition;
import org.webrtcgateway.core.protocol.Frontend;
import org.webrtcgateway.core.session.Session;
import org.webrtcgateway.core.session.SessionRegistry;
import org.webrtcgateway.testing.inprocess.InProcessFrontend;

/**
 * Starts a real gateway (the core and the plug-ins on the class path, as the server's main does, plus
 * any module a test adds; a misspelled setting fails the test) on a free loopback port before each test
 * and stops it after, closing every {@link TestClient} the test opened.
 *
 * <p>Clients connect where the frontend on the class path says ({@link Frontend#clientUri}), so this
 * module needs no frontend to compile; a module's tests bring one by depending on
 * {@code websocket-frontend} in test scope.
 * <pre>
 * &#64;RegisterExtension
 * final GatewayExtension gateway = new GatewayExtension().with("session.resume-grace", "1s");
 * </pre>
 */
public final class GatewayExtension implements BeforeEachCallback, AfterEachCallback {

    static final String NO_FRONTEND = "no frontend takes clients (this module's in-process frontend is a plug-in:"
            + " is its META-INF/services entry on the class path?)";

    /** A free port on loopback for the WebSocket frontend; a test's own settings override these. */
    private static final Map<String, String> FRONTEND_DEFAULTS = Map.of(
            "websocket.bind", "127.0.0.1",
            "websocket.port", "0");

    private final Map<String, String> settings = new LinkedHashMap<>();
    private final List<Module> extraModules = new ArrayList<>();
    private final List<TestClient> clients = new ArrayList<>();
    private Injector injector;
    private Lifecycle lifecycle;
    private URI clientUri;

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

    /**
     * Starts the gateway as the server's main does: the plug-ins on the class path, settings checked.
     *
     * @throws org.webrtcgateway.core.config.ConfigException when a setting is misspelled or out of range
     * @throws IllegalStateException when no frontend on the class path takes clients
     */
    public void start() throws Exception {
        Composition composition = Composition.discover();
        Composition.Started started = composition.start(Settings.of(settingsFor(composition)), extraModules);
        Optional<URI> offered = clientUriOf(started.injector());
        if (offered.isEmpty()) {
            started.lifecycle().stop();
            throw new IllegalStateException(NO_FRONTEND);
        }
        injector = started.injector();
        lifecycle = started.lifecycle();
        clientUri = offered.get();
    }

    /**
     * The test's settings over {@link #FRONTEND_DEFAULTS}, the defaults only where a plug-in reads them:
     * without the WebSocket frontend they would be unknown keys, and a missing frontend would fail the
     * start as a misspelled setting instead of saying what is missing.
     */
    private Map<String, String> settingsFor(Composition composition) {
        Set<String> known = composition.settings().stream().map(Setting::key).collect(Collectors.toSet());
        Map<String, String> all = new LinkedHashMap<>();
        FRONTEND_DEFAULTS.forEach((key, value) -> {
            if (known.contains(key)) {
                all.put(key, value);
            }
        });
        all.putAll(settings);
        return all;
    }

    private static Optional<URI> clientUriOf(Injector injector) {
        Set<Frontend> frontends = injector.getInstance(Key.get(new TypeLiteral<Set<Frontend>>() { }));
        // A network frontend where there is one: the in-process one is for modules that have none.
        return frontends.stream().map(Frontend::clientUri).flatMap(Optional::stream)
                .min(Comparator.comparing(InProcessFrontend::isInProcess));
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

    /** The port clients connect to. */
    public int port() {
        return wsUri().getPort();
    }

    /** Plain {@code http://} on the clients' host and port, whether or not the frontend speaks TLS there. */
    public URI httpUri(String path) {
        return URI.create("http://" + wsUri().getRawAuthority() + path);
    }

    /** Where clients connect, e.g. {@code ws://127.0.0.1:41234/ws}, as the frontend reports it. */
    public URI wsUri() {
        if (clientUri == null) {
            throw new IllegalStateException("the gateway is not started");
        }
        return clientUri;
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
