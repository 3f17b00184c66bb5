package org.webrtcgateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.webrtcgateway.testing.TestClient;

/**
 * The tarball a user downloads ({@code target/webrtc-gateway-VERSION.tar.gz}), unpacked into a fresh folder,
 * its {@code bin/gateway} run as a separate process.
 */
class GatewayBundleIT {

    /** The .tar.gz, unpacked as an operator would; what a test starts from it is killed after the test. */
    @RegisterExtension
    static final UnpackedBundle bundle = UnpackedBundle.perClass();

    @TempDir
    Path folder;

    private GatewayProcess gateway;

    @Test
    void theTarballHoldsTheProgramItsConfigurationAndLicenceUnderOneFolder() {
        Path home = bundle.home();
        assertThat(bundle.launcher()).isExecutable();
        assertThat(home.resolve("lib")).isDirectoryContaining("glob:**/gateway-core-*.jar").isDirectoryContaining("glob:**/distribution-*.jar");
        assertThat(home.resolve("conf")).isDirectoryContaining("glob:**/gateway.yaml").isDirectoryContaining("glob:**/jvm.options")
                .isDirectoryContaining("glob:**/logback.xml");
        assertThat(home.resolve("LICENSE")).content().contains("Apache License").contains("Version 2.0, January 2004");
        assertThat(home.resolve("README.md")).isRegularFile();
    }

    @Test
    void theLauncherIsExecutableByEveryoneAndTheRestIsReadOnly() throws Exception {
        assertThat(Files.getPosixFilePermissions(bundle.launcher())).contains(PosixFilePermission.OTHERS_EXECUTE)
                .doesNotContain(PosixFilePermission.OTHERS_WRITE, PosixFilePermission.GROUP_WRITE);
        assertThat(Files.getPosixFilePermissions(bundle.home().resolve("conf").resolve("gateway.yaml")))
                .doesNotContain(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_WRITE);
    }

    @Test
    void startsLogsItsUrlServesClientsAndShutsDownCleanlyOnSigterm() throws Exception {
        gateway = bundle.start(Map.of("JAVA_OPTS", "-Dgateway.test-marker=yes"), "--bind", "127.0.0.1", "--port", "0");

        TestClient alice = TestClient.connect(gateway.awaitWebSocketUri());
        alice.login("alice");
        assertThat(gateway.jvm().info().arguments().orElseThrow()).as("JAVA_OPTS reach the JVM").contains("-Dgateway.test-marker=yes");

        gateway.terminate();

        assertThat(alice.awaitClose().code()).as("clients are told the gateway goes away").isEqualTo(1001);
        assertThat(gateway.awaitExit()).as("the JVM's exit status after SIGTERM").isEqualTo(143);
        gateway.awaitLine("stopped");
    }

    @Test
    void readsItsConfigFile() throws Exception {
        Path config = folder.resolve("gateway.yaml");
        Files.writeString(config, "websocket:\n  port: 0\nroom:\n  default-capacity: 5\n");
        gateway = bundle.start(Map.of(), "--config", config.toString());

        TestClient alice = TestClient.connect(gateway.awaitWebSocketUri());
        alice.login("alice");
        assertThat(alice.requestOk("type", "join", "room", "r").path("capacity").asInt()).isEqualTo(5);
        alice.closeNormally();
    }

    @Test
    void helpPrintsUsageAndExitsZero() throws Exception {
        gateway = bundle.start(Map.of(), "--help");

        assertThat(gateway.awaitExit()).isZero();
        assertThat(gateway.outputAfterExit()).contains("Usage: gateway").contains("websocket.max-frame-size");
    }

    @Test
    void aMistypedSettingStopsWithExitCode2AndASuggestion() throws Exception {
        gateway = bundle.start(Map.of(), "--port", "0", "--sesion.resume-grace", "5s");

        assertThat(gateway.awaitExit()).isEqualTo(2);
        assertThat(gateway.outputAfterExit()).contains("unknown setting 'sesion.resume-grace'")
                .contains("did you mean 'session.resume-grace'?");
    }

    @Test
    void aPortInUseIsAOneLineConfigErrorAndExitCode2() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            gateway = bundle.start(Map.of(), "--port", String.valueOf(taken.getLocalPort()));

            assertThat(gateway.awaitExit()).isEqualTo(2);
            assertThat(gateway.outputAfterExit()).contains("gateway: --websocket.port: websocket.port: 127.0.0.1:" + taken.getLocalPort()
                    + " is already in use (another gateway or program listens there); choose another port or stop that program")
                    .doesNotContain("	at ");
        }
    }
}
