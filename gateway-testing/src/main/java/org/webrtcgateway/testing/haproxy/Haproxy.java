package org.webrtcgateway.testing.haproxy;

import static java.util.Objects.requireNonNull;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import org.awaitility.core.ConditionTimeoutException;

import org.webrtcgateway.testing.ChildProcesses;
import org.webrtcgateway.testing.LoopbackPorts;

/**
 * A real HAProxy (the Debian package, {@value #BINARY_NAME}) on a free loopback port in front of one or more
 * gateways on loopback, run in the foreground as a child of the test JVM. Its configuration, log and (where the
 * path is short enough for a Unix socket) stats socket are in {@code target/haproxy-<port>/}.
 * <ul>
 *   <li>{@link #inFrontOf(List, Mode)}: a plain proxy, round-robin without health checks, passing the client on as
 *       one {@link Mode} says (PROXY protocol v1 or v2, or {@code X-Forwarded-For});</li>
 *   <li>{@link #cluster(ClusterTemplate, List)}: the configuration operators run in front of several nodes, the
 *       README's ({@link ClusterTemplate}): least connections, no stickiness, PROXY protocol v2, health checks on
 *       {@code /readyz}.</li>
 * </ul>
 * Which server a connection went to, and whether a server is up or down, come from HAProxy itself (its stats
 * socket), so a test waits on what HAProxy decided rather than for a while.
 */
public final class Haproxy implements AutoCloseable {

    static final String BINARY_NAME = "/usr/sbin/haproxy";
    public static final Path BINARY = Path.of(BINARY_NAME);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    /** Unix socket paths longer than this do not fit sockaddr_un (108 bytes, the terminating NUL included). */
    private static final int SOCKET_PATH_MAX = 100;

    /** How a plain proxy ({@link #inFrontOf}) tells the gateway who the client is. */
    public enum Mode {
        PROXY_V1("tcp", "send-proxy"),
        PROXY_V2("tcp", "send-proxy-v2"),
        FORWARDED_FOR("http", "");

        private final String haproxyMode;
        private final String serverOption;

        Mode(String haproxyMode, String serverOption) {
            this.haproxyMode = haproxyMode;
            this.serverOption = serverOption;
        }
    }

    private final int port;
    private final Path directory;
    private final Process process;
    private final StatsSocket stats;
    private final List<String> serverNames;

    private Haproxy(int port, Path directory, Process process, StatsSocket stats, List<String> serverNames) {
        this.port = port;
        this.directory = directory;
        this.process = process;
        this.stats = stats;
        this.serverNames = serverNames;
    }

    /** A plain proxy in front of the gateway on {@code gatewayPort}; returns once it accepts connections. */
    public static Haproxy inFrontOf(int gatewayPort, Mode mode) {
        return inFrontOf(List.of(gatewayPort), mode);
    }

    /**
     * A plain proxy in front of the gateways on {@code gatewayPorts} (servers {@code node1}, {@code node2}, ...),
     * round-robin, no health checks; returns once it accepts connections.
     */
    public static Haproxy inFrontOf(List<Integer> gatewayPorts, Mode mode) {
        requireNonNull(mode, "mode");
        return start(gatewayPorts, (port, socket) -> {
            List<String> cfg = new ArrayList<>(List.of(
                    "global",
                    "    log stdout format raw local0",
                    "    stats socket " + socket + " mode 600 level admin",
                    "defaults",
                    "    mode " + mode.haproxyMode,
                    "    log global",
                    "    timeout connect 5s",
                    "    timeout client 30s",
                    "    timeout server 30s",
                    "    timeout tunnel 1h")); // a WebSocket outlives an HTTP exchange
            if (mode == Mode.FORWARDED_FOR) {
                cfg.add("    option forwardfor");
            }
            cfg.addAll(List.of(
                    "frontend clients",
                    "    bind 127.0.0.1:" + port,
                    "    default_backend gateways",
                    "backend gateways",
                    "    balance roundrobin"));
            for (int i = 0; i < gatewayPorts.size(); i++) {
                cfg.add(("    server " + ClusterTemplate.serverName(i) + " 127.0.0.1:" + gatewayPorts.get(i) + " " + mode.serverOption).stripTrailing());
            }
            cfg.add("");
            return String.join("\n", cfg);
        });
    }

    /** The README's configuration for several nodes ({@link ClusterTemplate#shipped()}) in front of {@code gatewayPorts}. */
    public static Haproxy cluster(List<Integer> gatewayPorts) {
        return cluster(ClusterTemplate.shipped(), gatewayPorts);
    }

    /**
     * {@code template} in front of the gateways on {@code gatewayPorts} (servers {@code node1}, {@code node2}, ...);
     * returns once it accepts connections. Its health checks may not have found the servers up yet:
     * {@link #awaitAllUp} waits for that.
     */
    public static Haproxy cluster(ClusterTemplate template, List<Integer> gatewayPorts) {
        requireNonNull(template, "template");
        return start(gatewayPorts, (port, socket) -> template.render(port, gatewayPorts, socket));
    }

    private interface Configuration {
        String write(int port, Path statsSocket);
    }

    private static Haproxy start(List<Integer> gatewayPorts, Configuration configuration) {
        if (gatewayPorts.isEmpty()) {
            throw new IllegalArgumentException("no gateway to proxy to");
        }
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is not installed (Debian package haproxy: scripts/install-test-deps.sh)");
        }
        int port = LoopbackPorts.free();
        try {
            Path directory = Path.of("target", "haproxy-" + port).toAbsolutePath();
            Files.createDirectories(directory);
            Path socket = directory.resolve("admin.sock");
            if (socket.toString().length() > SOCKET_PATH_MAX) {
                socket = Files.createTempDirectory("haproxy-" + port).resolve("admin.sock");
            }
            Path cfg = directory.resolve("haproxy.cfg");
            Files.writeString(cfg, configuration.write(port, socket));
            Path log = directory.resolve("haproxy.log");
            // -db: in the foreground, a child of this JVM that ends with it
            Process process = new ProcessBuilder(List.of(BINARY.toString(), "-db", "-f", cfg.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            List<String> names = IntStream.range(0, gatewayPorts.size()).mapToObj(ClusterTemplate::serverName).toList();
            Haproxy haproxy = new Haproxy(port, directory, process, new StatsSocket(socket), names);
            haproxy.awaitListening();
            return haproxy;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start HAProxy on port " + port, e);
        }
    }

    private void awaitListening() {
        try {
            await("haproxy listening on " + port).atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("haproxy exited with " + process.exitValue() + ": " + log());
                }
                return LoopbackPorts.accepts(port) && Files.exists(stats.path());
            });
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The port it listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** {@code ws://127.0.0.1:PORT/ws}: the gateways' WebSocket endpoint, through HAProxy. */
    public URI webSocketUri() {
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    /** {@code target/haproxy-<port>/}: its configuration ({@code haproxy.cfg}) and log ({@code haproxy.log}). */
    public Path directory() {
        return directory;
    }

    /** The configuration it runs. */
    public String configuration() {
        return read(directory.resolve("haproxy.cfg"));
    }

    /** What it logged: its connections ({@code option tcplog}), health check changes, warnings. */
    public String log() {
        return read(directory.resolve("haproxy.log"));
    }

    /** The servers' names, in the order of the gateway ports given: {@code node1}, {@code node2}, ... */
    public List<String> serverNames() {
        return serverNames;
    }

    /** Every server as HAProxy sees it now. */
    public List<ServerStatus> servers() {
        return stats.servers();
    }

    /** Server {@code name} as HAProxy sees it now. */
    public ServerStatus server(String name) {
        return servers().stream().filter(server -> server.server().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no server " + name + " (servers: " + serverNames + ")"));
    }

    /** The client connections it holds now, each with the server it went to. */
    public List<ProxiedConnection> connections() {
        return stats.connections();
    }

    /**
     * The server that the connection from {@code client} (the client socket's local address: HAProxy on loopback
     * sees it as it is) went to, if HAProxy holds such a connection now.
     */
    public Optional<String> serverOf(InetSocketAddress client) {
        requireNonNull(client, "client");
        return connections().stream()
                .filter(connection -> connection.client().getPort() == client.getPort()
                        && connection.client().getAddress().equals(client.getAddress()))
                .map(ProxiedConnection::server)
                .findFirst();
    }

    /** Runs a command of HAProxy's runtime API ({@code disable server gateways/node1}) and returns its answer. */
    public String command(String command) {
        return stats.command(command);
    }

    /** Waits until server {@code name} is fully {@code UP}; returns how long that took. */
    public Duration awaitUp(String name, Duration within) {
        return awaitServer(name, "UP", ServerStatus::isUp, within);
    }

    /** Waits until server {@code name} is marked {@code DOWN} by its health checks; returns how long that took. */
    public Duration awaitDown(String name, Duration within) {
        return awaitServer(name, "DOWN", ServerStatus::isDown, within);
    }

    /** Waits until every server is fully {@code UP}. */
    public void awaitAllUp(Duration within) {
        long start = System.nanoTime();
        for (String name : serverNames) {
            Duration left = within.minusNanos(System.nanoTime() - start);
            awaitUp(name, left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left);
        }
    }

    private Duration awaitServer(String name, String what, Predicate<ServerStatus> reached, Duration within) {
        long start = System.nanoTime();
        try {
            await("HAProxy marks " + name + " " + what).atMost(within).pollInterval(Duration.ofMillis(50))
                    .until(() -> reached.test(server(name)));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(name + " not " + what + " within " + within + ": " + server(name)
                    + "; HAProxy's log:\n" + log(), e);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Stops it (SIGTERM, then SIGKILL if it lingers). */
    @Override
    public void close() {
        ChildProcesses.end(process, false, Duration.ofSeconds(5));
        Path socketFolder = stats.path().getParent();
        if (!socketFolder.equals(directory)) { // a temporary folder of its own, for a short path
            try {
                Files.deleteIfExists(stats.path());
                Files.deleteIfExists(socketFolder);
            } catch (IOException e) {
                // left in the temporary folder: harmless
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }
}
