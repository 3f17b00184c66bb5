package org.webrtcgateway.websocket;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.config.ListenFailure;
import org.webrtcgateway.core.protocol.Frontend;

/**
 * The separate metrics port ({@code metrics.port} other than 0): GET /metrics on {@code metrics.bind},
 * 404 for any other path. The JDK's HTTP server on one thread of its own: a scrape now and then needs
 * no more, and it keeps the scrapes off the clients' network threads.
 */
@Singleton
public final class MetricsServer implements Frontend {

    private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);

    private final MetricsConfig config;
    private final MetricsExposition exposition;
    private HttpServer server;
    private ExecutorService executor;

    @Inject
    public MetricsServer(MetricsConfig config, MetricsExposition exposition) {
        this.config = config;
        this.exposition = exposition;
    }

    @Override
    public synchronized void start() throws Exception {
        if (!config.onOwnPort()) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(config.bind(), config.port()), 16);
        } catch (IOException e) {
            throw ListenFailure.explain(MetricsConfig.BIND.key(), MetricsConfig.PORT.key(), "metrics", config.bind(),
                    config.port(), e).map(Exception.class::cast).orElse(e);
        }
        server.createContext("/", this::handle);
        executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "metrics-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        log.info("metrics at http://{}:{}/metrics", config.bind(), address().getPort());
    }

    /** Where it listens; null when it does not. */
    public synchronized InetSocketAddress address() {
        return server == null ? null : server.getAddress();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!exchange.getRequestURI().getPath().equals("/metrics")) {
                answer(exchange, 404, "text/plain; charset=utf-8", "not found\n");
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                answer(exchange, 405, "text/plain; charset=utf-8", "GET or HEAD only\n");
            } else {
                answer(exchange, 200, MetricsExposition.CONTENT_TYPE, exposition.scrape());
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public synchronized void stopAccepting() {
        // Scrapes go on until the stop: a gateway that is stopping is worth watching.
    }

    @Override
    public synchronized void stop(Duration within) {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }
}
