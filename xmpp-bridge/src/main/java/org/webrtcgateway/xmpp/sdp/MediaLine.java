package org.webrtcgateway.xmpp.sdp;

import java.util.Arrays;
import java.util.List;

/**
 * An {@code m=} line (RFC 8866 section 5.14): media type, port, transport protocol and formats (payload type numbers
 * for RTP, {@code webrtc-datachannel} for SCTP).
 */
public record MediaLine(String media, int port, String protocol, List<String> formats) {

    /** Chromium's protocol for RTP over DTLS-SRTP (RFC 5764). */
    public static final String RTP_DTLS_PROTOCOL = "UDP/TLS/RTP/SAVPF";
    /** The data channel's protocol (RFC 8841). */
    public static final String SCTP_DTLS_PROTOCOL = "UDP/DTLS/SCTP";
    public static final String DATA_CHANNEL_FORMAT = "webrtc-datachannel";
    public static final String APPLICATION = "application";
    /** The port of a section whose real address is in its ICE candidates (RFC 8839 section 4.2.1.1: the discard port). */
    public static final int PLACEHOLDER_PORT = 9;

    public MediaLine {
        formats = List.copyOf(formats);
        requireToken("media", media);
        requireToken("protocol", protocol);
        formats.forEach(format -> requireToken("format", format));
    }

    /** One field of the line: a space in it would shift the fields after it, a line break end the line. */
    private static void requireToken(String what, String value) {
        SdpText.requireWord("An m= line's " + what, value);
    }

    public static MediaLine parse(String text) {
        String[] fields = text.trim().split(" +");
        if (fields.length < 3) {
            throw new IllegalArgumentException("An m= line needs media, port and protocol: '" + text + "'");
        }
        String port = fields[1];
        int slash = port.indexOf('/');   // port/number-of-ports: WebRTC never uses the count
        return new MediaLine(fields[0], Integer.parseInt(slash < 0 ? port : port.substring(0, slash)), fields[2],
                Arrays.asList(fields).subList(3, fields.length));
    }

    public boolean isDataChannel() {
        return APPLICATION.equals(media) && protocol.contains("SCTP");
    }

    /** What follows {@code m=}. */
    @Override
    public String toString() {
        return media + ' ' + port + ' ' + protocol + (formats.isEmpty() ? "" : ' ' + String.join(" ", formats));
    }
}
