package org.webrtcgateway.core.api;

import static java.util.Objects.requireNonNull;

/**
 * What one party sends another through the gateway, normalized: the same records travel from a
 * browser to a browser, from a browser to a bridge, and from a bridge to a browser. {@link #from()}
 * is always the sender's address in the form the receiver sees.
 */
public sealed interface Signal {

    Address from();

    /** A signal that belongs to a call. */
    sealed interface CallSignal extends Signal {
        String call();
    }

    /**
     * Starts a call, or renegotiates one when {@link #call()} is already known to the receiver.
     * The SDP is kept as it came ({@link JsonString}); {@link #sdp()} gives its text.
     */
    record Offer(Address from, String call, JsonString body) implements CallSignal {
        public Offer {
            requireNonNull(from, "from");
            requireNonNull(call, "call");
            requireNonNull(body, "body");
        }

        public Offer(Address from, String call, String sdp) {
            this(from, call, JsonString.ofText(sdp));
        }

        public String sdp() {
            return body.text();
        }
    }

    record Answer(Address from, String call, JsonString body) implements CallSignal {
        public Answer {
            requireNonNull(from, "from");
            requireNonNull(call, "call");
            requireNonNull(body, "body");
        }

        public Answer(Address from, String call, String sdp) {
            this(from, call, JsonString.ofText(sdp));
        }

        public String sdp() {
            return body.text();
        }
    }

    /**
     * A trickled candidate. {@code candidate} is null when the sender said end of candidates with a
     * JSON {@code null} (an end-of-candidates object keeps its form, so the receiver gets what was sent).
     */
    record Candidate(Address from, String call, IceCandidate candidate) implements CallSignal {
        public Candidate {
            requireNonNull(from, "from");
            requireNonNull(call, "call");
        }

        public boolean isEndOfCandidates() {
            return candidate == null || candidate.isEndOfCandidates();
        }
    }

    record Ringing(Address from, String call) implements CallSignal {
        public Ringing {
            requireNonNull(from, "from");
            requireNonNull(call, "call");
        }
    }

    /** Ends a call; {@code reason} (nullable) says why: {@code gone}, {@code busy}, {@code decline}, a SIP failure... */
    record Bye(Address from, String call, String reason) implements CallSignal {
        public Bye {
            requireNonNull(from, "from");
            requireNonNull(call, "call");
        }
    }

    record Dtmf(Address from, String call, String tones, int duration) implements CallSignal {
        public Dtmf {
            requireNonNull(from, "from");
            requireNonNull(call, "call");
            requireNonNull(tones, "tones");
        }
    }

    /**
     * A blind transfer: {@code from} asks the other party of {@code call} to call {@code to} instead (SIP REFER). A
     * browser gets it as {@code transfer} and decides; a bridge answers with a {@link TransferResult} once its network
     * says how the transfer went.
     */
    record Transfer(Address from, String call, Address to) implements CallSignal {
        public Transfer {
            requireNonNull(from, "from");
            requireNonNull(call, "call");
            requireNonNull(to, "to");
        }
    }

    /**
     * How a {@link Transfer} a gateway user asked for went, from the bridge that carried it (SIP: the REFER's final
     * response or the NOTIFY that ends its subscription): accepted, or rejected with the reason. The gateway answers
     * the user's {@code transfer} request with it; a client never receives it as such.
     */
    record TransferResult(Address from, String call, RouteResult result) implements CallSignal {
        public TransferResult {
            requireNonNull(from, "from");
            requireNonNull(call, "call");
            requireNonNull(result, "result");
        }
    }

    /** Message-waiting (SIP RFC 3842): {@code from} is the voice-mail address, with its new and old message counts. */
    record Mailbox(Address from, int newMessages, int oldMessages) implements Signal {
        public Mailbox {
            requireNonNull(from, "from");
            if (newMessages < 0 || oldMessages < 0) {
                throw new IllegalArgumentException("message counts cannot be negative: " + newMessages + "/" + oldMessages);
            }
        }
    }

    /** A {@code message}: to one address ({@code room} null) or to the other members of a room. */
    record Text(Address from, String room, RawJson data) implements Signal {
        public Text {
            requireNonNull(from, "from");
            requireNonNull(data, "data");
        }
    }

    record Presence(Address from, PresenceStatus status, String note) implements Signal {
        public Presence {
            requireNonNull(from, "from");
            requireNonNull(status, "status");
        }
    }

    /** Asks a bridge to start ({@code follow}) or stop passing on the presence of the receiving address. */
    record Subscription(Address from, boolean follow) implements Signal {
        public Subscription {
            requireNonNull(from, "from");
        }
    }

    record PeerJoined(Address from, String room) implements Signal {
        public PeerJoined {
            requireNonNull(from, "from");
            requireNonNull(room, "room");
        }
    }

    record PeerLeft(Address from, String room) implements Signal {
        public PeerLeft {
            requireNonNull(from, "from");
            requireNonNull(room, "room");
        }
    }
}
