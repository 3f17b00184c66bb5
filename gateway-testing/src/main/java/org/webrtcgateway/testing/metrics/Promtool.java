package org.webrtcgateway.testing.metrics;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus's own checker ({@code promtool}, Debian package {@code prometheus}); a test that needs it
 * is skipped where it is not installed.
 */
public final class Promtool {

    public static final Path BINARY = Path.of("/usr/bin/promtool");

    /** What promtool said, and whether it passed (exit 0). */
    public record Result(int exitCode, String output) {
        public boolean passed() {
            return exitCode == 0;
        }
    }

    private Promtool() {
    }

    /** {@code promtool check metrics} on an exposition: its lint of names, types, units and help texts. */
    public static Result checkMetrics(String exposition) {
        return run(exposition, "check", "metrics");
    }

    /** {@code promtool check rules FILE}: the alerting rules parse and their expressions are valid PromQL. */
    public static Result checkRules(Path rules) {
        return run(null, "check", "rules", rules.toString());
    }

    /** {@code promtool test rules FILE}: alerting rules' unit tests, series in and alerts expected out. */
    public static Result testRules(Path tests) {
        return run(null, "test", "rules", tests.toString());
    }

    private static Result run(String stdin, String... args) {
        assumeTrue(Files.isExecutable(BINARY), BINARY + " is not installed (Debian package prometheus)");
        List<String> command = new ArrayList<>(List.of(BINARY.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (stdin != null) {
                process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("promtool did not finish in 30 s");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new AssertionError("promtool failed to run: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
