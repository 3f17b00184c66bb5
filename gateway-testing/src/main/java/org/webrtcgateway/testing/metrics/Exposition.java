package org.webrtcgateway.testing.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape in the Prometheus text format, read for tests: {@code value("gateway_calls_started_total",
 * "bridge", "browser")} is the sample of that name whose labels include those; 0 when there is none
 * (a counter not yet made counts nothing).
 */
public final class Exposition {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    /** A sample: its metric name, labels and value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final String text;
    private final List<Sample> samples;

    private Exposition(String text, List<Sample> samples) {
        this.text = text;
        this.samples = samples;
    }

    public static Exposition parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            samples.add(new Sample(m.group(1), Map.copyOf(labels), Double.parseDouble(m.group(3))));
        }
        return new Exposition(text, List.copyOf(samples));
    }

    /** GETs {@code uri} (a /metrics) and reads it; fails unless it answers 200. */
    public static Exposition scrape(URI uri) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
            }
            return parse(response.body());
        } catch (IOException e) {
            throw new AssertionError("GET " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The sample named {@code name} with at least the labels {@code keysAndValues}; 0 when there is none. */
    public double value(String name, String... keysAndValues) {
        List<Sample> found = find(name, keysAndValues);
        if (found.size() > 1) {
            throw new AssertionError(found.size() + " samples match " + name + " " + List.of(keysAndValues) + ": " + found);
        }
        return found.isEmpty() ? 0 : found.get(0).value();
    }

    /** True when some sample is named {@code name} and has the labels {@code keysAndValues}. */
    public boolean has(String name, String... keysAndValues) {
        return !find(name, keysAndValues).isEmpty();
    }

    public List<Sample> find(String name, String... keysAndValues) {
        List<Sample> found = new ArrayList<>();
        for (Sample sample : samples) {
            if (sample.name().equals(name) && hasLabels(sample, keysAndValues)) {
                found.add(sample);
            }
        }
        return found;
    }

    public List<Sample> samples() {
        return samples;
    }

    /** The scrape as it came. */
    public String text() {
        return text;
    }

    private static boolean hasLabels(Sample sample, String... keysAndValues) {
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (!keysAndValues[i + 1].equals(sample.labels().get(keysAndValues[i]))) {
                return false;
            }
        }
        return true;
    }
}
