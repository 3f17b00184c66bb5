package org.webrtcgateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.webrtcgateway.core.config.Setting;
import org.webrtcgateway.core.plugin.Composition;

/** The README's configuration reference stays complete as settings are added. */
class ReadmeTest {

    @Test
    void theReadmeDocumentsEverySetting() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));

        for (Setting<?> setting : Composition.discover().settings()) {
            assertThat(readme).as("README.md documents " + setting.key()).contains("| `" + setting.key() + "` |");
        }
    }
}
