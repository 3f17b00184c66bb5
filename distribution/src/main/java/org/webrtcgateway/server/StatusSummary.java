package org.webrtcgateway.server;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The admin API's {@code /admin/api/status} as text for a terminal: one line per user, room and call, under a count,
 * the columns an operator looks for first (who, from where, in what).
 */
final class StatusSummary {

    private StatusSummary() {
    }

    static String of(JsonNode status) {
        StringBuilder text = new StringBuilder();
        JsonNode users = status.path("users");
        text.append("users: ").append(users.size()).append('\n');
        for (JsonNode user : users) {
            text.append("  ").append(user.path("name").asText())
                    .append("  ").append(user.path("connected").asBoolean() ? user.path("remote").asText() : "(dropped, may resume)")
                    .append("  since ").append(user.path("since").asText());
            list(text, "rooms", user.path("rooms"));
            list(text, "calls", user.path("calls"));
            list(text, "bridges", user.path("bridges"));
            text.append('\n');
        }
        JsonNode rooms = status.path("rooms");
        text.append("rooms: ").append(rooms.size()).append('\n');
        for (JsonNode room : rooms) {
            text.append("  ").append(room.path("name").asText()).append("  ").append(room.path("members").size())
                    .append(" of ").append(room.path("capacity").asInt()).append(": ")
                    .append(String.join(", ", texts(room.path("members")))).append('\n');
        }
        JsonNode calls = status.path("calls");
        text.append("calls: ").append(calls.size()).append('\n');
        for (JsonNode call : calls) {
            text.append("  ").append(call.path("id").asText()).append("  ")
                    .append(call.path("caller").path("address").asText()).append(" -> ")
                    .append(call.path("callee").path("address").asText()).append("  ")
                    .append(call.path("state").asText()).append("  since ").append(call.path("since").asText());
            for (JsonNode leg : call.path("legs")) {
                if (!leg.path("kind").asText().equals("browser")) {
                    text.append("  ").append(leg.path("kind").asText()).append(' ')
                            .append(leg.path("protocolId").isNull() ? "(no id yet)" : leg.path("protocolId").asText())
                            .append(" (").append(leg.path("state").asText()).append(')');
                }
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static void list(StringBuilder text, String label, JsonNode values) {
        if (!values.isEmpty()) {
            text.append("  ").append(label).append(": ").append(String.join(", ", texts(values)));
        }
    }

    private static List<String> texts(JsonNode values) {
        List<String> texts = new ArrayList<>();
        values.forEach(value -> texts.add(value.asText()));
        return texts;
    }
}
