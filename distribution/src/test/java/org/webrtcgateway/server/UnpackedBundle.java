package org.webrtcgateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The .tar.gz that {@code mvn package} makes ({@code target/webrtc-gateway-VERSION.tar.gz}), unpacked into a
 * folder the way an operator unpacks it (with {@code tar}, so file modes are what tar gives them), and its
 * {@code bin/gateway} started from there.
 *
 * <p>As a JUnit extension ({@code @RegisterExtension static final UnpackedBundle bundle = UnpackedBundle.perClass()})
 * it unpacks once before a class's tests, kills what each test started from it after the test, and deletes the
 * folder after the class; {@link #unpack} gives one of a test's own.
 */
final class UnpackedBundle implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    /** The project version, which failsafe passes as a system property. */
    static final String VERSION = System.getProperty("project.version", "0.1.0-SNAPSHOT");
    static final Path TARBALL = Path.of("target", "webrtc-gateway-" + VERSION + ".tar.gz");

    private Path home;
    private Path folder;
    private final List<GatewayProcess> started = new ArrayList<>();

    private UnpackedBundle(Path home) {
        this.home = home;
    }

    /** Unpacked before the class's tests into a folder of its own (see the class comment). */
    static UnpackedBundle perClass() {
        return new UnpackedBundle(null);
    }

    /** Unpacks the tarball into {@code folder}; the bundle's home is the one top folder it holds. */
    static UnpackedBundle unpack(Path folder) throws IOException, InterruptedException {
        return new UnpackedBundle(unpackInto(folder));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        folder = Files.createTempDirectory("unpacked-tarball");
        home = unpackInto(folder);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        started.forEach(GatewayProcess::close);
        started.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static Path unpackInto(Path folder) throws IOException, InterruptedException {
        assertThat(TARBALL).as("the tarball is built by 'mvn package'").isRegularFile();
        Process tar = new ProcessBuilder("tar", "-xzf", TARBALL.toAbsolutePath().toString(), "-C", folder.toString())
                .redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).as("tar -xzf: %s", output).isZero();
        try (var top = Files.list(folder)) {
            assertThat(top.map(p -> p.getFileName().toString())).as("one top folder").containsExactly("webrtc-gateway-" + VERSION);
        }
        return folder.resolve("webrtc-gateway-" + VERSION);
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
        GatewayProcess process = GatewayProcess.start(command, environment);
        started.add(process);
        return process;
    }
}
