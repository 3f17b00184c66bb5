package org.webrtcgateway.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** What every test peer that runs as a child process (Redis, HAProxy, Prometheus) does on its way out. */
public final class ChildProcesses {

    private ChildProcesses() {
    }

    /**
     * Stops {@code process} as an operator would (SIGTERM), or as a crash would ({@code kill}: SIGKILL), and waits
     * up to {@code grace} for it to end; one that lingers is killed and waited for as long again.
     *
     * @return whether it has ended
     */
    public static boolean end(Process process, boolean kill, Duration grace) {
        if (kill) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        return !process.isAlive();
    }

    /** Deletes {@code folder} and everything in it (a peer's temporary home), as far as it can. */
    public static void deleteFolder(Path folder) throws IOException {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
