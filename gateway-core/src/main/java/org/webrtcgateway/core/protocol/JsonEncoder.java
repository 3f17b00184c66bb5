package org.webrtcgateway.core.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;

import org.webrtcgateway.core.api.IceCandidate;
import org.webrtcgateway.core.api.IceServer;
import org.webrtcgateway.core.api.RawJson;
import org.webrtcgateway.core.api.Signal;

/**
 * {@link ServerMessage}s to frames: PROTOCOL.md on the wire, one JSON object per frame, written with
 * Jackson's generator. What a client sent to be relayed ({@code data}, {@code sdp}) is copied as the
 * bytes {@link JsonDecoder} kept (docs/adr/0003-json-passthrough.md). Thread-safe.
 */
public final class JsonEncoder {

    private final JsonFactory factory = ProtocolJson.newFactory();

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
        if (message instanceof ServerMessage.Encoded encoded) {
            return encoded.json().length() + 16;
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
        if (message instanceof ServerMessage.Encoded encoded) {
            try {
                out.write(encoded.json().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("writing an encoded message", e);
            }
            return;
        }
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
            } else if (message instanceof ServerMessage.FreshIceServers fresh) {
                g.writeStringField("type", "ice-servers");
                writeIceServers(g, fresh.iceServers());
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
            writeIceServers(g, login.iceServers());
            g.writeStringField("session", login.session());
            g.writeBooleanField("resumed", login.resumed());
            writeStrings(g, "rooms", login.rooms());
            writeStrings(g, "calls", login.calls());
            if (login.interrupted()) {
                g.writeBooleanField("interrupted", true);
            }
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

    private static void writeIceServers(JsonGenerator g, List<IceServer> servers) throws IOException {
        g.writeArrayFieldStart("iceServers");
        for (IceServer server : servers) {
            writeIceServer(g, server);
        }
        g.writeEndArray();
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
        } else if (signal instanceof Signal.Transfer transfer) {
            writeCallHeader(g, "transfer", transfer);
            g.writeStringField("to", transfer.to().toString());
        } else if (signal instanceof Signal.Mailbox mailbox) {
            g.writeStringField("type", "mailbox");
            g.writeStringField("from", mailbox.from().toString());
            g.writeNumberField("new", mailbox.newMessages());
            g.writeNumberField("old", mailbox.oldMessages());
        } else if (signal instanceof Signal.TransferResult) {
            throw new IllegalArgumentException("a transfer result answers a request, never delivered to a client as such");
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
        public int putQuotedUTF8(ByteBuffer buffer) {
            return putUnquotedUTF8(buffer);
        }

        @Override
        public int putUnquotedUTF8(ByteBuffer buffer) {
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
