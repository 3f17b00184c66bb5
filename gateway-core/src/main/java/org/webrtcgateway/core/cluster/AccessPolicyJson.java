package org.webrtcgateway.core.cluster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.webrtcgateway.core.access.AccessPolicy;
import org.webrtcgateway.core.access.AddressPatterns;

/**
 * A user's {@link AccessPolicy} as JSON, kept in the cluster with the user's name: a session that moves to another
 * node keeps the limits its login gave it there, even where that node's own defaults differ.
 */
public final class AccessPolicyJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AccessPolicyJson() {
    }

    public static String encode(AccessPolicy access) {
        ObjectNode node = JSON.createObjectNode();
        patterns(node, "calls_allow", access.callAllow());
        patterns(node, "calls_deny", access.callDeny());
        patterns(node, "messages_allow", access.messageAllow());
        patterns(node, "messages_deny", access.messageDeny());
        node.put("rooms", access.rooms()).put("room_max_capacity", access.roomMaxCapacity()).put("max_calls", access.maxCalls());
        return node.toString();
    }

    /** @throws IllegalArgumentException when {@code json} is not what {@link #encode} writes */
    public static AccessPolicy decode(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return new AccessPolicy(patterns(node, "calls_allow"), patterns(node, "calls_deny"),
                    patterns(node, "messages_allow"), patterns(node, "messages_deny"), node.path("rooms").asBoolean(true),
                    node.path("room_max_capacity").asInt(), node.path("max_calls").asInt());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not an access policy: " + e.getMessage(), e);
        }
    }

    private static void patterns(ObjectNode node, String field, AddressPatterns patterns) {
        ArrayNode array = node.putArray(field);
        patterns.patterns().forEach(array::add);
    }

    private static AddressPatterns patterns(JsonNode node, String field) {
        List<String> globs = new ArrayList<>();
        node.path(field).forEach(glob -> globs.add(glob.asText()));
        return AddressPatterns.of(globs);
    }
}
