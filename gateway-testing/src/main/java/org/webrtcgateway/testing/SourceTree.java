package org.webrtcgateway.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the project's source tree, found from a test's working directory (a module's folder under Maven) upwards. */
public final class SourceTree {

    private SourceTree() {
    }

    /** {@code relative} (e.g. {@code distribution/src/conf/gateway.yaml}) in the source tree this test runs in. */
    public static Path file(String relative) {
        for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
            Path candidate = folder.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(relative + " is not in " + Path.of("").toAbsolutePath() + " or a folder above it");
    }
}
