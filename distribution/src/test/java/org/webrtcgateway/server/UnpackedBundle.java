package org.webrtcgateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The .tar.gz that {@code mvn package} makes ({@code target/webrtc-gateway-VERSION.tar.gz}), unpacked into a
 * folder the way an operator unpacks it (with {@code tar}, so file modes are what tar gives them), and its
 * {@code bin/gateway} started from there.
 */
final class UnpackedBundle {

    /** The project version, which failsafe passes as a system property. */
    static final String VERSION = System.getProperty("project.version", "0.1.0-SNAPSHOT");
    static final Path TARBALL = Path.of("target", "webrtc-gateway-" + VERSION + ".tar.gz");

    private final Path home;

    private UnpackedBundle(Path home) {
        this.home = home;
    }

    /** Unpacks the tarball into {@code folder}; the bundle's home is the one top folder it holds. */
    static UnpackedBundle unpack(Path folder) throws IOException, InterruptedException {
        assertThat(TARBALL).as("the tarball is built by 'mvn package'").isRegularFile();
        Process tar = new ProcessBuilder("tar", "-xzf", TARBALL.toAbsolutePath().toString(), "-C", folder.toString())
                .redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).as("tar -xzf: %s", output).isZero();
        try (var top = Files.list(folder)) {
            assertThat(top.map(p -> p.getFileName().toString())).as("one top folder").containsExactly("webrtc-gateway-" + VERSION);
        }
        return new UnpackedBundle(folder.resolve("webrtc-gateway-" + VERSION));
    }

    Path home() {
        return home;
    }

    Path launcher() {
        return home.resolve("bin").resolve("gateway");
    }

    /** Runs {@code bin/gateway} with {@code arguments}, {@code environment} added to this JVM's. */
    GatewayProcess start(Map<String, String> environment, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(launcher().toString()));
        command.addAll(List.of(arguments));
        return GatewayProcess.start(command, environment);
    }
}
