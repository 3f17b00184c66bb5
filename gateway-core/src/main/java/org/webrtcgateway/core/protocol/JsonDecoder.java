package org.webrtcgateway.core.protocol;

import static org.webrtcgateway.core.protocol.FrameFields.describe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.AddressForm;
import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.api.JsonString;
import org.webrtcgateway.core.api.Names;
import org.webrtcgateway.core.api.PresenceStatus;
import org.webrtcgateway.core.api.TextChecks;
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
import org.webrtcgateway.core.protocol.ClientMessage.Transfer;
import org.webrtcgateway.core.protocol.ClientMessage.Reject;
import org.webrtcgateway.core.protocol.ClientMessage.Ringing;
import org.webrtcgateway.core.protocol.ClientMessage.SetPresence;
import org.webrtcgateway.core.protocol.ClientMessage.Subscribe;
import org.webrtcgateway.core.protocol.ClientMessage.Unsubscribe;
import org.webrtcgateway.core.protocol.FrameFields.Value;
import org.webrtcgateway.core.protocol.Inbound.Malformed;
import org.webrtcgateway.core.protocol.Inbound.Request;

/**
 * Client frames to {@link Inbound}: PROTOCOL.md on the wire, one JSON object per frame. Streams over
 * the frame with Jackson's parser straight into {@link ClientMessage} records (no tree), and never
 * throws: a frame that is not a well-formed request becomes a {@link Malformed} to answer.
 * Thread-safe. {@link JsonEncoder} writes the other direction.
 */
public final class JsonDecoder {

    static final int MAX_REASON_LENGTH = 128;
    static final int MAX_NOTE_LENGTH = 256;
    static final int MAX_TOKEN_LENGTH = 8192;
    static final int MIN_DTMF_DURATION = 40;
    static final int MAX_DTMF_DURATION = 6000;
    private static final Pattern DTMF_TONES = Pattern.compile("[0-9A-Da-d*#,]{1,64}");

    private final JsonFactory factory = ProtocolJson.newFactory();
    private final AcceptedAddresses addresses;

    /** A decoder of the built-in address forms only, for tests and benchmarks. */
    public JsonDecoder() {
        this(Set.of());
    }

    /**
     * {@code pluggedForms}: the forms plug-ins bind for the address schemes they own, accepted in
     * {@code to} beside the built-in ones.
     *
     * @throws IllegalStateException when two forms are for the same scheme
     */
    @Inject
    public JsonDecoder(Set<AddressForm> pluggedForms) {
        this.addresses = new AcceptedAddresses(pluggedForms);
    }

    public Inbound decode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return decode(bytes, 0, bytes.length);
    }

    public Inbound decode(byte[] frame, int offset, int length) {
        if (!couldBeUtf8Json(frame, offset, length)) {
            return new Malformed(null, ErrorCode.BAD_JSON, "not valid JSON: a frame is UTF-8 text starting with '{'");
        }
        FrameFields fields = new FrameFields();
        try (JsonParser parser = factory.createParser(frame, offset, length)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new Malformed(null, ErrorCode.BAD_JSON, "empty frame; expected one JSON object");
            }
            if (first != JsonToken.START_OBJECT) {
                return new Malformed(null, ErrorCode.BAD_MESSAGE, "a frame must hold one JSON object, not " + describe(first));
            }
            fields.read(parser, frame, offset, offset + length);
            if (parser.nextToken() != null) {
                return new Malformed(fields.id(), ErrorCode.BAD_JSON, "a frame must hold exactly one JSON object");
            }
            if (fields.duplicate() != null) {
                return new Malformed(fields.id(), ErrorCode.BAD_JSON, "duplicate field '" + fields.duplicate() + "'");
            }
        } catch (JsonProcessingException e) {
            // Jackson's own text names its classes and options (ALLOW_COMMENTS...): the client gets only where.
            return new Malformed(fields.id(), ErrorCode.BAD_JSON, "not valid JSON" + where(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a byte array does no I/O
        }
        return toRequest(fields);
    }

    /**
     * Whether Jackson will read the frame as UTF-8. It picks the encoding of bytes from the first ones (RFC 4627's
     * detection): a NUL in the first two, or a UTF-16 or UTF-32 byte-order mark, and it reads UTF-16 or UTF-32, where
     * the byte offsets that {@link FrameFields} slices raw values by mean nothing, and a character out of range is an
     * I/O error. Neither can start UTF-8 JSON (a NUL is no JSON white space; 0xFE and 0xFF are never in UTF-8).
     * Found by JsonDecoderFuzzTest.
     */
    private static boolean couldBeUtf8Json(byte[] frame, int offset, int length) {
        if (length > 0 && (frame[offset] == 0 || frame[offset] == (byte) 0xFE || frame[offset] == (byte) 0xFF)) {
            return false;
        }
        return length < 2 || frame[offset + 1] != 0;
    }

    private static String where(JsonProcessingException e) {
        if (e.getLocation() == null || e.getLocation().getColumnNr() < 1) {
            return "";
        }
        return " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private Inbound toRequest(FrameFields f) {
        Value type = f.get("type");
        if (type == null || !type.isString()) {
            return new Malformed(f.id(), ErrorCode.BAD_MESSAGE, "every message needs a string 'type'");
        }
        if (f.badId() != null) {
            return new Malformed(f.id(), ErrorCode.BAD_MESSAGE, f.badId());
        }
        try {
            ClientMessage message = switch (type.text()) {
                case "login" -> new Login(optionalString(f, "name", Integer.MAX_VALUE), optionalString(f, "token", MAX_TOKEN_LENGTH),
                        optionalString(f, "resume", 256));
                case "offer" -> offer(f);
                case "answer" -> new Answer(requireCallOrTo(f), optionalAddress(f), requiredSdp(f));
                case "candidate" -> candidate(f);
                case "ringing" -> new Ringing(requiredCallId(f));
                case "reject" -> new Reject(requiredCallId(f), optionalLine(f, "reason", MAX_REASON_LENGTH));
                case "bye" -> bye(f);
                case "join" -> new Join(requiredRoom(f), optionalInt(f, "capacity", 1, Integer.MAX_VALUE));
                case "leave" -> new Leave(requiredRoom(f));
                case "message" -> message(f);
                case "presence" -> presence(f);
                case "subscribe" -> new Subscribe(requiredAddress(f));
                case "unsubscribe" -> new Unsubscribe(requiredAddress(f));
                case "dtmf" -> dtmf(f);
                case "transfer" -> new Transfer(requiredCallId(f), requiredAddress(f));
                case "ping" -> new Ping();
                default -> null;
            };
            if (message == null) {
                return new Malformed(f.id(), ErrorCode.UNKNOWN_TYPE, "unknown type '" + type.text() + "'");
            }
            return new Request(f.id(), message);
        } catch (BadField e) {
            return new Malformed(f.id(), ErrorCode.BAD_MESSAGE, e.getMessage());
        }
    }

    private Offer offer(FrameFields f) {
        String call = optionalCallId(f);
        Address to = optionalAddress(f);
        if (to == null && call == null) {
            throw new BadField("'offer' needs 'to' (or 'call' to renegotiate a call)");
        }
        return new Offer(to, call, requiredSdp(f));
    }

    private Candidate candidate(FrameFields f) {
        Value value = f.get("candidate");
        if (value == null) {
            throw new BadField("'candidate' is missing (null means end of candidates)");
        }
        if (value.candidateError() != null) {
            throw new BadField(value.candidateError());
        }
        return new Candidate(requireCallOrTo(f), optionalAddress(f), value.candidate());
    }

    private Bye bye(FrameFields f) {
        return new Bye(requireCallOrTo(f), optionalAddress(f), optionalLine(f, "reason", MAX_REASON_LENGTH));
    }

    private static String requireCallOrTo(FrameFields f) {
        String call = optionalCallId(f);
        if (call == null && !f.has("to")) {
            throw new BadField("needs 'call' or 'to'");
        }
        return call;
    }

    private Message message(FrameFields f) {
        Value data = f.get("data");
        if (data == null) {
            throw new BadField("'message' needs 'data'");
        }
        boolean hasRoom = f.has("room");
        boolean hasTo = f.has("to");
        if (hasRoom == hasTo) {
            throw new BadField("'message' needs exactly one of 'room' and 'to'");
        }
        return new Message(hasRoom ? requiredRoom(f) : null, hasTo ? requiredAddress(f) : null, data.raw());
    }

    private static SetPresence presence(FrameFields f) {
        String status = requiredString(f, "status");
        PresenceStatus parsed = PresenceStatus.fromWireName(status).orElseThrow(() -> new BadField(
                "'status' must be one of available, away, busy, offline; got '" + status + "'"));
        return new SetPresence(parsed, optionalLine(f, "note", MAX_NOTE_LENGTH));
    }

    private static Dtmf dtmf(FrameFields f) {
        String tones = requiredString(f, "tones");
        if (!DTMF_TONES.matcher(tones).matches()) {
            throw new BadField("'tones' must be 1 to 64 of 0-9, A-D, *, # and ',' (pause)");
        }
        return new Dtmf(requiredCallId(f), tones, optionalInt(f, "duration", MIN_DTMF_DURATION, MAX_DTMF_DURATION));
    }

    private static String requiredString(FrameFields f, String field) {
        Value value = f.get(field);
        if (value == null) {
            throw new BadField("'" + field + "' is missing");
        }
        if (!value.isString()) {
            throw new BadField("'" + field + "' must be a string, not " + describe(value.token()));
        }
        return value.text();
    }

    /** The SDP in its JSON form: relayed as it came, unescaped only if a bridge reads it. */
    private static JsonString requiredSdp(FrameFields f) {
        Value value = f.get("sdp");
        if (value == null) {
            throw new BadField("'sdp' is missing");
        }
        if (!value.isString()) {
            throw new BadField("'sdp' must be a string, not " + describe(value.token()));
        }
        return JsonString.ofJson(value.raw());
    }

    private static String optionalString(FrameFields f, String field, int maxLength) {
        Value value = f.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        String text = requiredString(f, field);
        if (text.length() > maxLength) {
            throw new BadField("'" + field + "' is longer than " + maxLength + " characters");
        }
        return text;
    }

    /** One-line text that goes on to SIP (a Reason header), XMPP (a presence status) and log lines. */
    private static String optionalLine(FrameFields f, String field, int maxLength) {
        String text = optionalString(f, field, maxLength);
        if (text != null) {
            TextChecks.lineRefusal("'" + field + "'", text).ifPresent(refusal -> {
                throw new BadField(refusal);
            });
        }
        return text;
    }

    private static Integer optionalInt(FrameFields f, String field, int min, int max) {
        Value value = f.get(field);
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

    private static String requiredCallId(FrameFields f) {
        String call = requiredString(f, "call");
        if (!Names.isValidCallId(call)) {
            throw new BadField("'call' must be 1 to 64 of A-Za-z0-9._-");
        }
        return call;
    }

    private static String optionalCallId(FrameFields f) {
        Value value = f.get("call");
        return value == null || value.isNull() ? null : requiredCallId(f);
    }

    private static String requiredRoom(FrameFields f) {
        String room = requiredString(f, "room");
        if (!Names.isValidRoomName(room)) {
            throw new BadField("'room' must be 1 to 64 of A-Za-z0-9._-@+");
        }
        return room;
    }

    private Address requiredAddress(FrameFields f) {
        String text = requiredString(f, "to");
        return addresses.parse(text).orElseThrow(() -> new BadField("'to' is not an address ("
                + addresses.described() + "): '" + abbreviate(text) + "'"));
    }

    private Address optionalAddress(FrameFields f) {
        Value value = f.get("to");
        return value == null || value.isNull() ? null : requiredAddress(f);
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    /** A field of the wrong form; caught in {@link #toRequest} and answered as {@code bad-message}. */
    private static final class BadField extends RuntimeException {
        BadField(String message) {
            super(message, null, false, false);
        }
    }
}
