package org.webrtcgateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Several gateways, each a process of its own started from the bundle ({@code target/gateway/bin/gateway}) on a
 * free loopback port, as the nodes behind a load balancer: independent ones (no cluster mode), with the same
 * settings. Each answers {@code /health} with its session count, asked from 127.0.0.254: not the proxy on 127.0.0.1
 * that the nodes may trust, and no test client either (a node may allow an address one connection). Closing kills
 * what is left of them.
 */
final class GatewayNodes implements AutoCloseable {

    static final Path GATEWAY = Path.of("target", "gateway", "bin", "gateway");
    private static final Pattern SESSIONS = Pattern.compile("\"sessions\":(\\d+)");
    /** Another machine, on loopback: neither the proxy nor a test's client. */
    private static final String ASKED_FROM = "127.0.0.254";

    private final List<GatewayProcess> processes;
    private final List<Integer> ports;

    private GatewayNodes(List<GatewayProcess> processes, List<Integer> ports) {
        this.processes = processes;
        this.ports = ports;
    }

    /** Starts {@code count} gateways at once with {@code settings} ({@code --key value} pairs) and waits until each listens. */
    static GatewayNodes start(int count, String... settings) throws IOException, InterruptedException {
        assertThat(GATEWAY).as("the bundle is built by 'mvn package'").isExecutable();
        List<String> command = new ArrayList<>(List.of(GATEWAY.toString(), "--bind", "127.0.0.1", "--port", "0",
                "--websocket.health-counts", "true"));
        command.addAll(List.of(settings));
        List<GatewayProcess> processes = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                processes.add(GatewayProcess.start(command, Map.of()));
            }
            for (GatewayProcess process : processes) {
                ports.add(process.awaitListening().getPort());
            }
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            processes.forEach(GatewayProcess::close);
            throw e;
        }
        return new GatewayNodes(processes, List.copyOf(ports));
    }

    /** Their ports on 127.0.0.1, node 0 first. */
    List<Integer> ports() {
        return ports;
    }

    /** Sessions node {@code index} holds, as its {@code /health} says (dropped ones waiting for a resume included). */
    int sessionsOn(int index) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(ASKED_FROM, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", ports.get(index)), 2000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Matcher sessions = SESSIONS.matcher(answer);
            assertThat(sessions.find()).as("a session count in node %d's /health: %s", index, answer).isTrue();
            return Integer.parseInt(sessions.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException("node " + index + " on port " + ports.get(index) + " did not answer /health", e);
        }
    }

    /** SIGKILL to node {@code index}'s JVM, as a crash or the out-of-memory killer would; returns once it has ended. */
    void kill(int index) throws InterruptedException {
        ProcessHandle jvm = processes.get(index).jvm();
        jvm.destroyForcibly();
        assertThat(jvm.onExit().thenApply(ProcessHandle::isAlive).completeOnTimeout(true, 10, TimeUnit.SECONDS).join())
                .as("node %d's JVM ends on SIGKILL", index).isFalse();
        processes.get(index).awaitExit();
    }

    /**
     * SIGSTOP to node {@code index}'s JVM: it answers nothing any more, while its kernel still holds its connections
     * open and accepts new ones, as a node that hangs or whose machine is cut off looks from outside. Closing kills it.
     */
    void freeze(int index) throws IOException, InterruptedException {
        processes.get(index).signal("STOP");
    }

    @Override
    public void close() {
        processes.forEach(GatewayProcess::close);
    }
}
