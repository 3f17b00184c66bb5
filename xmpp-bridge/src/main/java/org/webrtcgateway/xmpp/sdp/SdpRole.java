package org.webrtcgateway.xmpp.sdp;

import org.jivesoftware.smackx.jingle.element.JingleContent.Senders;

/**
 * Whose SDP is being translated: SDP directions are the writer's view ({@code a=sendonly}: "I send"), XEP-0167's
 * 'senders' names the party, so the same direction means different senders for the initiator's offer and the
 * responder's answer.
 */
public enum SdpRole {
    /** The SDP is the offer of the Jingle session's initiator (session-initiate). */
    INITIATOR,
    /** The SDP is the answer of the responder (session-accept). */
    RESPONDER;

    public static final String SENDRECV = "sendrecv";
    public static final String SENDONLY = "sendonly";
    public static final String RECVONLY = "recvonly";
    public static final String INACTIVE = "inactive";

    /** @param direction sendrecv, sendonly, recvonly or inactive; null means sendrecv (RFC 8866's default) */
    public Senders senders(String direction) {
        if (direction == null || SENDRECV.equals(direction)) {
            return Senders.both;
        }
        return switch (direction) {
            case SENDONLY -> self();
            case RECVONLY -> peer();
            case INACTIVE -> Senders.none;
            default -> throw new IllegalArgumentException("Not an SDP direction: " + direction);
        };
    }

    /** The SDP direction attribute for these senders; null senders means both (XEP-0166's default). */
    public String direction(Senders senders) {
        if (senders == null || senders == Senders.both) {
            return SENDRECV;
        }
        if (senders == Senders.none) {
            return INACTIVE;
        }
        return senders == self() ? SENDONLY : RECVONLY;
    }

    private Senders self() {
        return this == INITIATOR ? Senders.initiator : Senders.responder;
    }

    private Senders peer() {
        return this == INITIATOR ? Senders.responder : Senders.initiator;
    }

    static boolean isDirection(String attributeName) {
        return SENDRECV.equals(attributeName) || SENDONLY.equals(attributeName) || RECVONLY.equals(attributeName)
                || INACTIVE.equals(attributeName);
    }
}
