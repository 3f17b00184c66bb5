package org.webrtcgateway.core.api;

import static java.util.Objects.requireNonNull;

/**
 * A trickled ICE candidate as a browser's {@code RTCIceCandidateInit}. An empty
 * {@code candidate} string means end of candidates (as does a {@code null} candidate on the wire).
 */
public record IceCandidate(String candidate, String sdpMid, Integer sdpMLineIndex, String usernameFragment) {
    public IceCandidate {
        requireNonNull(candidate, "candidate");
    }

    public boolean isEndOfCandidates() {
        return candidate.isEmpty();
    }
}
