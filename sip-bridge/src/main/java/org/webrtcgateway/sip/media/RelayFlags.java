package org.webrtcgateway.sip.media;

import java.util.List;
import java.util.Map;

/**
 * The ng options that make rtpengine turn SDP into what each side speaks (rtpengine's ng protocol, offer and answer).
 * Toward SIP: plain RTP/AVP, no ICE, no DTLS, RTCP on its own port; the codecs PCMU and PCMA are added (transcoded)
 * when the browser did not offer them, so a G.711-only phone can answer an Opus-only browser. Toward the browser:
 * what WebRTC requires, ICE (rtpengine is an ICE-lite peer with its own candidates), DTLS-SRTP, rtcp-mux and a mid.
 */
final class RelayFlags {

    private static final List<String> REPLACE = List.of("origin", "session-connection");

    private RelayFlags() {
    }

    static final Map<String, Object> TOWARD_SIP_OFFER = Map.of(
            "transport-protocol", "RTP/AVP",
            "ICE", "remove",
            "DTLS", "off",
            "SDES", List.of("off"),
            "rtcp-mux", List.of("demux"),
            "replace", REPLACE,
            "codec", Map.of("transcode", List.of("PCMU", "PCMA")));

    static final Map<String, Object> TOWARD_SIP_ANSWER = Map.of(
            "ICE", "remove",
            "DTLS", "off",
            "SDES", List.of("off"),
            "rtcp-mux", List.of("demux"),
            "replace", REPLACE);

    static final Map<String, Object> TOWARD_BROWSER_OFFER = Map.of(
            "transport-protocol", "UDP/TLS/RTP/SAVPF",
            "ICE", "force",
            "SDES", List.of("off"),
            "rtcp-mux", List.of("require"),
            "flags", List.of("generate-mid"),
            "replace", REPLACE);

    static final Map<String, Object> TOWARD_BROWSER_ANSWER = Map.of(
            "transport-protocol", "UDP/TLS/RTP/SAVPF",
            "ICE", "force",
            // No DTLS role forced: to the browser's actpass rtpengine answers active, as RFC 5763 recommends. Forcing
            // passive here comes too late: between offer and answer rtpengine already acts as the active side and may
            // send a ClientHello, which leaves Chromium's handshake stuck in `connecting` (e2e/rtpengine.test.mjs).
            "SDES", List.of("off"),
            "rtcp-mux", List.of("require"),
            "replace", REPLACE);
}
