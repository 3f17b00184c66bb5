package org.webrtcgateway.sip.media;

import java.util.Locale;

/**
 * What the SIP side of a call speaks, and so whether its media goes through rtpengine. Set per account, for the
 * trunk, and per dial-plan rule ({@code ...media}).
 */
public enum MediaMode {
    /** The SIP side speaks WebRTC (ICE, DTLS-SRTP): the browser's SDP passes through untouched. */
    WEBRTC,
    /** The SIP side speaks plain RTP (RTP/AVP): rtpengine relays, and rewrites each offer and answer. */
    RTP,
    /**
     * Decided per call from the far end's SDP: an incoming offer of RTP/AVP or RTP/SAVP without ICE and fingerprint is
     * relayed, any other passes through. An outgoing call cannot see the far end's SDP before it offers, so it is
     * relayed: a WebRTC-capable PBX takes a plain-RTP offer too, a plain-RTP phone cannot take a WebRTC one.
     */
    AUTO;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code webrtc}, {@code rtp} or {@code auto}; anything else is refused with what was expected. */
    public static MediaMode parse(String text) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        for (MediaMode mode : values()) {
            if (mode.label().equals(v)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("expected 'webrtc', 'rtp' or 'auto', got '" + text + "'");
    }

    /** Whether a call in this mode, whose far end offered {@code farEndOffer} (null: not known yet), is relayed. */
    public boolean relays(String farEndOffer) {
        return switch (this) {
            case WEBRTC -> false;
            case RTP -> true;
            case AUTO -> farEndOffer == null || PlainRtp.isPlainRtp(farEndOffer);
        };
    }
}
