package org.webrtcgateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.core.config.CoreConfig;
import org.webrtcgateway.core.config.Settings;
import org.webrtcgateway.core.plugin.Composition;
import org.webrtcgateway.websocket.WebSocketConfig;

class CommandLineTest {

    /** The gateway as this module's class path makes it: the core, the WebSocket frontend, the SIP bridge. */
    private static final Composition GATEWAY = Composition.discover();

    @TempDir
    Path folder;

    @Test
    void statusIsASubCommandThatTakesTheConfigAndFlagsItReadsTheAdminApiWith() {
        CommandLine line = CommandLine.parse("status", "--config", "gw.yaml", "--admin.port", "9001");

        assertThat(line.status()).isTrue();
        assertThat(line.configFile()).isEqualTo(Path.of("gw.yaml"));
        assertThat(line.overrides()).isEqualTo(Map.of("admin.port", "9001"));
        assertThat(CommandLine.parse("--port", "1").status()).isFalse();
    }

    @Test
    void statusAnywhereButFirstIsRefused() {
        assertThatThrownBy(() -> CommandLine.parse("--port", "1", "status")).hasMessageContaining("unexpected argument 'status'");
    }

    @Test
    void bindAndPortAreShortForTheirWebSocketKeys() {
        CommandLine line = CommandLine.parse("--bind", "0.0.0.0", "--port", "9000");

        assertThat(line.overrides()).isEqualTo(Map.of("websocket.bind", "0.0.0.0", "websocket.port", "9000"));
    }

    @Test
    void everySettingIsAFlagInBothForms() {
        CommandLine line = CommandLine.parse("--session.resume-grace", "10s", "--room.default-capacity=4");

        Settings settings = Main.settings(line, GATEWAY);
        assertThat(CoreConfig.from(settings).resumeGrace()).hasSeconds(10);
        assertThat(CoreConfig.from(settings).defaultRoomCapacity()).isEqualTo(4);
    }

    @Test
    void flagsWinOverTheConfigFileWhichSetsNestedAndDottedKeys() throws IOException {
        Path file = folder.resolve("gateway.yaml");
        Files.writeString(file, """
                websocket:
                  port: 9001
                  bind: 127.0.0.2
                  allowed-origins: [https://a.example, https://b.example]
                room.default-capacity: 3
                """);

        Settings settings = Main.settings(CommandLine.parse("--config", file.toString(), "--port", "9002"), GATEWAY);

        WebSocketConfig websocket = WebSocketConfig.from(settings);
        assertThat(websocket.port()).isEqualTo(9002);
        assertThat(websocket.bind()).isEqualTo("127.0.0.2");
        assertThat(websocket.allowedOrigins()).containsExactly("https://a.example", "https://b.example");
        assertThat(CoreConfig.from(settings).defaultRoomCapacity()).isEqualTo(3);
    }

    @Test
    void anUnknownKeyStopsStartUpNamingTheKeyItProbablyMeant() {
        assertThatThrownBy(() -> Main.settings(CommandLine.parse("--websocket.max-frame-sise", "1000"), GATEWAY))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown setting 'websocket.max-frame-sise'")
                .hasMessageContaining("did you mean 'websocket.max-frame-size'?");
    }

    @Test
    void aValueOfTheWrongFormStopsStartUpNamingKeyAndExpectation() {
        assertThatThrownBy(() -> Main.settings(CommandLine.parse("--port", "eighty"), GATEWAY))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("websocket.port")
                .hasMessageContaining("whole number");
    }

    @Test
    void aMissingConfigFileIsAClearError() {
        assertThatThrownBy(() -> Main.settings(CommandLine.parse("--config", folder.resolve("nope.yaml").toString()), GATEWAY))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nope.yaml");
    }

    @Test
    void aConfigFileThatIsNotAMappingIsAClearError() throws IOException {
        Path file = folder.resolve("list.yaml");
        Files.writeString(file, "- a\n- b\n");

        assertThatThrownBy(() -> Main.settings(CommandLine.parse("--config", file.toString()), GATEWAY))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("mapping");
    }

    @Test
    void aFlagWithoutValueOrAStrayArgumentIsAClearError() {
        assertThatThrownBy(() -> CommandLine.parse("--port")).hasMessageContaining("--port needs a value");
        assertThatThrownBy(() -> CommandLine.parse("serve")).hasMessageContaining("unexpected argument 'serve'");
    }

    @Test
    void helpListsEverySettingWithItsDefault() {
        String usage = CommandLine.usage(GATEWAY.settings(), null);

        for (var setting : GATEWAY.settings()) {
            assertThat(usage).contains(setting.key());
        }
        assertThat(usage).contains("websocket.port [8080]").contains("session.resume-grace [30s]");
    }
}
