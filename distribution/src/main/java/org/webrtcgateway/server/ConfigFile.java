package org.webrtcgateway.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.webrtcgateway.core.config.ConfigException;

/**
 * Reads the YAML config file into dotted keys: {@code websocket: {port: 8080}} and
 * {@code websocket.port: 8080} both give {@code websocket.port=8080}; a list of plain values
 * becomes a comma-separated one.
 */
final class ConfigFile {

    private ConfigFile() {
    }

    static Map<String, String> read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException("cannot read the config file " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return values; // an empty file is a valid, empty configuration
        }
        if (!root.isObject()) {
            throw new ConfigException(file + " must hold a YAML mapping of settings, e.g. 'websocket: {port: 8080}'");
        }
        flatten("", root, values, file);
        return values;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into, Path file) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                flatten(key, value, into, file);
            } else if (value.isArray()) {
                List<String> items = new ArrayList<>();
                for (JsonNode item : value) {
                    if (!item.isValueNode()) {
                        throw new ConfigException(file + ": '" + key + "' must be a list of plain values");
                    }
                    items.add(item.asText());
                }
                into.put(key, String.join(",", items));
            } else if (!value.isNull()) {
                into.put(key, value.asText());
            }
        }
    }
}
