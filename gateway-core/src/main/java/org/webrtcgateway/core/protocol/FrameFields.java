package org.webrtcgateway.core.protocol;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import org.webrtcgateway.core.api.IceCandidate;
import org.webrtcgateway.core.api.RawJson;

/**
 * The top-level fields of one frame that the protocol knows, read in a single pass of Jackson's
 * streaming parser and kept as scalars (or the client's raw JSON) until {@link JsonDecoder} knows from
 * the type which of them matter. Filled as the parser goes, so that a frame that turns out not to be
 * JSON is still answered with the {@code id} read before the fault.
 */
final class FrameFields {

    private RequestId id;
    private String badId;
    private String duplicate;
    private final Map<String, Value> values = new HashMap<>();

    /** A field's value: its token kind and text; for {@code data}, the JSON text; for {@code candidate}, the parsed object. */
    record Value(JsonToken token, String text, IceCandidate candidate, String candidateError, RawJson raw) {

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

    /** The request's id, null when it had none or it was of the wrong form (then {@link #badId} says why). */
    RequestId id() {
        return id;
    }

    /** Why the {@code id} cannot be used, or null. */
    String badId() {
        return badId;
    }

    /** The name of a field the frame holds twice, or null. */
    String duplicate() {
        return duplicate;
    }

    /** The value of a known field, or null when the frame has none. */
    Value get(String name) {
        return values.get(name);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /**
     * Reads the fields of the object whose start the parser has just passed, up to its end.
     * {@code frame}, {@code offset} and {@code limit} are what the parser reads, for slicing raw values.
     */
    void read(JsonParser parser, byte[] frame, int offset, int limit) throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "id" -> {
                    if (id != null || badId != null) {
                        duplicate = name;
                    }
                    readId(parser, value);
                }
                case "data" -> put(name, new Value(value, null, null, null, rawValue(parser, frame, offset, limit)));
                case "sdp" -> put(name, new Value(value, null, null, null, value == JsonToken.VALUE_STRING
                        ? rawValue(parser, frame, offset, limit) : skip(parser)));
                case "candidate" -> put(name, readCandidate(parser, value));
                case "type", "to", "call", "name", "token", "resume", "room", "reason", "status", "note",
                        "tones", "capacity", "duration" -> {
                    String text = value.isScalarValue() ? parser.getText() : null;
                    parser.skipChildren();
                    put(name, new Value(value, text, null, null));
                }
                default -> parser.skipChildren(); // unknown fields are ignored (PROTOCOL.md)
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new IllegalStateException("parser ended an object on " + token);
        }
    }

    private void put(String name, Value value) {
        if (values.put(name, value) != null) {
            duplicate = name;
        }
    }

    private void readId(JsonParser parser, JsonToken value) throws IOException {
        switch (value) {
            case VALUE_STRING -> id = RequestId.ofString(parser.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> id = RequestId.ofNumber(parser.getText());
            default -> {
                badId = "'id' must be a string or a number, not " + describe(value);
                parser.skipChildren();
            }
        }
        if (id != null && id.json().length() > RequestId.MAX_LENGTH) {
            badId = "'id' is longer than " + RequestId.MAX_LENGTH + " characters";
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
        return RawJson.ofUtf8(Arrays.copyOfRange(frame, start, end));
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
                    // An integer too large for an int is this error too, not Jackson's coercion error (then "not valid JSON").
                    if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT
                            && parser.getIntValue() >= 0 && parser.getIntValue() <= 65535) {
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

    /** A token as error messages name it: "an object", "a number"... */
    static String describe(JsonToken token) {
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
}
