package org.webrtcgateway.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A command run to its end, standard error merged into its output: what the packaging tests check with. */
record Command(List<String> line, int exit, String output) {

    /** Runs {@code line} (no shell) and waits up to 3 minutes for it: dpkg and lintian take seconds. */
    static Command run(String... line) {
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", line) + " did not end within 3 minutes; output:\n" + output);
            }
            return new Command(List.of(line), process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs {@code line} and fails, with its output, unless it exits 0. */
    static Command succeed(String... line) {
        Command command = run(line);
        if (command.exit != 0) {
            throw new AssertionError(command + "\nexited " + command.exit);
        }
        return command;
    }

    /** Whether {@code name} is a program on this machine's PATH. */
    static boolean exists(String name) {
        return List.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, name)));
    }

    @Override
    public String toString() {
        return "$ " + String.join(" ", line) + "\n" + output;
    }
}
