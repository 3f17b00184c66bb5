package org.webrtcgateway.core.protocol;

import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.IceCandidate;
import org.webrtcgateway.core.api.JsonString;
import org.webrtcgateway.core.api.PresenceStatus;
import org.webrtcgateway.core.api.RawJson;

/**
 * What a client sends, one record per {@code type} of PROTOCOL.md's client-to-gateway table,
 * already validated by {@link JsonDecoder}: a record exists only for a well-formed message.
 * Nullable components are the protocol's optional fields.
 */
public sealed interface ClientMessage {

    /** The wire {@code type}. */
    String type();

    record Login(String name, String token, String resume) implements ClientMessage {
        public String type() {
            return "login";
        }
    }

    /** {@code to} may be null only when {@code call} names a call to renegotiate. */
    record Offer(Address to, String call, JsonString sdp) implements ClientMessage {
        public Offer(Address to, String call, String sdp) {
            this(to, call, JsonString.ofText(sdp));
        }

        public String type() {
            return "offer";
        }
    }

    record Answer(String call, Address to, JsonString sdp) implements ClientMessage {
        public Answer(String call, Address to, String sdp) {
            this(call, to, JsonString.ofText(sdp));
        }

        public String type() {
            return "answer";
        }
    }

    /** {@code candidate} null is end of candidates sent as JSON {@code null}. */
    record Candidate(String call, Address to, IceCandidate candidate) implements ClientMessage {
        public String type() {
            return "candidate";
        }
    }

    record Ringing(String call) implements ClientMessage {
        public String type() {
            return "ringing";
        }
    }

    record Reject(String call, String reason) implements ClientMessage {
        public String type() {
            return "reject";
        }
    }

    record Bye(String call, Address to, String reason) implements ClientMessage {
        public String type() {
            return "bye";
        }
    }

    record Join(String room, Integer capacity) implements ClientMessage {
        public String type() {
            return "join";
        }
    }

    record Leave(String room) implements ClientMessage {
        public String type() {
            return "leave";
        }
    }

    /** Exactly one of {@code room} and {@code to} is set. */
    record Message(String room, Address to, RawJson data) implements ClientMessage {
        public String type() {
            return "message";
        }
    }

    record SetPresence(PresenceStatus status, String note) implements ClientMessage {
        public String type() {
            return "presence";
        }
    }

    record Subscribe(Address to) implements ClientMessage {
        public String type() {
            return "subscribe";
        }
    }

    record Unsubscribe(Address to) implements ClientMessage {
        public String type() {
            return "unsubscribe";
        }
    }

    /** {@code duration} in milliseconds, null for the gateway's default. */
    record Dtmf(String call, String tones, Integer duration) implements ClientMessage {
        public String type() {
            return "dtmf";
        }
    }

    /** A blind transfer: the far side of {@code call} is asked to call {@code to} instead. */
    record Transfer(String call, Address to) implements ClientMessage {
        public String type() {
            return "transfer";
        }
    }

    record Ping() implements ClientMessage {
        public String type() {
            return "ping";
        }
    }
}
