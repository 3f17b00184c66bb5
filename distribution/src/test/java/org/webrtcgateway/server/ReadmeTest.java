package org.webrtcgateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.webrtcgateway.core.config.Setting;
import org.webrtcgateway.core.plugin.Composition;

/** The README's configuration reference stays complete as settings are added, and its examples are the tested files. */
class ReadmeTest {

    @Test
    void theReadmeDocumentsEverySetting() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));

        for (Setting<?> setting : Composition.discover().settings()) {
            assertThat(readme).as("README.md documents " + setting.key()).contains("| `" + setting.key() + "` |");
        }
    }

    /** The load balancer configurations the README shows are the shipped files the tests run (ThreeNodesBehind*IT). */
    @ParameterizedTest
    @ValueSource(strings = {"haproxy-cluster-example.cfg", "nginx-cluster-example.conf"})
    void theReadmeShowsTheShippedLoadBalancerConfigurationAsItIs(String file) throws IOException {
        String shipped = Files.readString(Path.of("src", "conf", file));

        assertThat(codeBlocks(Files.readString(Path.of("..", "README.md"))))
                .as("a code block of README.md is conf/%s as it is (copy the file into it)", file).contains(shipped);
    }

    /** The contents of the README's fenced code blocks, each line ending in a newline. */
    private static List<String> codeBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("```")) {
                if (block == null) {
                    block = new StringBuilder();
                } else {
                    blocks.add(block.toString());
                    block = null;
                }
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return blocks;
    }
}
