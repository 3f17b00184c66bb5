package org.webrtcgateway.server;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.core.config.Origin;
import org.webrtcgateway.core.config.Settings;

/**
 * Reads the YAML config file into dotted keys, each value with the line and column it was written at:
 * {@code websocket: {port: 8080}} and {@code websocket.port: 8080} both give {@code websocket.port=8080};
 * a list of plain values becomes a comma-separated one. {@code ${NAME}} in a value is the environment
 * variable NAME ({@code ${NAME:-default}} when it may be unset; {@code $${} is a literal {@code ${}).
 */
final class ConfigFile {

    private ConfigFile() {
    }

    static Settings read(Path file) {
        return read(file, System::getenv);
    }

    static Settings read(Path file, UnaryOperator<String> environment) {
        return read(file, readText(file), environment);
    }

    /** {@code text} as the content of {@code file} (which names where each value was written). */
    static Settings read(Path file, String text, UnaryOperator<String> environment) {
        Reader reader = new Reader(file, new EnvironmentSubstitution(environment));
        try (JsonParser parser = new YAMLFactory().createParser(text)) {
            reader.readDocument(parser);
        } catch (JsonProcessingException e) {
            throw new ConfigException(YamlSyntax.describe(file, e));
        } catch (IOException e) {
            throw new ConfigException("cannot read the config file " + file + ": " + e.getMessage());
        }
        if (!reader.problems.isEmpty()) {
            throw new ConfigException(reader.problems);
        }
        return Settings.ofValues(reader.values);
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("cannot read the config file " + file.toAbsolutePath() + ": it does not exist");
        } catch (AccessDeniedException e) {
            throw new ConfigException("cannot read the config file " + file.toAbsolutePath() + ": permission denied for user "
                    + System.getProperty("user.name"));
        } catch (IOException e) {
            throw new ConfigException("cannot read the config file " + file.toAbsolutePath() + ": "
                    + (Files.isDirectory(file) ? "it is a folder" : e.getMessage()));
        } catch (java.io.UncheckedIOException | IllegalArgumentException e) {
            throw new ConfigException("cannot read the config file " + file.toAbsolutePath() + ": it is not UTF-8 text");
        }
    }

    /** The walk over one document's tokens, keeping the path of keys to the current value. */
    private static final class Reader {
        private final Path file;
        private final EnvironmentSubstitution substitution;
        private final Map<String, Settings.Value> values = new LinkedHashMap<>();
        private final List<String> problems = new ArrayList<>();
        private final Deque<String> path = new ArrayDeque<>();

        Reader(Path file, EnvironmentSubstitution substitution) {
            this.file = file;
            this.substitution = substitution;
        }

        void readDocument(JsonParser parser) throws IOException {
            JsonToken first = parser.nextToken();
            if (first == null || first == JsonToken.VALUE_NULL) {
                return; // an empty file (or one of comments only) is a valid, empty configuration
            }
            if (first != JsonToken.START_OBJECT) {
                problems.add(origin(parser).locate("the file must hold a mapping of settings, e.g. 'websocket: {port: 8080}'"));
                return;
            }
            readMapping(parser);
        }

        private void readMapping(JsonParser parser) throws IOException {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                path.addLast(parser.currentName());
                String key = String.join(".", path);
                Origin at = origin(parser); // problems point at the key: the start of the line to fix
                JsonToken token = parser.nextToken();
                if (token == JsonToken.START_OBJECT) {
                    readMapping(parser);
                } else if (token == JsonToken.START_ARRAY) {
                    put(key, readList(parser, key), at);
                } else if (token != JsonToken.VALUE_NULL) {
                    put(key, parser.getText(), at);
                }
                path.removeLast();
            }
        }

        private String readList(JsonParser parser, String key) throws IOException {
            List<String> items = new ArrayList<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    problems.add(origin(parser).locate(key + ": expected a list of plain values"));
                    parser.skipChildren();
                } else if (token != JsonToken.VALUE_NULL) {
                    items.add(parser.getText());
                }
            }
            return String.join(",", items);
        }

        private void put(String key, String text, Origin at) {
            Settings.Value earlier = values.get(key);
            if (earlier != null) {
                problems.add(at.locate(key + " is set twice (first at " + earlier.origin().place() + ")"));
                return;
            }
            try {
                values.put(key, new Settings.Value(substitution.apply(text), at));
            } catch (IllegalArgumentException e) {
                problems.add(at.locate(key + ": " + e.getMessage()));
            }
        }

        private Origin origin(JsonParser parser) {
            JsonLocation location = parser.currentTokenLocation();
            return Origin.inFile(file, location.getLineNr(), location.getColumnNr());
        }
    }
}
