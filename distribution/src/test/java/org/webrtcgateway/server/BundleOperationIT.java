package org.webrtcgateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.webrtcgateway.testing.TestClient;

/** Running the bundle as an operator does: its own config file by default, the start-up log, SIGHUP, JAVA_OPTS. */
class BundleOperationIT {

    /** The .tar.gz, unpacked as an operator would; what a test starts from it is killed after the test. */
    @RegisterExtension
    static final UnpackedBundle bundle = UnpackedBundle.perClass();

    @TempDir
    Path folder;

    @Test
    void readsConfGatewayYamlWithoutBeingToldAndSaysSoInTheStartupLog() throws Exception {
        Path conf = bundle.home().resolve("conf/gateway.yaml");
        String shipped = Files.readString(conf);
        Files.writeString(conf, shipped.replace("  port: 8080", "  port: 0").replace("  #default-capacity: 2", "  default-capacity: 5"));
        try (GatewayProcess gateway = bundle.start(Map.of())) {
            assertThat(gateway.awaitLine("webrtc-gateway ")).contains("config " + conf.toRealPath());
            TestClient alice = TestClient.connect(gateway.awaitWebSocketUri());
            String summary = gateway.awaitLine("started in");

            alice.login("alice");
            assertThat(alice.requestOk("type", "join", "room", "r").path("capacity").asInt()).isEqualTo(5);
            assertThat(summary).contains("auth: none").contains("TLS: off").contains("bridges: none (off: sip, xmpp)");
            alice.closeNormally();
        } finally {
            Files.writeString(conf, shipped);
        }
    }

    @Test
    void sighupReloadsWhatItCanAndKeepsServing() throws Exception {
        try (GatewayProcess gateway = bundle.start(Map.of(), "--port", "0")) {
            TestClient alice = TestClient.connect(gateway.awaitWebSocketUri());
            alice.login("alice");
            gateway.awaitLine("started in");

            gateway.signal("HUP");

            assertThat(gateway.awaitLine("SIGHUP:")).contains("log configuration reloaded").contains("restart");
            assertThat(gateway.isAlive()).isTrue();
            assertThat(alice.requestOk("type", "join", "room", "still-here").path("room").asText()).isEqualTo("still-here");
            alice.closeNormally();
        }
    }

    @Test
    void aBrokenLogConfigurationOnSighupKeepsTheOldOne() throws Exception {
        Path logback = bundle.home().resolve("conf/logback.xml");
        String shipped = Files.readString(logback);
        try (GatewayProcess gateway = bundle.start(Map.of(), "--port", "0")) {
            gateway.awaitLine("started in");
            Files.writeString(logback, shipped.replace("</configuration>", "<unclosed>"));

            gateway.signal("HUP");

            assertThat(gateway.awaitLine("SIGHUP:")).contains("not reloaded, the old one stays");
            Files.writeString(logback, shipped);
            gateway.signal("HUP");
            assertThat(gateway.awaitLine("SIGHUP:")).as("still logging with the old configuration").contains("reloaded from");
        } finally {
            Files.writeString(logback, shipped);
        }
    }

    @Test
    void javaOptsWinOverTheBundlesOwnOptionsLogConfigurationIncluded() throws Exception {
        Path logback = Files.writeString(folder.resolve("logback.xml"), """
                <configuration>
                  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>CUSTOM-LOG %msg%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="out"/></root>
                </configuration>
                """);

        try (GatewayProcess gateway = bundle.start(Map.of("JAVA_OPTS", "-Dlogback.configurationFile=" + logback + " -Xmx300m"), "--port", "0")) {
            assertThat(gateway.awaitLine("listening on")).startsWith("CUSTOM-LOG listening on");
        }
    }

    @Test
    void theUnpackedBundleMakesItsClassDataArchiveAtItsFirstStopAndUsesItNextTime() throws Exception {
        UnpackedBundle fresh = UnpackedBundle.unpack(Files.createDirectories(folder.resolve("fresh")));
        try (var lib = Files.list(fresh.home().resolve("lib"))) {
            assertThat(lib.map(Path::toString)).as("the tarball carries no archive: it would fit only the build folder")
                    .noneMatch(name -> name.endsWith(".jsa"));
        }
        try (GatewayProcess first = fresh.start(Map.of(), "--port", "0")) {
            first.awaitLine("started in");
            first.terminate();
            assertThat(first.awaitExit()).isEqualTo(143);
        }
        try (var lib = Files.list(fresh.home().resolve("lib"))) {
            assertThat(lib.map(Path::toString)).anyMatch(name -> name.endsWith(".jsa"));
        }

        try (GatewayProcess second = fresh.start(Map.of("JAVA_OPTS", "-Xlog:cds=info"), "--port", "0")) {
            assertThat(second.awaitLine("Opened archive " + fresh.home().resolve("lib"))).contains("/gateway-");
            second.awaitLine("started in");
            assertThat(second.outputAfterExitOrSoFar()).doesNotContain("mismatch");
        }
    }

    @Test
    void onJava25TheUnpackedBundleMakesAnAotCacheAtItsFirstStopAndUsesItNextTime() throws Exception {
        Path java25 = javaAtLeast(25);
        org.junit.jupiter.api.Assumptions.assumeTrue(java25 != null, "no Java 25 or newer under /usr/lib/jvm");
        UnpackedBundle fresh = UnpackedBundle.unpack(Files.createDirectories(folder.resolve("fresh25")));
        Map<String, String> onJava25 = Map.of("JAVA_HOME", java25.toString());
        try (GatewayProcess first = fresh.start(onJava25, "--port", "0")) {
            first.awaitLine("started in");
            first.terminate();
            assertThat(first.awaitExit()).isEqualTo(143);
        }
        try (var lib = Files.list(fresh.home().resolve("lib"))) {
            assertThat(lib.map(Path::toString)).anyMatch(name -> name.endsWith(".aot")).noneMatch(name -> name.endsWith(".jsa"));
        }

        Map<String, String> showingIt = Map.of("JAVA_HOME", java25.toString(), "JAVA_OPTS", "-Xlog:aot=info");
        try (GatewayProcess second = fresh.start(showingIt, "--port", "0")) {
            assertThat(second.awaitLine("Opened AOT cache " + fresh.home().resolve("lib"))).contains("/gateway-");
            second.awaitLine("started in");
        }
    }

    /** A JDK under /usr/lib/jvm of at least {@code feature}, by its release file; null when there is none. */
    private static Path javaAtLeast(int feature) throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (var homes = Files.list(jvms)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java"))).filter(home -> {
                try {
                    String release = Files.readString(home.resolve("release"));
                    java.util.regex.Matcher version = java.util.regex.Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(release);
                    return version.find() && Integer.parseInt(version.group(1)) >= feature;
                } catch (IOException e) {
                    return false;
                }
            }).findFirst().orElse(null);
        }
    }

    @Test
    void jsonLogLinesAtTheSwitchOfOneVariable() throws Exception {
        try (GatewayProcess gateway = bundle.start(Map.of("GATEWAY_LOG_FORMAT", "json"),
                "--port", "0")) {
            String line = gateway.awaitLine("listening on");

            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(line).path("level").asText()).isEqualTo("INFO");
        }
    }
}
