package org.webrtcgateway.testing.redis;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.webrtcgateway.testing.ChildProcesses;
import org.webrtcgateway.testing.LoopbackPorts;

/**
 * A real, throw-away Redis Cluster on loopback: three masters with a replica each ({@code redis-server
 * --cluster-enabled yes}, joined by {@code redis-cli --cluster create}, Debian packages redis-server and
 * redis-tools), no persistence, every process a child of the test JVM. A test may {@link #kill} a master, as a
 * crash would; its replica then takes over its slots (node timeout 1 s). Skipped (an assumption) where the
 * binaries are not installed. Register it on a static field: it runs once for the class.
 */
public final class RedisClusterExtension implements BeforeAllCallback, AfterAllCallback {

    public static final Path CLI = Path.of("/usr/bin/redis-cli");
    private static final int MASTERS = 3;
    private static final Duration FORM_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private Path dir;
    private final Map<Integer, Process> servers = new LinkedHashMap<>();

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        assumeTrue(Files.isExecutable(RedisExtension.BINARY) && Files.isExecutable(CLI),
                RedisExtension.BINARY + " or " + CLI + " is not installed (Debian packages redis-server, redis-tools)");
        dir = Files.createTempDirectory("redis-cluster-test");
        for (int i = 0; i < MASTERS * 2; i++) {
            startServer();
        }
        List<String> create = new ArrayList<>(List.of(CLI.toString(), "--cluster", "create"));
        servers.keySet().forEach(port -> create.add("127.0.0.1:" + port));
        create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
        run(create, Duration.ofSeconds(60));
        Awaitility.await("every node of the Redis Cluster says cluster_state:ok").atMost(FORM_TIMEOUT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> servers.keySet().stream().allMatch(port -> cli(port, "cluster", "info").contains("cluster_state:ok")));
        // A replica copies its master in the background after the cluster forms: a test that kills a master before
        // that has ended loses data no failover would lose in service.
        Awaitility.await("every master's replica is in sync").atMost(FORM_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> masters().stream().map(port -> cli(port, "info", "replication"))
                        .allMatch(info -> info.contains("connected_slaves:1") && info.contains("state=online")));
    }

    private void startServer() throws IOException {
        int port = LoopbackPorts.free();
        int bus = LoopbackPorts.free();
        Path home = Files.createDirectories(dir.resolve(String.valueOf(port)));
        // --cluster-port: the cluster bus on a free port of its own (the default, port + 10000, may be taken).
        // --cluster-replica-validity-factor 0: a replica takes over however long it was cut off, so a test's kill
        // always ends in a failover.
        Process server = new ProcessBuilder(RedisExtension.BINARY.toString(), "--bind", "127.0.0.1", "--port",
                String.valueOf(port), "--cluster-enabled", "yes", "--cluster-port", String.valueOf(bus),
                "--cluster-config-file", home.resolve("nodes.conf").toString(), "--cluster-node-timeout", "1000",
                "--cluster-replica-validity-factor", "0", "--save", "", "--appendonly", "no", "--daemonize", "no",
                "--protected-mode", "yes", "--dir", home.toString(), "--logfile", "")
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("redis.log").toFile())
                .start();
        servers.put(port, server);
        Awaitility.await("redis-server answers on 127.0.0.1:" + port).atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(50)).until(() -> {
                    if (!server.isAlive()) {
                        throw new AssertionError("redis-server exited: " + Files.readString(home.resolve("redis.log")));
                    }
                    return LoopbackPorts.accepts(port);
                });
    }

    /** {@code redis://127.0.0.1:p1,127.0.0.1:p2,...}: every master and replica, as {@code cluster.redis-uri} takes them. */
    public String uri() {
        return "redis://" + servers.keySet().stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
    }

    /** The port of the live master that serves {@code key}'s slot now. */
    public int masterOf(String key) {
        int slot = Integer.parseInt(cli(anyLive(), "cluster", "keyslot", key).trim());
        for (String line : cli(anyLive(), "cluster", "nodes").split("\n")) {
            String[] fields = line.trim().split(" ");
            if (fields.length < 9 || !fields[2].contains("master") || fields[2].contains("fail")) {
                continue;
            }
            for (int i = 8; i < fields.length; i++) {
                if (fields[i].startsWith("[")) {
                    continue; // a slot being migrated or imported
                }
                String[] range = fields[i].split("-");
                int from = Integer.parseInt(range[0]);
                int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
                if (slot >= from && slot <= to) {
                    return Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1, fields[1].indexOf('@')));
                }
            }
        }
        throw new IllegalStateException("no live master serves slot " + slot + " of " + key);
    }

    /** The ports of the live masters. */
    public List<Integer> masters() {
        return servers.keySet().stream().filter(port -> servers.get(port).isAlive())
                .filter(port -> cli(port, "role").startsWith("master")).toList();
    }

    /** The keys the server on {@code port} holds that match {@code pattern} (Redis's glob: * ? [...]). */
    public List<String> keys(int port, String pattern) {
        return cli(port, "--scan", "--pattern", pattern).lines().filter(line -> !line.isBlank()).toList();
    }

    /** Kills the server on {@code port} (SIGKILL), as a crash would, and returns once it has ended. */
    public void kill(int port) {
        ChildProcesses.end(servers.get(port), true, STOP_TIMEOUT);
    }

    /** Waits until {@code key}'s slot is served by a live master other than {@code old} and the cluster is whole again. */
    public int awaitFailover(String key, int old) {
        Awaitility.await("a replica took over the slot of " + key + " from 127.0.0.1:" + old).atMost(FAILOVER_TIMEOUT)
                .pollInterval(Duration.ofMillis(100)).ignoreExceptions() // no master for the slot, for a moment
                .until(() -> masterOf(key) != old && cli(anyLive(), "cluster", "info").contains("cluster_state:ok"));
        return masterOf(key);
    }

    private int anyLive() {
        return servers.entrySet().stream().filter(server -> server.getValue().isAlive()).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new IllegalStateException("no Redis Cluster node is running"));
    }

    private String cli(int port, String... command) {
        List<String> line = new ArrayList<>(List.of(CLI.toString(), "-h", "127.0.0.1", "-p", String.valueOf(port)));
        line.addAll(List.of(command));
        return run(line, Duration.ofSeconds(10));
    }

    private String run(List<String> command, Duration timeout) {
        try {
            // Output to a file, not a pipe: reading a pipe would wait past the timeout for a command that hangs.
            Path output = Files.createTempFile(dir, "cli", ".out");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end within " + timeout);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.delete(output);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        servers.values().forEach(server -> ChildProcesses.end(server, false, STOP_TIMEOUT));
        servers.clear();
        ChildProcesses.deleteFolder(dir);
    }
}
