package org.webrtcgateway.core.api;

import static java.util.Objects.requireNonNull;

/**
 * A bridge's side of one call, as the admin API shows it: the gateway user and its browser call id, the
 * call's id in the bridge's protocol (the SIP Call-ID, the Jingle sid; null before it has one) and how far
 * the call got there, in the protocol's words (e.g. {@code "calling"}, {@code "established"}).
 */
public record BridgeLeg(String user, String call, String protocolId, String state) {

    public BridgeLeg {
        requireNonNull(user, "user");
        requireNonNull(call, "call");
        requireNonNull(state, "state");
    }
}
