package org.webrtcgateway.core.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.config.ListenFailure;
import org.webrtcgateway.core.log.RepeatedCondition;
import org.webrtcgateway.core.protocol.Frontend;

/**
 * The admin API and page on their own listener (the JDK's HTTP server: a handful of requests a second at most,
 * from operators, so one thread of its own and nothing shared with the clients' event loops). Every
 * {@code /admin/api/} request needs the bearer token; the page itself is static and asks for it.
 * Started after the core like any frontend, and only when {@code admin.enabled}.
 */
@Singleton
public final class AdminServer implements Frontend {

    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
    private static final Pattern DISCONNECT = Pattern.compile("/admin/api/users/([^/]+)/disconnect");
    private static final Pattern END_CALL = Pattern.compile("/admin/api/calls/([^/]+)/end");
    private static final String PAGE = "index.html";

    private final AdminConfig config;
    private final GatewayStatus status;
    private final BearerToken token;
    /** Anyone who reaches the port can try tokens: one line a minute, with the last address. */
    private final RepeatedCondition refused = RepeatedCondition.warn(log, "admin API requests refused for a missing or wrong token");
    private final byte[] page;
    private HttpServer server;
    private ExecutorService thread;

    @Inject
    public AdminServer(AdminConfig config, GatewayStatus status) {
        this.config = config;
        this.status = status;
        this.token = config.enabled() ? new BearerToken(config.token()) : null;
        this.page = resource(PAGE);
    }

    @Override
    public synchronized void start() throws Exception {
        if (!config.enabled()) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(config.bind(), config.port()), 16);
        } catch (IOException e) {
            throw ListenFailure.explain(AdminConfig.BIND.key(), AdminConfig.PORT.key(), "admin API", config.bind(), config.port(), e)
                    .<Exception>map(explained -> explained).orElse(e);
        }
        thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread admin = new Thread(runnable, "gateway-admin");
            admin.setDaemon(true);
            return admin;
        });
        server.setExecutor(thread);
        server.createContext("/", this::handle);
        server.start();
        log.info("admin API and page at {}", pageUri().orElseThrow());
    }

    @Override
    public void stopAccepting() {
        // operators may watch the stop: the listener stays until stop()
    }

    @Override
    public synchronized void stop(Duration within) {
        if (server != null) {
            server.stop(0);
            thread.shutdownNow();
            server = null;
        }
    }

    /**
     * Where the page is, e.g. {@code http://127.0.0.1:8081/admin/}, once started (not {@link #clientUri}: clients do
     * not connect here).
     */
    public synchronized Optional<URI> pageUri() {
        if (server == null) {
            return Optional.empty();
        }
        InetSocketAddress at = server.getAddress();
        String host = at.getAddress().isAnyLocalAddress() ? "127.0.0.1" : at.getAddress().getHostAddress();
        return Optional.of(URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + at.getPort() + "/admin/"));
    }

    @Override
    public String toString() {
        return config.toString();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            route(exchange, exchange.getRequestURI().getPath(), exchange.getRequestMethod());
        } catch (RuntimeException e) {
            log.warn("admin API request {} failed", exchange.getRequestURI(), e);
        }
    }

    private void route(HttpExchange exchange, String path, String method) throws IOException {
        if (path.equals("/admin")) {
            exchange.getResponseHeaders().set("Location", "/admin/");
            send(exchange, 301, "text/plain; charset=utf-8", "moved to /admin/\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        if (path.equals("/admin/")) {
            if (!method.equals("GET") && !method.equals("HEAD")) {
                json(exchange, 405, StatusJson.message("error", "GET only"));
                return;
            }
            exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'");
            send(exchange, 200, "text/html; charset=utf-8", page);
            return;
        }
        if (!path.startsWith("/admin/api/")) {
            json(exchange, 404, StatusJson.message("error", "not found; the page is at /admin/, the API under /admin/api/"));
            return;
        }
        if (!token.matches(exchange.getRequestHeaders().getFirst("Authorization"))) {
            refused.occurred(String.valueOf(exchange.getRemoteAddress()));
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"webrtc-gateway admin\"");
            json(exchange, 401, StatusJson.message("error", "a valid admin token is required: Authorization: Bearer TOKEN (admin.token)"));
            return;
        }
        api(exchange, path, method);
    }

    private void api(HttpExchange exchange, String path, String method) throws IOException {
        Matcher disconnect = DISCONNECT.matcher(path);
        Matcher end = END_CALL.matcher(path);
        boolean action = disconnect.matches() || end.matches();
        if (action != method.equals("POST") || !action && !method.equals("GET")) {
            exchange.getResponseHeaders().set("Allow", action ? "POST" : "GET");
            json(exchange, 405, StatusJson.message("error", (action ? "POST" : "GET") + " only"));
            return;
        }
        switch (path) {
            case "/admin/api/status" -> json(exchange, 200, StatusJson.status(status.snapshot()));
            case "/admin/api/users" -> json(exchange, 200, StatusJson.users(status.users()));
            case "/admin/api/rooms" -> json(exchange, 200, StatusJson.rooms(status.rooms()));
            case "/admin/api/calls" -> json(exchange, 200, StatusJson.calls(status.calls()));
            default -> {
                if (disconnect.matches()) {
                    result(exchange, status.disconnect(disconnect.group(1)));
                } else if (end.matches()) {
                    result(exchange, status.endCall(end.group(1), query(exchange, "user")));
                } else {
                    json(exchange, 404, StatusJson.message("error", "no such admin API resource: " + path));
                }
            }
        }
    }

    private static void result(HttpExchange exchange, GatewayStatus.Result result) throws IOException {
        switch (result.kind()) {
            case DONE -> json(exchange, 200, StatusJson.message("done", result.message()));
            case NOT_FOUND -> json(exchange, 404, StatusJson.message("error", result.message()));
            case AMBIGUOUS -> json(exchange, 409, StatusJson.message("error", result.message()));
        }
    }

    /** A query parameter's decoded value, or null. */
    private static String query(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return java.net.URLDecoder.decode(pair.substring(name.length() + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void json(HttpExchange exchange, int status, byte[] body) throws IOException {
        send(exchange, status, "application/json", body);
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = AdminServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the admin page " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
