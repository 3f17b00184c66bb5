package org.webrtcgateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Timeout;
import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.core.config.Setting;
import org.webrtcgateway.core.config.Settings;
import org.webrtcgateway.core.plugin.Composition;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The config file reader (YAML, flattened to dotted keys, {@code ${ENV}} substituted) and the typed configuration of
 * every part on what it reads, coverage-guided (ADR 0018). Seeds: the shipped conf/gateway.yaml with every setting
 * set, the README's examples, and the findings kept in {@code ConfigFileFuzzTestInputs/}.
 */
class ConfigFileFuzzTest {

    private static final Composition GATEWAY = Composition.discover();
    private static final Path FILE = Path.of("conf", "gateway.yaml");
    private static final Map<String, String> ENVIRONMENT = Map.of("GATEWAY_PORT", "8443", "TURN_SECRET", "s3cr3t-s3cr3t",
            "EMPTY", "", "LITERAL", "${NOT_EXPANDED}");
    private static final UnaryOperator<String> LOOKUP = ENVIRONMENT::get;

    /** The settings that read a file; left out of the typed check, which must read nothing the fuzzer names. */
    private static final List<Pattern> READS_A_FILE = GATEWAY.settings().stream()
            .filter(s -> s.kind() == Setting.Kind.PATH).map(ConfigFileFuzzTest::keyPattern).toList();

    /**
     * Any file is read, or refused with a ConfigException, never another exception; every problem (the reader's or
     * the typed configuration's) is one line, as --check-config prints them; and the text as one value: ${...}
     * substitution refuses only with IllegalArgumentException, leaves text without a reference alone, and gives back
     * any text whose every ${ was written $${.
     */
    @FuzzTest
    @Timeout(10)
    void everyFileIsReadOrRefusedOneLineAProblem(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        substitutionKeepsWhatIsEscaped(text);
        Settings settings;
        try {
            settings = ConfigFile.read(FILE, text, LOOKUP);
        } catch (ConfigException refused) {
            oneLineEach(refused.problems());
            return;
        }
        List<String> problems = GATEWAY.check(withoutFiles(settings));
        if (!problems.isEmpty()) {
            oneLineEach(new ConfigException(problems).problems()); // as --check-config and start-up print them
        }
    }

    private static void substitutionKeepsWhatIsEscaped(String text) {
        EnvironmentSubstitution substitution = new EnvironmentSubstitution(LOOKUP);
        assertThat(substitution.apply(text.replace("${", "$${"))).isEqualTo(text);
        try {
            String substituted = substitution.apply(text);
            if (!text.contains("${")) {
                assertThat(substituted).isSameAs(text);
            }
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    private static void oneLineEach(List<String> problems) {
        for (String problem : problems) {
            assertThat(problem).isNotBlank();
            assertThat(problem.chars().noneMatch(c -> c == '\r' || c == '\n' || c == 0 || c == 0x85 || c == 0x2028))
                    .as("one line: %s", problem.replaceAll("\\p{Cc}", "\uFFFD")).isTrue();
        }
    }

    private static Settings withoutFiles(Settings settings) {
        Map<String, Settings.Value> kept = new LinkedHashMap<>();
        for (String key : settings.keys()) {
            if (key.endsWith(Setting.FILE_SUFFIX) || READS_A_FILE.stream().anyMatch(p -> p.matcher(key).matches())) {
                continue;
            }
            kept.put(key, new Settings.Value(settings.get(Setting.string(key, "", "")), settings.origin(key)));
        }
        return Settings.ofValues(kept);
    }

    /** A setting's key as a pattern: its {@code <name>} segment stands for any name. */
    private static Pattern keyPattern(Setting<?> setting) {
        StringBuilder regex = new StringBuilder();
        for (String part : setting.key().split("<[^>]+>", -1)) {
            if (!regex.isEmpty()) {
                regex.append("[^.]+");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }
}
