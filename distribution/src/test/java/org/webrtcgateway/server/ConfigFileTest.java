package org.webrtcgateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webrtcgateway.core.config.AuthConfig;
import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.core.config.Settings;
import org.webrtcgateway.core.plugin.Composition;
import org.webrtcgateway.websocket.WebSocketConfig;

/** Reading the YAML file: where each value was written, environment variables, secrets in files, relative paths. */
class ConfigFileTest {

    private static final Composition GATEWAY = Composition.discover();

    @TempDir
    Path folder;

    @Test
    void aWrongValueIsReportedWithItsLineAndColumnAndWhatWasExpected() throws IOException {
        Path file = write("""
                websocket:
                  bind: 127.0.0.1
                  port: eighty
                """);

        assertThat(problems(file)).containsExactly(file + ":3:3: websocket.port: expected a whole number, got 'eighty'");
    }

    @Test
    void anUnknownKeyIsReportedWithItsLineAndTheKeyItProbablyMeant() throws IOException {
        Path file = write("""
                room:
                  default-capacity: 4
                  max-capasity: 10
                """);

        assertThat(problems(file)).containsExactly(
                file + ":3:3: unknown setting 'room.max-capasity' (did you mean 'room.max-capacity'?)");
    }

    @Test
    void everyMistakeIsReportedNotOnlyTheFirst() throws IOException {
        Path file = write("""
                websocket.port: 99999
                sesion.resume-grace: 30s
                call.max-per-user: none
                """);

        assertThat(problems(file)).hasSize(3);
    }

    @Test
    void settingsThatContradictEachOtherNameTheLineOfTheOneWritten() throws IOException {
        Path file = write("""
                # rooms
                room.default-capacity: 100
                """);

        assertThat(problems(file)).containsExactly(
                file + ":2:1: room.default-capacity (100) is above room.max-capacity (64)");
    }

    @Test
    void aYamlSyntaxErrorIsOneLineWithItsPlace() throws IOException {
        Path file = write("""
                websocket:
                  port: 8080
                 bind: 127.0.0.1
                """);

        assertThatThrownBy(() -> ConfigFile.read(file))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(1);
                    assertThat(e.problems().get(0)).startsWith(file + ":3:").contains("YAML syntax").doesNotContain("\n");
                });
    }

    @Test
    void aKeySetTwiceIsAMistakeNamingBothPlaces() throws IOException {
        Path file = write("""
                websocket:
                  port: 8080
                websocket.port: 9000
                """);

        assertThatThrownBy(() -> ConfigFile.read(file)).hasMessage(
                file + ":3:1: websocket.port is set twice (first at " + file + ":2:3)");
    }

    @Test
    void environmentVariablesAreSubstitutedWithDefaultsAndAnUnsetOneIsAMistake() throws IOException {
        Map<String, String> environment = Map.of("GW_PORT", "9100");
        Path file = write("""
                websocket.port: ${GW_PORT}
                websocket.bind: ${GW_BIND:-127.0.0.2}
                websocket.path: /ws$${literal}
                auth.jwt-issuer: ${GW_ISSUER}
                """);

        assertThatThrownBy(() -> ConfigFile.read(file, environment::get)).hasMessage(
                file + ":4:1: auth.jwt-issuer: environment variable GW_ISSUER is not set"
                        + " (write ${GW_ISSUER:-default} to give a default)");

        Files.writeString(file, Files.readString(file).replace("auth.jwt-issuer: ${GW_ISSUER}\n", ""));
        WebSocketConfig websocket = WebSocketConfig.from(ConfigFile.read(file, environment::get));
        assertThat(websocket.port()).isEqualTo(9100);
        assertThat(websocket.bind()).isEqualTo("127.0.0.2");
        assertThat(websocket.path()).isEqualTo("/ws${literal}");
    }

    /** Found by ConfigFileFuzzTest: cutting the escape out of "$$${{" made a "${" of its neighbours, refused. */
    @Test
    void aDollarBeforeAnEscapedReferenceStaysALiteral() {
        EnvironmentSubstitution substitution = new EnvironmentSubstitution(name -> null);

        assertThat(substitution.apply("pa$$${{word")).isEqualTo("pa$${{word");
        assertThat(substitution.apply("$$${x}")).isEqualTo("$${x}");
        assertThatThrownBy(() -> substitution.apply("$${x}${")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("starts no");
    }

    /** Found by ConfigFileFuzzTest: the YAML parser's message held a NUL; a quoted key can hold a line break. */
    @Test
    void everyProblemIsOneLineWhateverItQuotes() throws IOException {
        Path file = write("!!"); // a tag cut short: the parser names the NUL it reads at the end
        Path key = write("\"room.max\\ncapacity\": 3\n");

        assertThat(problems(file)).singleElement().asString().doesNotContain("\u0000").contains("\\u0000");
        assertThat(new ConfigException(problems(key)).problems()).singleElement().asString().doesNotContain("\n")
                .contains("room.max\\ncapacity");
    }

    @Test
    void aSecretComesFromTheFileItsFileKeyNamesRelativeToTheConfigFolder() throws IOException {
        Files.writeString(folder.resolve("jwt-secret"), "s3cret-from-a-file\n");
        Path file = write("auth.jwt-secret-file: jwt-secret\n");

        Settings settings = ConfigFile.read(file);

        assertThat(GATEWAY.check(settings)).isEmpty();
        assertThat(AuthConfig.from(settings).jwtSecret()).isEqualTo("s3cret-from-a-file");
    }

    @Test
    void aSecretAndItsFileTogetherOrAMissingSecretFileAreMistakes() throws IOException {
        Path both = write("""
                auth.jwt-secret: x
                auth.jwt-secret-file: /run/credentials/nothing-here
                """);
        assertThat(problems(both)).containsExactly(both + ":2:1: auth.jwt-secret-file: set auth.jwt-secret or"
                + " auth.jwt-secret-file, not both");

        Path missing = write("ice.turn-secret-file: ${CREDENTIALS_DIRECTORY:-/run/credentials/x}/turn-secret\n");
        assertThat(problems(missing)).containsExactly(missing + ":1:1: ice.turn-secret-file: "
                + "/run/credentials/x/turn-secret does not exist");
    }

    @Test
    void aFileKeyForASettingThatIsNoSecretIsUnknown() throws IOException {
        Path file = write("websocket.port-file: port.txt\n");

        assertThat(problems(file)).singleElement().asString().contains("unknown setting 'websocket.port-file'");
    }

    @Test
    void relativePathsAreRelativeToTheConfigFilesFolderAndMustExist() throws IOException {
        Files.createDirectories(folder.resolve("www"));
        Path file = write("""
                websocket.static-dir: www
                auth.jwt-public-key: keys/missing.pem
                """);

        Settings settings = ConfigFile.read(file);

        assertThat(WebSocketConfig.from(settings).staticDir()).isEqualTo(folder.resolve("www"));
        assertThat(problems(file)).containsExactly(file + ":2:1: auth.jwt-public-key: " + folder.resolve("keys/missing.pem")
                + " does not exist");
    }

    @Test
    void anEmptyFileOrOneOfCommentsIsTheDefaults() throws IOException {
        assertThat(ConfigFile.read(write("# nothing yet\n")).keys()).isEmpty();
    }

    private Path write(String yaml) throws IOException {
        Path file = Files.createTempFile(folder, "gateway", ".yaml");
        Files.writeString(file, yaml);
        return file.toAbsolutePath();
    }

    private static List<String> problems(Path file) {
        try {
            return GATEWAY.check(ConfigFile.read(file));
        } catch (ConfigException e) {
            return e.problems();
        }
    }
}
