package org.webrtcgateway.testing.metrics;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.webrtcgateway.testing.ChildProcesses;
import org.webrtcgateway.testing.LoopbackPorts;

/**
 * A real Prometheus server (Debian package {@code prometheus}) on loopback that scrapes one target every
 * second, its data in a temporary folder; stopped and removed after each test. The test starts it once
 * it knows the target's address. Skipped (an assumption) where the binary is not installed.
 * <pre>
 * &#64;RegisterExtension
 * final PrometheusExtension prometheus = new PrometheusExtension();
 * ...
 * prometheus.scrape("127.0.0.1:" + port);
 * prometheus.awaitValue("sum(gateway_calls_started_total)", v -> v >= 1);
 * </pre>
 */
public final class PrometheusExtension implements BeforeEachCallback, AfterEachCallback {

    public static final Path BINARY = Path.of("/usr/bin/prometheus");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path dir;
    private Process process;
    private URI api;

    @Override
    public void beforeEach(ExtensionContext context) {
        assumeTrue(Files.isExecutable(BINARY), BINARY + " is not installed (Debian package prometheus)");
    }

    /** Starts Prometheus scraping {@code http://target/metrics} (target: host:port on loopback) every second. */
    public void scrape(String target) throws IOException {
        dir = Files.createTempDirectory("prometheus-test");
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: webrtc-gateway
                    static_configs:
                      - targets: ['%s']
                """.formatted(target));
        int port = LoopbackPorts.free();
        api = URI.create("http://127.0.0.1:" + port);
        process = new ProcessBuilder(BINARY.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        Awaitility.await("Prometheus ready on " + api).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> status("/-/ready") == 200);
    }

    /** Where its HTTP API listens. */
    public URI uri() {
        return api;
    }

    /** The value of an instant query that yields one sample; NaN while it yields none. */
    public double query(String promql) {
        JsonNode body = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        if (!"success".equals(body.path("status").asText())) {
            throw new AssertionError("query " + promql + " failed: " + body);
        }
        JsonNode result = body.path("data").path("result");
        if (result.isEmpty()) {
            return Double.NaN;
        }
        if (result.size() > 1) {
            throw new AssertionError("query " + promql + " yields " + result.size() + " series: " + result);
        }
        return Double.parseDouble(result.get(0).path("value").get(1).asText());
    }

    /** The health of the scrape target as Prometheus saw it last ("up", "down", "unknown"). */
    public String targetHealth() {
        JsonNode targets = get("/api/v1/targets").path("data").path("activeTargets");
        return targets.isEmpty() ? "none" : targets.get(0).path("health").asText();
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " from Prometheus failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            if (!process.isAlive()) {
                throw new AssertionError("Prometheus exited: " + log(), e);
            }
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** What Prometheus logged, for a failure message. */
    public String log() {
        try {
            return Files.readString(dir.resolve("prometheus.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }


    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (process != null) {
            ChildProcesses.end(process, false, Duration.ofSeconds(10));
            process = null;
        }
        if (dir != null) {
            ChildProcesses.deleteFolder(dir);
            dir = null;
        }
    }
}
