package org.webrtcgateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.webrtcgateway.testing.TestClient;

/**
 * The Debian package's life on this machine, in order: install, run as the service, upgrade over a locally
 * edited conffile, remove, purge. Needs root and dpkg (skipped without them); it changes the machine, so it
 * starts by purging what an aborted run may have left, and purges again at the end whatever happened.
 * systemd is not PID 1 here: the service runs as the unit would run it, as far as this machine allows
 * (its user, no capabilities, no new privileges, private /tmp and /proc, read-only system), not by systemd.
 */
@Tag("package")
@TestMethodOrder(OrderAnnotation.class)
class PackageIT {

    private static final String PACKAGE = "webrtc-gateway";
    private static final String USER = "webrtc-gateway";
    private static final Path DEB = Path.of("target", PACKAGE + "_" + UnpackedBundle.VERSION + "_all.deb");
    private static final Path HOME = Path.of("/usr/share/webrtc-gateway");
    private static final Path COMMAND = Path.of("/usr/bin/webrtc-gateway");
    private static final Path CONFIG = Path.of("/etc/webrtc-gateway");
    private static final Path DATA = Path.of("/var/lib/webrtc-gateway");
    private static final Path UNIT = Path.of("/lib/systemd/system/webrtc-gateway.service");
    private static final Path ENABLED = Path.of("/etc/systemd/system/multi-user.target.wants/webrtc-gateway.service");
    private static final Path SOURCE_CONFIG = Path.of("src", "conf");
    private static final String ADMIN_EDIT = "# edited by the admin, kept across upgrades\n";
    private static final String UPGRADE = "+upgrade1";

    /**
     * What of the unit's sandbox can be had without systemd: run by {@code unshare --mount --pid --fork}, this
     * mounts a /proc that hides other users' processes (ProtectProc=invisible), an empty /tmp (PrivateTmp),
     * empty read-only /home and /root (ProtectHome), makes / read-only except the data folder (ProtectSystem=strict
     * with StateDirectory), and runs the command as the service user with no capability and no way to gain
     * privileges (User=, CapabilityBoundingSet=, NoNewPrivileges=).
     */
    private static final String SANDBOX = """
            set -e
            mount --make-rprivate /
            mount -t proc -o hidepid=invisible,nosuid,nodev,noexec proc /proc
            mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs /tmp
            for d in /home /root; do mount -t tmpfs -o ro,mode=0755 tmpfs "$d"; done
            mount --bind /var/lib/webrtc-gateway /var/lib/webrtc-gateway
            mount -o remount,bind,ro /
            cd /var/lib/webrtc-gateway
            exec setpriv --reuid=webrtc-gateway --regid=webrtc-gateway --init-groups --no-new-privs \\
                --bounding-set=-all --inh-caps=-all "$@"
            """;

    @TempDir
    static Path work;

    private static boolean canInstall;

    @BeforeAll
    static void asRootOnADebianMachineWithNothingLeftFromAnEarlierRun() {
        assumeTrue("root".equals(System.getProperty("user.name")), "installing a package needs root");
        assumeTrue(Command.exists("dpkg") && Command.exists("dpkg-deb"), "no dpkg: not a Debian machine");
        canInstall = true;
        assertThat(DEB).as("the package is built by 'mvn package'").isRegularFile();
        purgeIfInstalled();
        if (!installed("openjdk-17-jre-headless")) {
            Command.succeed("apt-get", "install", "-y", "-q", "--no-install-recommends", "openjdk-17-jre-headless");
        }
    }

    @AfterAll
    static void purgeWhateverHappened() {
        if (canInstall) {
            purgeIfInstalled();
        }
    }

    @Test
    @Order(1)
    void installsTheProgramUnderUsrShareAndItsSettingsAsConffilesInEtc() throws IOException {
        Command.succeed("dpkg", "-i", DEB.toString());

        assertThat(Files.readSymbolicLink(COMMAND)).isEqualTo(Path.of("../share/webrtc-gateway/bin/gateway"));
        assertThat(COMMAND.toRealPath()).isEqualTo(HOME.resolve("bin/gateway")).isExecutable();
        assertThat(Files.readSymbolicLink(HOME.resolve("conf"))).as("bin/gateway finds conf/ in /etc").isEqualTo(CONFIG);
        assertThat(HOME.resolve("lib")).isDirectoryContaining("glob:**/distribution-*.jar");

        Set<String> shipped = sourceConfigFiles();
        assertThat(conffiles()).as("every file of src/conf is a conffile in /etc/webrtc-gateway")
                .isEqualTo(shipped.stream().map(name -> CONFIG.resolve(name).toString()).collect(Collectors.toSet()));
        for (String name : shipped) {
            assertThat(CONFIG.resolve(name)).hasSameBinaryContentAs(SOURCE_CONFIG.resolve(name));
        }
        assertThat(Path.of("/usr/share/doc/webrtc-gateway/copyright")).content()
                .contains("License: Apache-2.0").contains("/usr/share/common-licenses/Apache-2.0");

        String control = Command.succeed("dpkg-query", "-W", "-f=${Version}|${Depends}", PACKAGE).output();
        assertThat(control).as("a snapshot's version sorts before its release")
                .startsWith(UnpackedBundle.VERSION.replace("-SNAPSHOT", "~")).contains("java17-runtime-headless");
    }

    @Test
    @Order(2)
    void createsTheServiceUserWithItsDataFolderAndEnablesTheUnit() throws IOException {
        String[] passwd = Command.succeed("getent", "passwd", USER).output().strip().split(":");
        assertThat(Integer.parseInt(passwd[2])).as("a system user's uid").isLessThan(1000);
        assertThat(passwd[5]).as("home").isEqualTo(DATA.toString());
        assertThat(passwd[6]).as("shell").isEqualTo("/usr/sbin/nologin");
        assertThat(Command.run("getent", "group", USER).exit()).as("its own group").isZero();

        PosixFileAttributes data = Files.readAttributes(DATA, PosixFileAttributes.class);
        assertThat(data.owner().getName()).isEqualTo(USER);
        assertThat(PosixFilePermissions.toString(data.permissions())).isEqualTo("rwxr-x---");

        assertThat(UNIT).isRegularFile();
        if (Command.exists("deb-systemd-helper")) {
            assertThat(Files.readSymbolicLink(ENABLED)).as("enabled, to start at boot").isEqualTo(UNIT);
        }
    }

    @Test
    @Order(3)
    void theInstalledUnitVerifiesCleanAndExposesAtMostTwo() {
        assumeTrue(Command.exists("systemd-analyze"), "no systemd-analyze");
        Command verify = Command.run("systemd-analyze", "verify", UNIT.toString());
        assertThat(verify.exit()).as(verify.toString()).isZero();
        assertThat(verify.output()).as("no complaint about the unit").doesNotContain("webrtc-gateway.service");

        // --threshold counts tenths: 20 is an exposure of 2.0
        Command security = Command.run("systemd-analyze", "security", "--offline=true", "--threshold=20", UNIT.toString());
        Matcher exposure = Pattern.compile("Overall exposure level for webrtc-gateway\\.service: (\\d+\\.\\d)").matcher(security.output());
        assertThat(exposure.find()).as(security.toString()).isTrue();
        assertThat(Double.parseDouble(exposure.group(1))).as(security.toString()).isLessThanOrEqualTo(2.0);
        assertThat(security.exit()).as(security.toString()).isZero();
    }

    @Test
    @Order(4)
    void theInstalledCommandServesClientsAsTheServiceUserWithoutPrivileges() throws Exception {
        assumeTrue(Command.exists("unshare") && Command.exists("setpriv"), "no unshare/setpriv (util-linux)");
        List<String> command = List.of("unshare", "--mount", "--pid", "--fork", "sh", "-c", SANDBOX, "sandbox",
                COMMAND.toString(), "--bind", "127.0.0.1", "--port", "0");
        try (GatewayProcess gateway = GatewayProcess.start(command, Map.of())) {
            assertThat(gateway.awaitLine("webrtc-gateway ")).as("the package's settings are read without --config")
                    .endsWith("config " + CONFIG.resolve("gateway.yaml"));
            TestClient alice = TestClient.connect(gateway.awaitWebSocketUri());
            alice.login("alice");

            assertThat(gateway.jvmUser()).contains(USER);
            String status = Files.readString(Path.of("/proc", String.valueOf(gateway.jvm().pid()), "status"));
            assertThat(status).contains("NoNewPrivs:\t1").contains("CapEff:\t0000000000000000").contains("CapBnd:\t0000000000000000");

            gateway.terminate();
            assertThat(alice.awaitClose().code()).as("clients are told the gateway goes away").isEqualTo(1001);
            assertThat(gateway.awaitExit()).as("the JVM's exit status after SIGTERM, as the unit expects it").isEqualTo(143);
        }
    }

    @Test
    @Order(5)
    void anUpgradeKeepsAConffileTheAdminEditedAndUpdatesTheOthers() throws IOException {
        Files.writeString(CONFIG.resolve("gateway.yaml"), ADMIN_EDIT, StandardOpenOption.APPEND);
        Path upgrade = nextVersionWithChangedConffiles();

        Command.succeed("dpkg", "--force-confold", "-i", upgrade.toString());

        assertThat(Command.succeed("dpkg-query", "-W", "-f=${Version}", PACKAGE).output()).endsWith(UPGRADE);
        assertThat(CONFIG.resolve("gateway.yaml")).as("the admin's edit").content().endsWith(ADMIN_EDIT);
        assertThat(CONFIG.resolve("gateway.yaml.dpkg-dist")).as("the package's new version, beside it").content().contains("# new in the upgrade");
        assertThat(CONFIG.resolve("logback.xml")).as("a conffile nobody edited follows the package").content().contains("<!-- new in the upgrade -->");
        assertThat(Command.run("getent", "passwd", USER).exit()).isZero();
        assertThat(DATA).isDirectory();
    }

    @Test
    @Order(6)
    void removeTakesTheProgramAndKeepsSettingsDataAndUser() {
        Command.succeed("dpkg", "-r", PACKAGE);

        assertThat(Files.exists(COMMAND, LinkOption.NOFOLLOW_LINKS)).as(COMMAND.toString()).isFalse();
        assertThat(HOME).doesNotExist();
        assertThat(UNIT).doesNotExist();
        assertThat(CONFIG.resolve("gateway.yaml")).content().endsWith(ADMIN_EDIT);
        assertThat(DATA).isDirectory();
        assertThat(Command.run("getent", "passwd", USER).exit()).isZero();
        assertThat(Command.succeed("dpkg-query", "-W", "-f=${Status}", PACKAGE).output()).isEqualTo("deinstall ok config-files");
    }

    @Test
    @Order(7)
    void purgeRemovesSettingsDataTheUserAndItsGroup() {
        Command.succeed("dpkg", "-P", PACKAGE);

        assertThat(CONFIG).doesNotExist();
        assertThat(DATA).doesNotExist();
        assertThat(Command.run("getent", "passwd", USER).exit()).as("user").isNotZero();
        assertThat(Command.run("getent", "group", USER).exit()).as("group").isNotZero();
        assertThat(Files.exists(ENABLED, LinkOption.NOFOLLOW_LINKS)).as(ENABLED.toString()).isFalse();
        assertThat(installed(PACKAGE)).isFalse();
    }

    /** The same package as the next version, its gateway.yaml and logback.xml changed (test code, not packaging). */
    private static Path nextVersionWithChangedConffiles() throws IOException {
        Path tree = work.resolve("tree");
        Command.succeed("dpkg-deb", "-R", DEB.toString(), tree.toString());
        Path control = tree.resolve("DEBIAN/control");
        Files.writeString(control, Files.readString(control).replaceFirst("(?m)^(Version: .*)$", "$1" + UPGRADE));
        Files.writeString(tree.resolve("etc/webrtc-gateway/gateway.yaml"), "# new in the upgrade\n", StandardOpenOption.APPEND);
        Files.writeString(tree.resolve("etc/webrtc-gateway/logback.xml"), "<!-- new in the upgrade -->\n", StandardOpenOption.APPEND);
        Path deb = work.resolve("upgrade.deb");
        Command.succeed("dpkg-deb", "-b", tree.toString(), deb.toString());
        return deb;
    }

    private static Set<String> sourceConfigFiles() throws IOException {
        try (Stream<Path> files = Files.list(SOURCE_CONFIG)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    /** The conffiles dpkg records for the installed package. */
    private static Set<String> conffiles() {
        String listed = Command.succeed("dpkg-query", "-W", "-f=${Conffiles}", PACKAGE).output();
        return listed.lines().map(String::strip).filter(line -> !line.isEmpty())
                .map(line -> line.split(" ")[0]).collect(Collectors.toSet());
    }

    private static boolean installed(String name) {
        Command status = Command.run("dpkg-query", "-W", "-f=${Status}", name);
        return status.exit() == 0 && status.output().startsWith("install ok installed");
    }

    private static void purgeIfInstalled() {
        Command status = Command.run("dpkg-query", "-W", "-f=${Status}", PACKAGE);
        if (status.exit() == 0 && !status.output().endsWith("not-installed")) {
            Command.succeed("dpkg", "-P", PACKAGE);
        }
    }
}
