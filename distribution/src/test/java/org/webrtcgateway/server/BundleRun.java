package org.webrtcgateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of {@code bin/gateway} that ends by itself (a refused configuration, {@code --check-config},
 * {@code --version}): its exit status and what it wrote to stdout and stderr, apart.
 */
record BundleRun(int status, List<String> out, List<String> err) {

    static BundleRun of(Path gateway, Map<String, String> environment, String... args) throws IOException, InterruptedException {
        assertThat(gateway).as("the bundle is built by 'mvn package'").isExecutable();
        Path folder = Files.createTempDirectory("bundle-run");
        Path out = folder.resolve("out");
        Path err = folder.resolve("err");
        List<String> command = new ArrayList<>(List.of(gateway.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not end within 30 s; stdout: " + Files.readAllLines(out));
        }
        BundleRun run = new BundleRun(process.exitValue(), Files.readAllLines(out), Files.readAllLines(err));
        Files.delete(out);
        Files.delete(err);
        Files.delete(folder);
        return run;
    }
}
