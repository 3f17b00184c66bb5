package org.webrtcgateway.testing.nginx;

import static java.util.Objects.requireNonNull;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.webrtcgateway.testing.LoopbackPorts;

/**
 * A real nginx (the Debian package, {@code /usr/sbin/nginx}) on a free loopback port in front of gateways on
 * loopback, with the README's configuration for several nodes ({@link NginxTemplate}), run in the foreground as a
 * child of the test JVM. Its configuration, logs and temporary files are in {@code target/nginx-<port>/}.
 */
public final class Nginx implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/sbin/nginx");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final int port;
    private final Path directory;
    private final Process process;

    private Nginx(int port, Path directory, Process process) {
        this.port = port;
        this.directory = directory;
        this.process = process;
    }

    /** The README's configuration ({@link NginxTemplate#shipped()}) in front of the gateways on {@code gatewayPorts}. */
    public static Nginx cluster(List<Integer> gatewayPorts) {
        return cluster(NginxTemplate.shipped(), gatewayPorts);
    }

    /** {@code template} in front of the gateways on {@code gatewayPorts}; returns once nginx accepts connections. */
    public static Nginx cluster(NginxTemplate template, List<Integer> gatewayPorts) {
        requireNonNull(template, "template");
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is not installed (Debian package nginx: scripts/install-test-deps.sh)");
        }
        int port = LoopbackPorts.free();
        try {
            Path directory = Path.of("target", "nginx-" + port).toAbsolutePath();
            Files.createDirectories(directory.resolve("temp"));
            Path cluster = directory.resolve("cluster.conf");
            Files.writeString(cluster, template.render(port, gatewayPorts));
            Path main = directory.resolve("nginx.conf");
            // What /etc/nginx/nginx.conf is to an operator, cut to what a test needs: everything in the test's folder
            // (no file of the system's nginx is read or written), the cluster file included in http {} as conf.d is.
            Files.writeString(main, String.join("\n",
                    "daemon off;",
                    "worker_processes 1;",
                    "pid " + directory.resolve("nginx.pid") + ";",
                    "error_log " + directory.resolve("error.log") + " info;",
                    "events {",
                    "    worker_connections 1024;",
                    "}",
                    "http {",
                    "    access_log " + directory.resolve("access.log") + ";",
                    "    client_body_temp_path " + directory.resolve("temp/body") + ";",
                    "    proxy_temp_path " + directory.resolve("temp/proxy") + ";",
                    "    fastcgi_temp_path " + directory.resolve("temp/fastcgi") + ";",
                    "    uwsgi_temp_path " + directory.resolve("temp/uwsgi") + ";",
                    "    scgi_temp_path " + directory.resolve("temp/scgi") + ";",
                    "    include " + cluster + ";",
                    "}",
                    ""));
            // -e: where nginx logs before it has read error_log (its built-in place is not ours to write)
            Process process = new ProcessBuilder(List.of(BINARY.toString(), "-p", directory.toString(), "-c", main.toString(),
                    "-e", directory.resolve("error.log").toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("nginx.out").toFile())
                    .start();
            Nginx nginx = new Nginx(port, directory, process);
            nginx.awaitListening();
            return nginx;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start nginx on port " + port, e);
        }
    }

    private void awaitListening() {
        try {
            await("nginx listening on " + port).atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("nginx exited with " + process.exitValue() + ": " + log());
                }
                return LoopbackPorts.accepts(port);
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

    /** {@code ws://127.0.0.1:PORT/ws}: the gateways' WebSocket endpoint, through nginx. */
    public URI webSocketUri() {
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    /** {@code target/nginx-<port>/}. */
    public Path directory() {
        return directory;
    }

    /** Its error log (at {@code info}: connections refused by a node, a node left out) and what it printed. */
    public String log() {
        return read(directory.resolve("error.log")) + read(directory.resolve("nginx.out"));
    }

    /** Stops it (SIGTERM: nginx's fast shutdown, then SIGKILL if it lingers). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly); // its workers
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }
}
