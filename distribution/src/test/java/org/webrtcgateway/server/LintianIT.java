package org.webrtcgateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Debian's own checker on the package: errors fail the build; warnings are printed, not failed on. */
class LintianIT {

    private static final Path DEB = Path.of("target", "webrtc-gateway_" + UnpackedBundle.VERSION + "_all.deb");

    @Test
    void lintianFindsNoErrorInThePackage() {
        assertThat(Command.exists("lintian")).as("lintian is installed (scripts/install-test-deps.sh installs it)").isTrue();
        assertThat(DEB).as("the package is built by 'mvn package'").isRegularFile();

        Command lintian = Command.run("lintian", "--allow-root", DEB.toString());

        System.out.println(lintian);
        assertThat(lintian.output().lines().filter(line -> line.startsWith("E: "))).as(lintian.toString()).isEmpty();
        assertThat(lintian.exit()).as("lintian exits 0 when it found no error; " + lintian).isZero();
    }
}
