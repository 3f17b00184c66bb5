package org.webrtcgateway.xmpp.call;

import java.security.SecureRandom;

/** The identifiers a call gets: Jingle session ids, the gateway's ids of incoming calls, SDP session ids. */
final class CallIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_CHARACTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private CallIds() {
    }

    /** A gateway call id (PROTOCOL.md's form) for a call from XMPP. */
    static String incomingCallId() {
        return "xmpp-" + randomId(12);
    }

    /** RFC 8866's o= sess-id: digits. */
    static String sdpSessionId() {
        return Long.toString(RANDOM.nextLong() & Long.MAX_VALUE);
    }

    /** Letters and digits, unguessable: a Jingle sid no other party can predict. */
    static String randomId(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ID_CHARACTERS.charAt(RANDOM.nextInt(ID_CHARACTERS.length())));
        }
        return id.toString();
    }
}
