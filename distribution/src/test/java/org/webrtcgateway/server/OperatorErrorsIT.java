package org.webrtcgateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator sees when the gateway cannot start: one line per problem on stderr, naming the
 * setting, where it was written and what was expected, and exit status 2; never a stack trace.
 */
class OperatorErrorsIT {

    /** The .tar.gz, unpacked as an operator would. */
    @RegisterExtension
    static final UnpackedBundle bundle = UnpackedBundle.perClass();

    @TempDir
    Path folder;

    @Test
    void aBridgeTurnedOnWithNothingToDoIsOneLine() throws Exception {
        assertRefusedInOneLine(run("--sip.enabled", "true"), "--sip.enabled: sip.enabled is true but there is no sip.account");
    }

    @Test
    void aValueThatContradictsAnotherSettingIsOneLine() throws Exception {
        assertRefusedInOneLine(run("--room.default-capacity", "100"),
                "--room.default-capacity: room.default-capacity (100) is above room.max-capacity (64)");
    }

    @Test
    void aMissingKeyFileIsOneLine() throws Exception {
        assertRefusedInOneLine(run("--auth.jwt-public-key", "/nonexistent/key.pem"),
                "--auth.jwt-public-key: auth.jwt-public-key: /nonexistent/key.pem does not exist");
    }

    @Test
    void aWebSocketPathWithoutSlashIsOneLine() throws Exception {
        assertRefusedInOneLine(run("--websocket.path", "ws"), "--websocket.path: websocket.path must start with '/', got 'ws'");
    }

    @Test
    void aStaticFolderThatDoesNotExistIsRefused() throws Exception {
        assertRefusedInOneLine(run("--websocket.static-dir", folder.resolve("www").toString()),
                "websocket.static-dir: " + folder.resolve("www") + " does not exist");
    }

    @Test
    void aMissingConfigFileSaysWhyItCannotBeRead() throws Exception {
        assertRefusedInOneLine(run("--config", folder.resolve("nope.yaml").toString()),
                "cannot read the config file " + folder.resolve("nope.yaml") + ": it does not exist");
    }

    @Test
    void anUnreadableConfigFileSaysWhy() throws Exception {
        Path file = Files.writeString(folder.resolve("secret.yaml"), "websocket.port: 0\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        Path nobodyCanRead = file;
        if (Files.isReadable(nobodyCanRead)) {
            // root reads everything: a folder in its place is unreadable as a file to anyone
            Files.delete(file);
            Files.createDirectory(file);
            assertRefusedInOneLine(run("--config", file.toString()), file + ": it is a folder");
        } else {
            assertRefusedInOneLine(run("--config", file.toString()), file + ": permission denied");
        }
    }

    @Test
    void everyMistakeOfAFileIsALineWithItsPlace() throws Exception {
        Path file = Files.writeString(folder.resolve("gateway.yaml"), """
                room:
                  default-capacity: lots
                sesion:
                  resume-grace: 10s
                """);

        BundleRun run = run("--config", file.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).containsExactly(
                "gateway: " + file + ":2:3: room.default-capacity: expected a whole number, got 'lots'",
                "gateway: " + file + ":4:3: unknown setting 'sesion.resume-grace' (did you mean 'session.resume-grace'?)");
    }

    @Test
    void checkConfigAcceptsTheShippedFile() throws Exception {
        BundleRun run = BundleRun.of(bundle.launcher(), Map.of(), "--check-config", bundle.home().resolve("conf").resolve("gateway.yaml").toString());

        assertThat(run.status()).as(run.err().toString()).isZero();
        assertThat(run.out()).singleElement().asString().endsWith("gateway.yaml: good");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void checkConfigRejectsABrokenFileNamingTheLine() throws Exception {
        Path file = Files.writeString(folder.resolve("broken.yaml"), """
                websocket:
                  port: 8080
                 bind: 127.0.0.1
                """);

        BundleRun run = BundleRun.of(bundle.launcher(), Map.of(), "--check-config", file.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).singleElement().asString().startsWith("gateway: " + file + ":3:").contains("YAML syntax");
    }

    @Test
    void versionAndHelpSayWhatTheyShould() throws Exception {
        BundleRun version = BundleRun.of(bundle.launcher(), Map.of(), "--version");
        assertThat(version.status()).isZero();
        assertThat(version.out()).singleElement().asString().startsWith("webrtc-gateway 0.").contains("Java 17");

        BundleRun help = BundleRun.of(bundle.launcher(), Map.of(), "--help");
        assertThat(help.status()).isZero();
        assertThat(String.join("\n", help.out())).contains("--check-config FILE").contains("auth.jwt-secret [")
                .contains("auth.jwt-secret-file");
    }

    @Test
    void aJavaOlderThan17IsNamedBeforeAnythingStarts() throws Exception {
        Path javaHome = fakeJava("1.8.0_392");

        BundleRun run = BundleRun.of(bundle.launcher(), Map.of("JAVA_HOME", javaHome.toString()), "--version");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).containsExactly("gateway: " + javaHome.resolve("bin/java") + " is Java 8; the gateway needs"
                + " Java 17 or newer (set JAVA_HOME to one)");
    }

    @Test
    void noJavaAtAllIsNamed() throws Exception {
        BundleRun run = BundleRun.of(bundle.launcher(), Map.of("JAVA_HOME", "", "PATH", toolsWithoutJava().toString()), "--version");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).singleElement().asString().startsWith("gateway: no Java found: install Java 17 or newer");
    }

    /** A PATH folder with the tools the launcher uses, and no java. */
    private Path toolsWithoutJava() throws IOException {
        Path bin = Files.createDirectories(folder.resolve("tools"));
        for (String tool : new String[] {"dirname", "readlink", "sed", "grep", "tr", "cut", "head"}) {
            for (String dir : new String[] {"/usr/bin", "/bin"}) {
                if (Files.isExecutable(Path.of(dir, tool))) {
                    Files.createSymbolicLink(bin.resolve(tool), Path.of(dir, tool));
                    break;
                }
            }
        }
        return bin;
    }

    private Path fakeJava(String version) throws IOException {
        Path home = folder.resolve("old-java");
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        Path java = Files.writeString(home.resolve("bin/java"), "#!/bin/sh\necho 'this fake java must not be run' >&2\nexit 99\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    private BundleRun run(String... args) throws Exception {
        String[] all = new String[args.length + 2];
        all[0] = "--port";
        all[1] = "0";
        System.arraycopy(args, 0, all, 2, args.length);
        return BundleRun.of(bundle.launcher(), Map.of(), all);
    }

    private static void assertRefusedInOneLine(BundleRun run, String expected) {
        assertThat(run.status()).as("exit status; stderr: " + run.err()).isEqualTo(2);
        assertThat(run.err()).as("stderr").singleElement().asString().startsWith("gateway: ").contains(expected);
        assertThat(String.join("\n", run.out())).as("no stack trace").doesNotContain("Exception").doesNotContain("\tat ");
    }
}
