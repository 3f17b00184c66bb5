package org.webrtcgateway.core.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadConstraints;

import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.api.IceCandidate;
import org.webrtcgateway.core.api.IceServer;
import org.webrtcgateway.core.api.JsonString;
import org.webrtcgateway.core.api.Names;
import org.webrtcgateway.core.api.PresenceStatus;
import org.webrtcgateway.core.api.RawJson;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.core.protocol.ClientMessage.Answer;
import org.webrtcgateway.core.protocol.ClientMessage.Bye;
import org.webrtcgateway.core.protocol.ClientMessage.Candidate;
import org.webrtcgateway.core.protocol.ClientMessage.Dtmf;
import org.webrtcgateway.core.protocol.ClientMessage.Join;
import org.webrtcgateway.core.protocol.ClientMessage.Leave;
import org.webrtcgateway.core.protocol.ClientMessage.Login;
import org.webrtcgateway.core.protocol.ClientMessage.Message;
import org.webrtcgateway.core.protocol.ClientMessage.Offer;
import org.webrtcgateway.core.protocol.ClientMessage.Ping;
import org.webrtcgateway.core.protocol.ClientMessage.Reject;
import org.webrtcgateway.core.protocol.ClientMessage.Ringing;
import org.webrtcgateway.core.protocol.ClientMessage.SetPresence;
import org.webrtcgateway.core.protocol.ClientMessage.Subscribe;
import org.webrtcgateway.core.protocol.ClientMessage.Unsubscribe;
import org.webrtcgateway.core.protocol.Inbound.Malformed;
import org.webrtcgateway.core.protocol.Inbound.Request;

/**
 * PROTOCOL.md on the wire: one JSON object per frame in, one per frame out. Decoding streams over
 * the frame with Jackson's parser straight into {@link ClientMessage} records (no tree), and never
 * throws: a frame that is not a well-formed request becomes a {@link Malformed} to answer.
 * Thread-safe.
 */
public final class JsonCodec {

    static final int MAX_REASON_LENGTH = 128;
    static final int MAX_NOTE_LENGTH = 256;
    static final int MAX_TOKEN_LENGTH = 8192;
    static final int MIN_DTMF_DURATION = 40;
    static final int MAX_DTMF_DURATION = 6000;
    private static final Pattern DTMF_TONES = Pattern.compile("[0-9A-Da-d*#,]{1,64}");

    private final JsonFactory factory;

    public JsonCodec() {
        // Duplicate top-level fields are caught in readFields; Jackson's own detection costs a set per object.
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
                .build();
    }

    // ------------------------------------------------------------------ decoding

    public Inbound decode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return decode(bytes, 0, bytes.length);
    }

    public Inbound decode(byte[] frame, int offset, int length) {
        Fields fields = new Fields();
        try (JsonParser parser = factory.createParser(frame, offset, length)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new Malformed(null, ErrorCode.BAD_JSON, "empty frame; expected one JSON object");
            }
            if (first != JsonToken.START_OBJECT) {
                return new Malformed(null, ErrorCode.BAD_MESSAGE, "a frame must hold one JSON object, not " + describe(first));
            }
            readFields(parser, fields, frame, offset, offset + length);
            if (parser.nextToken() != null) {
                return new Malformed(fields.id, ErrorCode.BAD_JSON, "a frame must hold exactly one JSON object");
            }
            if (fields.duplicate != null) {
                return new Malformed(fields.id, ErrorCode.BAD_JSON, "duplicate field '" + fields.duplicate + "'");
            }
        } catch (JsonProcessingException e) {
            return new Malformed(fields.id, ErrorCode.BAD_JSON, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a byte array does no I/O
        }
        return toRequest(fields);
    }

    /** The top-level fields this protocol knows, kept as scalars (or raw JSON) until the type says which matter. */
    private static final class Fields {
        RequestId id;
        String badId;
        String duplicate;
        final Map<String, Value> values = new HashMap<>();

        void put(String name, Value value) {
            if (values.put(name, value) != null) {
                duplicate = name;
            }
        }
    }

    /** A field's value: its token kind and text; for {@code data}, the JSON text; for {@code candidate}, the parsed object. */
    private record Value(JsonToken token, String text, IceCandidate candidate, String candidateError, RawJson raw) {

        Value(JsonToken token, String text, IceCandidate candidate, String candidateError) {
            this(token, text, candidate, candidateError, null);
        }

        boolean isString() {
            return token == JsonToken.VALUE_STRING;
        }

        boolean isNull() {
            return token == JsonToken.VALUE_NULL;
        }
    }

    private void readFields(JsonParser parser, Fields fields, byte[] frame, int offset, int limit) throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "id" -> {
                    if (fields.id != null || fields.badId != null) {
                        fields.duplicate = name;
                    }
                    readId(parser, value, fields);
                }
                case "data" -> fields.put(name, new Value(value, null, null, null, rawValue(parser, frame, offset, limit)));
                case "sdp" -> fields.put(name, new Value(value, null, null, null, value == JsonToken.VALUE_STRING
                        ? rawValue(parser, frame, offset, limit) : skip(parser)));
                case "candidate" -> fields.put(name, readCandidate(parser, value));
                case "type", "to", "call", "name", "token", "resume", "room", "reason", "status", "note",
                        "tones", "capacity", "duration" -> {
                    String text = value.isScalarValue() ? parser.getText() : null;
                    parser.skipChildren();
                    fields.put(name, new Value(value, text, null, null));
                }
                default -> parser.skipChildren(); // unknown fields are ignored (PROTOCOL.md)
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new IllegalStateException("parser ended an object on " + token);
        }
    }

    private static void readId(JsonParser parser, JsonToken value, Fields fields) throws IOException {
        switch (value) {
            case VALUE_STRING -> fields.id = RequestId.ofString(parser.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> fields.id = RequestId.ofNumber(parser.getText());
            default -> {
                fields.badId = "'id' must be a string or a number, not " + describe(value);
                parser.skipChildren();
            }
        }
        if (fields.id != null && fields.id.json().length() > RequestId.MAX_LENGTH) {
            fields.badId = "'id' is longer than " + RequestId.MAX_LENGTH + " characters";
        }
    }

    private static RawJson skip(JsonParser parser) throws IOException {
        parser.skipChildren();
        return null;
    }

    /**
     * The current value exactly as the client wrote it: its bytes, sliced out of the frame once the
     * parser has validated them. Re-serializing would change numbers (1e400, long decimals) and
     * decode escapes (a lone {@code \ud800}) that cannot be encoded again.
     */
    private static RawJson rawValue(JsonParser parser, byte[] frame, int offset, int limit) throws IOException {
        int start = offset + (int) parser.currentTokenLocation().getByteOffset();
        int end;
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            // Find the closing quote ourselves: finishing the token would decode the whole string
            // into characters (3 KB of SDP); the parser still checks it when it skips past it.
            end = endOfString(frame, start, limit);
        } else {
            if (parser.currentToken().isStructStart()) {
                parser.skipChildren();
            } else {
                parser.finishToken();
            }
            end = offset + (int) parser.currentLocation().getByteOffset();
        }
        return RawJson.ofUtf8(java.util.Arrays.copyOfRange(frame, start, end));
    }

    /**
     * The index after the closing quote of the string literal that opens at {@code quote}, or
     * {@code limit} for an unterminated one (the parser then reports the frame as bad JSON).
     */
    private static int endOfString(byte[] frame, int quote, int limit) {
        int i = quote + 1;
        while (i < limit) {
            byte b = frame[i];
            if (b == '\\') {
                i += 2;
            } else if (b == '"') {
                return i + 1;
            } else {
                i++;
            }
        }
        return limit;
    }

    private static Value readCandidate(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return new Value(value, null, null, null);
        }
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return new Value(value, null, null, "'candidate' must be an object or null, not " + describe(value));
        }
        String candidate = null;
        String sdpMid = null;
        Integer sdpMLineIndex = null;
        String usernameFragment = null;
        String error = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            boolean isNull = token == JsonToken.VALUE_NULL;
            switch (field) {
                case "candidate" -> {
                    if (token == JsonToken.VALUE_STRING) {
                        candidate = parser.getText();
                    } else if (!isNull) {
                        error = "'candidate.candidate' must be a string";
                    }
                }
                case "sdpMid" -> {
                    if (token == JsonToken.VALUE_STRING) {
                        sdpMid = parser.getText();
                    } else if (!isNull) {
                        error = "'candidate.sdpMid' must be a string or null";
                    }
                }
                case "sdpMLineIndex" -> {
                    if (token == JsonToken.VALUE_NUMBER_INT && parser.getIntValue() >= 0 && parser.getIntValue() <= 65535) {
                        sdpMLineIndex = parser.getIntValue();
                    } else if (!isNull) {
                        error = "'candidate.sdpMLineIndex' must be an integer from 0 to 65535 or null";
                    }
                }
                case "usernameFragment" -> {
                    if (token == JsonToken.VALUE_STRING) {
                        usernameFragment = parser.getText();
                    } else if (!isNull) {
                        error = "'candidate.usernameFragment' must be a string or null";
                    }
                }
                default -> {
                    // other RTCIceCandidate fields (foundation, port...) are derived from 'candidate'
                }
            }
            parser.skipChildren();
        }
        if (error != null) {
            return new Value(value, null, null, error);
        }
        // An object without 'candidate' is how some browsers say end of candidates.
        return new Value(value, null, new IceCandidate(candidate == null ? "" : candidate, sdpMid, sdpMLineIndex,
                usernameFragment), null);
    }

    private Inbound toRequest(Fields f) {
        Value type = f.values.get("type");
        if (type == null || !type.isString()) {
            return new Malformed(f.id, ErrorCode.BAD_MESSAGE, "every message needs a string 'type'");
        }
        if (f.badId != null) {
            return new Malformed(f.id, ErrorCode.BAD_MESSAGE, f.badId);
        }
        try {
            ClientMessage message = switch (type.text()) {
                case "login" -> new Login(optionalString(f, "name", Integer.MAX_VALUE), optionalString(f, "token", MAX_TOKEN_LENGTH),
                        optionalString(f, "resume", 256));
                case "offer" -> offer(f);
                case "answer" -> new Answer(requireCallOrTo(f), optionalAddress(f), requiredSdp(f));
                case "candidate" -> candidate(f);
                case "ringing" -> new Ringing(requiredCallId(f));
                case "reject" -> new Reject(requiredCallId(f), optionalString(f, "reason", MAX_REASON_LENGTH));
                case "bye" -> bye(f);
                case "join" -> new Join(requiredRoom(f), optionalInt(f, "capacity", 1, Integer.MAX_VALUE));
                case "leave" -> new Leave(requiredRoom(f));
                case "message" -> message(f);
                case "presence" -> presence(f);
                case "subscribe" -> new Subscribe(requiredAddress(f));
                case "unsubscribe" -> new Unsubscribe(requiredAddress(f));
                case "dtmf" -> dtmf(f);
                case "ping" -> new Ping();
                default -> null;
            };
            if (message == null) {
                return new Malformed(f.id, ErrorCode.UNKNOWN_TYPE, "unknown type '" + type.text() + "'");
            }
            return new Request(f.id, message);
        } catch (BadField e) {
            return new Malformed(f.id, ErrorCode.BAD_MESSAGE, e.getMessage());
        }
    }

    private static Offer offer(Fields f) {
        String call = optionalCallId(f);
        Address to = optionalAddress(f);
        if (to == null && call == null) {
            throw new BadField("'offer' needs 'to' (or 'call' to renegotiate a call)");
        }
        return new Offer(to, call, requiredSdp(f));
    }

    private static Candidate candidate(Fields f) {
        Value value = f.values.get("candidate");
        if (value == null) {
            throw new BadField("'candidate' is missing (null means end of candidates)");
        }
        if (value.candidateError() != null) {
            throw new BadField(value.candidateError());
        }
        return new Candidate(requireCallOrTo(f), optionalAddress(f), value.candidate());
    }

    private static Bye bye(Fields f) {
        return new Bye(requireCallOrTo(f), optionalAddress(f), optionalString(f, "reason", MAX_REASON_LENGTH));
    }

    private static String requireCallOrTo(Fields f) {
        String call = optionalCallId(f);
        if (call == null && !f.values.containsKey("to")) {
            throw new BadField("needs 'call' or 'to'");
        }
        return call;
    }

    private static Message message(Fields f) {
        Value data = f.values.get("data");
        if (data == null) {
            throw new BadField("'message' needs 'data'");
        }
        boolean hasRoom = f.values.containsKey("room");
        boolean hasTo = f.values.containsKey("to");
        if (hasRoom == hasTo) {
            throw new BadField("'message' needs exactly one of 'room' and 'to'");
        }
        return new Message(hasRoom ? requiredRoom(f) : null, hasTo ? requiredAddress(f) : null, data.raw());
    }

    private static SetPresence presence(Fields f) {
        String status = requiredString(f, "status");
        PresenceStatus parsed = PresenceStatus.fromWireName(status).orElseThrow(() -> new BadField(
                "'status' must be one of available, away, busy, offline; got '" + status + "'"));
        return new SetPresence(parsed, optionalString(f, "note", MAX_NOTE_LENGTH));
    }

    private static Dtmf dtmf(Fields f) {
        String tones = requiredString(f, "tones");
        if (!DTMF_TONES.matcher(tones).matches()) {
            throw new BadField("'tones' must be 1 to 64 of 0-9, A-D, *, # and ',' (pause)");
        }
        return new Dtmf(requiredCallId(f), tones, optionalInt(f, "duration", MIN_DTMF_DURATION, MAX_DTMF_DURATION));
    }

    private static String requiredString(Fields f, String field) {
        Value value = f.values.get(field);
        if (value == null) {
            throw new BadField("'" + field + "' is missing");
        }
        if (!value.isString()) {
            throw new BadField("'" + field + "' must be a string, not " + describe(value.token()));
        }
        return value.text();
    }

    /** The SDP in its JSON form: relayed as it came, unescaped only if a bridge reads it. */
    private static JsonString requiredSdp(Fields f) {
        Value value = f.values.get("sdp");
        if (value == null) {
            throw new BadField("'sdp' is missing");
        }
        if (!value.isString()) {
            throw new BadField("'sdp' must be a string, not " + describe(value.token()));
        }
        return JsonString.ofJson(value.raw());
    }

    private static String optionalString(Fields f, String field, int maxLength) {
        Value value = f.values.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        String text = requiredString(f, field);
        if (text.length() > maxLength) {
            throw new BadField("'" + field + "' is longer than " + maxLength + " characters");
        }
        return text;
    }

    private static Integer optionalInt(Fields f, String field, int min, int max) {
        Value value = f.values.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.token() != JsonToken.VALUE_NUMBER_INT) {
            throw new BadField("'" + field + "' must be an integer, not " + describe(value.token()));
        }
        long number;
        try {
            number = Long.parseLong(value.text());
        } catch (NumberFormatException e) {
            number = Long.MAX_VALUE;
        }
        if (number < min || number > max) {
            throw new BadField("'" + field + "' must be from " + min + " to " + max + ", got " + value.text());
        }
        return (int) number;
    }

    private static String requiredCallId(Fields f) {
        String call = requiredString(f, "call");
        if (!Names.isValidCallId(call)) {
            throw new BadField("'call' must be 1 to 64 of A-Za-z0-9._-");
        }
        return call;
    }

    private static String optionalCallId(Fields f) {
        Value value = f.values.get("call");
        return value == null || value.isNull() ? null : requiredCallId(f);
    }

    private static String requiredRoom(Fields f) {
        String room = requiredString(f, "room");
        if (!Names.isValidRoomName(room)) {
            throw new BadField("'room' must be 1 to 64 of A-Za-z0-9._-@+");
        }
        return room;
    }

    private static Address requiredAddress(Fields f) {
        String text = requiredString(f, "to");
        return Address.parse(text).orElseThrow(() -> new BadField("'to' is not an address (a name of 1 to 64 of "
                + "A-Za-z0-9._-@+, sip:user@host, sips:..., tel:+number or xmpp:user@domain[/resource]): '"
                + abbreviate(text) + "'"));
    }

    private static Address optionalAddress(Fields f) {
        Value value = f.values.get("to");
        return value == null || value.isNull() ? null : requiredAddress(f);
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }

    /** A field of the wrong form; caught in {@link #toRequest} and answered as {@code bad-message}. */
    private static final class BadField extends RuntimeException {
        BadField(String message) {
            super(message, null, false, false);
        }
    }

    // ------------------------------------------------------------------ encoding

    /** About how many bytes {@link #encode} will write: enough that a buffer of this size rarely grows. */
    public int estimatedSize(ServerMessage message) {
        if (message instanceof ServerMessage.Delivery delivery) {
            Signal signal = delivery.signal();
            if (signal instanceof Signal.Offer offer) {
                return offer.body().length() + offer.body().length() / 16 + 128;
            }
            if (signal instanceof Signal.Answer answer) {
                return answer.body().length() + answer.body().length() / 16 + 128;
            }
            if (signal instanceof Signal.Text text) {
                return text.data().size() + 128;
            }
        }
        return 256;
    }

    /** Exactly how many bytes {@link #encode} writes for {@code message}, without keeping them. */
    public int encodedSize(ServerMessage message) {
        ByteCounter counter = new ByteCounter();
        encode(message, counter);
        return counter.count;
    }

    private static final class ByteCounter extends OutputStream {
        int count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    public byte[] encode(ServerMessage message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        encode(message, out);
        return out.toByteArray();
    }

    public void encode(ServerMessage message, OutputStream out) {
        try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            if (message instanceof ServerMessage.Delivery delivery) {
                writeSignal(g, delivery.signal());
            } else if (message instanceof ServerMessage.Ok ok) {
                g.writeStringField("type", "ok");
                writeId(g, ok.id());
                writeResult(g, ok.result());
            } else if (message instanceof ServerMessage.Error error) {
                g.writeStringField("type", "error");
                writeId(g, error.id());
                g.writeStringField("code", error.code().wireName());
                g.writeStringField("message", error.message());
            } else if (message instanceof ServerMessage.Pong pong) {
                g.writeStringField("type", "pong");
                writeId(g, pong.id());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("encoding " + message.getClass().getSimpleName(), e);
        }
    }

    private static void writeId(JsonGenerator g, RequestId id) throws IOException {
        if (id == null) {
            return;
        }
        g.writeFieldName("id");
        if (id.numeric()) {
            g.writeNumber(id.json());
        } else {
            g.writeString(id.json());
        }
    }

    private static void writeResult(JsonGenerator g, ServerMessage.Result result) throws IOException {
        if (result instanceof ServerMessage.LoginResult login) {
            g.writeStringField("name", login.name());
            g.writeArrayFieldStart("iceServers");
            for (IceServer server : login.iceServers()) {
                writeIceServer(g, server);
            }
            g.writeEndArray();
            g.writeStringField("session", login.session());
            g.writeBooleanField("resumed", login.resumed());
            writeStrings(g, "rooms", login.rooms());
            writeStrings(g, "calls", login.calls());
        } else if (result instanceof ServerMessage.JoinResult join) {
            g.writeStringField("room", join.room());
            writeStrings(g, "peers", join.peers());
            g.writeBooleanField("initiator", join.initiator());
            g.writeNumberField("capacity", join.capacity());
        } else if (result instanceof ServerMessage.CallResult call) {
            g.writeStringField("call", call.call());
        } else if (result instanceof ServerMessage.PresenceResult presence) {
            g.writeStringField("to", presence.to());
            if (presence.status() != null) {
                g.writeStringField("status", presence.status().wireName());
            }
            writeOptional(g, "note", presence.note());
        }
    }

    private static void writeIceServer(JsonGenerator g, IceServer server) throws IOException {
        g.writeStartObject();
        writeStrings(g, "urls", server.urls());
        writeOptional(g, "username", server.username());
        writeOptional(g, "credential", server.credential());
        g.writeEndObject();
    }

    private static void writeStrings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }

    private static void writeOptional(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    private static void writeSignal(JsonGenerator g, Signal signal) throws IOException {
        if (signal instanceof Signal.Offer offer) {
            writeCallHeader(g, "offer", offer);
            g.writeFieldName("sdp");
            g.writeRawValue(new RawValue(offer.body().json()));
        } else if (signal instanceof Signal.Answer answer) {
            writeCallHeader(g, "answer", answer);
            g.writeFieldName("sdp");
            g.writeRawValue(new RawValue(answer.body().json()));
        } else if (signal instanceof Signal.Candidate candidate) {
            writeCallHeader(g, "candidate", candidate);
            writeCandidate(g, candidate.candidate());
        } else if (signal instanceof Signal.Ringing ringing) {
            writeCallHeader(g, "ringing", ringing);
        } else if (signal instanceof Signal.Bye bye) {
            writeCallHeader(g, "bye", bye);
            writeOptional(g, "reason", bye.reason());
        } else if (signal instanceof Signal.Dtmf dtmf) {
            writeCallHeader(g, "dtmf", dtmf);
            g.writeStringField("tones", dtmf.tones());
            g.writeNumberField("duration", dtmf.duration());
        } else if (signal instanceof Signal.Text text) {
            g.writeStringField("type", "message");
            g.writeStringField("from", text.from().toString());
            writeOptional(g, "room", text.room());
            g.writeFieldName("data");
            g.writeRawValue(new RawValue(text.data()));
        } else if (signal instanceof Signal.Presence presence) {
            g.writeStringField("type", "presence");
            g.writeStringField("from", presence.from().toString());
            g.writeStringField("status", presence.status().wireName());
            writeOptional(g, "note", presence.note());
        } else if (signal instanceof Signal.PeerJoined joined) {
            g.writeStringField("type", "peer-joined");
            g.writeStringField("from", joined.from().toString());
            g.writeStringField("room", joined.room());
        } else if (signal instanceof Signal.PeerLeft left) {
            g.writeStringField("type", "peer-left");
            g.writeStringField("from", left.from().toString());
            g.writeStringField("room", left.room());
        } else if (signal instanceof Signal.Subscription) {
            throw new IllegalArgumentException("a subscription is for bridges, never delivered to a client");
        }
    }

    /** Raw JSON bytes as Jackson's {@link SerializableString}, so the generator copies them as they are. */
    private record RawValue(byte[] utf8) implements SerializableString {
        RawValue(RawJson json) {
            this(json.utf8());
        }

        @Override
        public String getValue() {
            return new String(utf8, StandardCharsets.UTF_8);
        }

        @Override
        public int charLength() {
            return getValue().length();
        }

        @Override
        public char[] asQuotedChars() {
            return getValue().toCharArray();
        }

        @Override
        public byte[] asUnquotedUTF8() {
            return utf8;
        }

        @Override
        public byte[] asQuotedUTF8() {
            return utf8;
        }

        @Override
        public int appendQuotedUTF8(byte[] buffer, int offset) {
            return appendUnquotedUTF8(buffer, offset);
        }

        @Override
        public int appendQuoted(char[] buffer, int offset) {
            return appendUnquoted(buffer, offset);
        }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            if (offset + utf8.length > buffer.length) {
                return -1;
            }
            System.arraycopy(utf8, 0, buffer, offset, utf8.length);
            return utf8.length;
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            String value = getValue();
            if (offset + value.length() > buffer.length) {
                return -1;
            }
            value.getChars(0, value.length(), buffer, offset);
            return value.length();
        }

        @Override
        public int writeQuotedUTF8(OutputStream out) throws IOException {
            return writeUnquotedUTF8(out);
        }

        @Override
        public int writeUnquotedUTF8(OutputStream out) throws IOException {
            out.write(utf8);
            return utf8.length;
        }

        @Override
        public int putQuotedUTF8(java.nio.ByteBuffer buffer) {
            return putUnquotedUTF8(buffer);
        }

        @Override
        public int putUnquotedUTF8(java.nio.ByteBuffer buffer) {
            if (buffer.remaining() < utf8.length) {
                return -1;
            }
            buffer.put(utf8);
            return utf8.length;
        }
    }

    private static void writeCallHeader(JsonGenerator g, String type, Signal.CallSignal signal) throws IOException {
        g.writeStringField("type", type);
        g.writeStringField("from", signal.from().toString());
        g.writeStringField("call", signal.call());
    }

    private static void writeCandidate(JsonGenerator g, IceCandidate candidate) throws IOException {
        if (candidate == null) {
            g.writeNullField("candidate");
            return;
        }
        g.writeObjectFieldStart("candidate");
        g.writeStringField("candidate", candidate.candidate());
        if (candidate.sdpMid() != null) {
            g.writeStringField("sdpMid", candidate.sdpMid());
        }
        if (candidate.sdpMLineIndex() != null) {
            g.writeNumberField("sdpMLineIndex", candidate.sdpMLineIndex());
        }
        writeOptional(g, "usernameFragment", candidate.usernameFragment());
        g.writeEndObject();
    }
}
