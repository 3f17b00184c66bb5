package org.webrtcgateway.websocket.proxy;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.webrtcgateway.testing.LoopbackPorts;

/**
 * A real HAProxy (the Debian package) on a free loopback port in front of a gateway, configured as operators run it:
 * in TCP mode passing the client on in a PROXY protocol header ({@code send-proxy} / {@code send-proxy-v2}), or in
 * HTTP mode adding {@code X-Forwarded-For} ({@code option forwardfor}). Its configuration and log are in
 * {@code target/haproxy-<port>/}.
 */
final class Haproxy implements AutoCloseable {

    /** How HAProxy tells the gateway who the client is. */
    enum Mode {
        PROXY_V1("tcp", "send-proxy"),
        PROXY_V2("tcp", "send-proxy-v2"),
        FORWARDED_FOR("http", "");

        final String haproxyMode;
        final String serverOption;

        Mode(String haproxyMode, String serverOption) {
            this.haproxyMode = haproxyMode;
            this.serverOption = serverOption;
        }
    }

    private final int port;
    private final Process process;

    private Haproxy(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /** Starts HAProxy in front of the gateway on {@code gatewayPort}; returns once it accepts connections. */
    static Haproxy inFrontOf(int gatewayPort, Mode mode) throws IOException {
        int port = LoopbackPorts.free();
        Path dir = Path.of("target", "haproxy-" + port).toAbsolutePath();
        Files.createDirectories(dir);
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, String.join("\n",
                "defaults",
                "    mode " + mode.haproxyMode,
                "    timeout connect 5s",
                "    timeout client 30s",
                "    timeout server 30s",
                "    timeout tunnel 1h", // a WebSocket outlives an HTTP exchange
                mode == Mode.FORWARDED_FOR ? "    option forwardfor" : "",
                "frontend clients",
                "    bind 127.0.0.1:" + port,
                "    default_backend gateway",
                "backend gateway",
                "    server gw 127.0.0.1:" + gatewayPort + " " + mode.serverOption,
                ""));
        Process process = new ProcessBuilder(List.of("haproxy", "-db", "-f", cfg.toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("haproxy.log").toFile())
                .start();
        Haproxy haproxy = new Haproxy(port, process);
        await("haproxy listening on " + port).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("haproxy exited with " + process.exitValue() + ": "
                                + Files.readString(dir.resolve("haproxy.log")));
                    }
                    return LoopbackPorts.accepts(port);
                });
        return haproxy;
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }


}
