package org.webrtcgateway.core.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import org.webrtcgateway.core.admin.GatewayStatus.CallView;
import org.webrtcgateway.core.admin.GatewayStatus.LegView;
import org.webrtcgateway.core.admin.GatewayStatus.PartyView;
import org.webrtcgateway.core.admin.GatewayStatus.UserView;
import org.webrtcgateway.core.room.RoomService.RoomView;

/** The admin API's JSON bodies (docs: README, "Admin API"). Times are ISO-8601 instants in UTC. */
final class StatusJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private StatusJson() {
    }

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    static byte[] users(List<UserView> users) {
        return object(json -> writeUsers(json, users));
    }

    static byte[] rooms(List<RoomView> rooms) {
        return object(json -> writeRooms(json, rooms));
    }

    static byte[] calls(List<CallView> calls) {
        return object(json -> writeCalls(json, calls));
    }

    static byte[] status(GatewayStatus.Snapshot snapshot) {
        return object(json -> {
            writeUsers(json, snapshot.users());
            writeRooms(json, snapshot.rooms());
            writeCalls(json, snapshot.calls());
        });
    }

    /** {@code {"error": message}}, or {@code {"done": message}}. */
    static byte[] message(String field, String message) {
        return object(json -> json.writeStringField(field, message));
    }

    private static void writeUsers(JsonGenerator json, List<UserView> users) throws IOException {
        json.writeArrayFieldStart("users");
        for (UserView user : users) {
            json.writeStartObject();
            json.writeStringField("name", user.name());
            json.writeStringField("remote", user.remote());
            json.writeBooleanField("connected", user.connected());
            json.writeStringField("since", instant(user.since()));
            strings(json, "rooms", user.rooms());
            strings(json, "calls", user.calls());
            strings(json, "bridges", user.bridges());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeRooms(JsonGenerator json, List<RoomView> rooms) throws IOException {
        json.writeArrayFieldStart("rooms");
        for (RoomView room : rooms) {
            json.writeStartObject();
            json.writeStringField("name", room.name());
            json.writeNumberField("capacity", room.capacity());
            strings(json, "members", room.members());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeCalls(JsonGenerator json, List<CallView> calls) throws IOException {
        json.writeArrayFieldStart("calls");
        for (CallView call : calls) {
            json.writeStartObject();
            json.writeStringField("id", call.id());
            json.writeStringField("correlation", call.correlation());
            json.writeStringField("state", call.state());
            json.writeStringField("since", instant(call.since()));
            party(json, "caller", call.caller());
            party(json, "callee", call.callee());
            json.writeArrayFieldStart("legs");
            for (LegView leg : call.legs()) {
                json.writeStartObject();
                json.writeStringField("kind", leg.kind());
                json.writeStringField("user", leg.user());
                json.writeStringField("call", leg.call());
                json.writeStringField("protocolId", leg.protocolId());
                json.writeStringField("state", leg.state());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void party(JsonGenerator json, String field, PartyView party) throws IOException {
        json.writeObjectFieldStart(field);
        json.writeStringField("address", party.address());
        json.writeStringField("bridge", party.bridge());
        json.writeEndObject();
    }

    private static void strings(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    private static String instant(Instant instant) {
        return instant.toString();
    }

    private static byte[] object(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            body.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        out.write('\n');
        return out.toByteArray();
    }
}
