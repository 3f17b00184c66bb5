package org.webrtcgateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.webrtcgateway.testing.TestClient;
import org.webrtcgateway.testing.LoopbackPorts;

/**
 * {@code bin/gateway status} of the unpacked tarball against a running gateway of the same bundle: it finds the admin
 * API and its token through the configuration the gateway was started with, and says why when it cannot.
 */
class StatusCommandIT {

    /** The .tar.gz, unpacked as an operator would; what a test starts from it is killed after the test. */
    @RegisterExtension
    static final UnpackedBundle bundle = UnpackedBundle.perClass();

    private static final String TOKEN = "status-token-0123456789abcdef";

    @TempDir
    Path folder;

    private GatewayProcess gateway;

    @Test
    void statusPrintsTheRunningGatewaysUsersRoomsAndCallsFromTheSameConfig() throws Exception {
        Path config = configWithAdmin(LoopbackPorts.free());
        gateway = bundle.start(Map.of(), "--config", config.toString());
        java.net.URI clients = gateway.awaitWebSocketUri();
        TestClient alice = TestClient.connect(clients);
        alice.login("alice");
        alice.requestOk("type", "join", "room", "lobby");
        TestClient bob = TestClient.connect(clients);
        bob.login("bob");
        String call = bob.requestOk("type", "offer", "to", "alice", "sdp", "v=0\r\n").path("call").asText();

        Command status = Command.run(bundle.launcher().toString(), "status", "--config", config.toString());

        assertThat(status.exit()).as(status.toString()).isZero();
        assertThat(status.output())
                .contains("users: 2\n")
                .containsPattern("(?m)^  alice  127\\.0\\.0\\.1:\\d+  since \\S+  rooms: lobby  calls: " + call + "$")
                .contains("rooms: 1\n  lobby  1 of 2: alice\n")
                .containsPattern("(?m)^calls: 1\n  " + call + "  bob -> alice  ringing  since \\S+$");
    }

    @Test
    void aWrongTokenIsSaidToBeRefusedWithExit1() throws Exception {
        Path config = configWithAdmin(LoopbackPorts.free());
        gateway = bundle.start(Map.of(), "--config", config.toString());
        gateway.awaitWebSocketUri();

        Files.writeString(folder.resolve("admin-token"), "not-the-token-0123456789\n");

        Command status = Command.run(bundle.launcher().toString(), "status", "--config", config.toString());

        assertThat(status.exit()).isEqualTo(1);
        assertThat(status.output()).contains("refused the token").doesNotContain("Exception");
    }

    @Test
    void aGatewayThatDoesNotRunIsSaidToBeUnreachableWithExit1() throws Exception {
        int port = LoopbackPorts.free();

        Command status = Command.run(bundle.launcher().toString(), "status", "--config", configWithAdmin(port).toString());

        assertThat(status.exit()).isEqualTo(1);
        assertThat(status.output()).contains("cannot reach the admin API at http://127.0.0.1:" + port + "/admin/api/status")
                .contains("is the gateway running").doesNotContain("Exception");
    }

    @Test
    void anAdminApiThatIsOffIsSaidToBeOffWithExit1() throws Exception {
        Path config = folder.resolve("gateway.yaml");
        Files.writeString(config, "websocket:\n  port: 0\n");

        Command status = Command.run(bundle.launcher().toString(), "status", "--config", config.toString());

        assertThat(status.exit()).isEqualTo(1);
        assertThat(status.output()).contains("the admin API is off (admin.enabled is false)");
    }

    /** The token in a file of its own, as an operator keeps it (admin.token-file). */
    private Path configWithAdmin(int adminPort) throws Exception {
        Path token = folder.resolve("admin-token");
        Files.writeString(token, TOKEN + "\n");
        Path config = folder.resolve("gateway.yaml");
        Files.writeString(config, "websocket:\n  port: 0\nadmin:\n  enabled: true\n  port: " + adminPort
                + "\n  token-file: admin-token\n");
        return config;
    }

}
