package org.webrtcgateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webrtcgateway.core.config.Setting;
import org.webrtcgateway.core.config.Settings;
import org.webrtcgateway.core.plugin.Composition;

/** {@code conf/gateway.yaml} as shipped: every setting in place, each commented line valid and at its default. */
class ShippedConfigTest {

    private static final Path SHIPPED = Path.of("src", "conf", "gateway.yaml");
    /** A setting left at its default: {@code #key: value} (prose comments have a space after the '#'). */
    private static final Pattern COMMENTED_SETTING = Pattern.compile("(?m)^(\\s*)#(?=[a-z][a-z0-9.-]*:)");
    /** The names the file's examples give the {@code <name>} of named settings. */
    private static final List<String> EXAMPLE_NAMES = List.of("alice", "us");

    private static final Composition GATEWAY = Composition.discover();

    @TempDir
    Path folder;

    @Test
    void theShippedFileChecksGoodAsItIs() {
        Settings settings = ConfigFile.read(SHIPPED);

        assertThat(GATEWAY.check(settings)).isEmpty();
    }

    @Test
    void theExamplesShippedBesideItCheckGoodButForFilesOfTheirPeers() throws IOException {
        try (var files = Files.list(SHIPPED.getParent())) {
            for (Path example : files.filter(f -> f.getFileName().toString().endsWith("-example.yaml")).toList()) {
                assertThat(GATEWAY.check(ConfigFile.read(example))).as(example.toString())
                        .allMatch(problem -> problem.endsWith("does not exist"));
            }
        }
    }

    @Test
    void everySettingIsInTheFile() throws IOException {
        Settings uncommented = uncommented();

        for (Setting<?> setting : GATEWAY.settings()) {
            String key = setting.isPattern() ? nameOf(setting, uncommented) : setting.key();
            assertThat(uncommented.keys()).as("conf/gateway.yaml shows " + setting.key()).contains(key);
        }
    }

    @Test
    void everyCommentedSettingIsValidYamlOfTheRightFormWhenUncommented() throws IOException {
        Settings uncommented = uncommented();

        // Example paths (certificates...) do not exist here; everything else must be right.
        assertThat(uncommented.problems(GATEWAY.settings())).allMatch(problem -> problem.endsWith("does not exist"));
    }

    @Test
    void everyCommentedSettingShowsItsDefault() throws IOException {
        Settings uncommented = uncommented();

        for (Setting<?> setting : GATEWAY.settings()) {
            if (setting.defaultValue() != null && !setting.isPattern() && !List.of().equals(setting.defaultValue())) {
                assertThat((Object) uncommented.get(setting)).as(setting.key()).isEqualTo(setting.defaultValue());
            }
        }
    }

    private Settings uncommented() throws IOException {
        Path file = folder.resolve("gateway.yaml");
        Files.writeString(file, COMMENTED_SETTING.matcher(Files.readString(SHIPPED)).replaceAll("$1"));
        return ConfigFile.read(file, name -> "value-of-" + name);
    }

    private static String nameOf(Setting<?> pattern, Settings settings) {
        return EXAMPLE_NAMES.stream().map(pattern::forName).map(Setting::key)
                .filter(settings.keys()::contains).findFirst().orElse(pattern.key());
    }
}
