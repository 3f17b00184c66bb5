package org.webrtcgateway.sip.media;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tells a plain-RTP SDP (a desk phone's, a trunk's) from a WebRTC one. */
public final class PlainRtp {

    private static final Pattern MEDIA = Pattern.compile("(?m)^m=[a-z]+ [0-9]+(?:/[0-9]+)? ([A-Za-z/]+)");
    private static final Pattern WEBRTC_ATTRIBUTE = Pattern.compile("(?m)^a=(?:ice-ufrag|fingerprint):");

    private PlainRtp() {
    }

    /**
     * True when every media line is RTP/AVP or RTP/SAVP (SDES-SRTP) and nothing speaks ICE or DTLS (no
     * {@code a=ice-ufrag}, no {@code a=fingerprint}): such a far end cannot reach a browser without a relay.
     */
    public static boolean isPlainRtp(String sdp) {
        Matcher media = MEDIA.matcher(sdp);
        boolean any = false;
        while (media.find()) {
            any = true;
            String proto = media.group(1);
            if (!proto.equals("RTP/AVP") && !proto.equals("RTP/SAVP")) {
                return false;
            }
        }
        return any && !WEBRTC_ATTRIBUTE.matcher(sdp).find();
    }
}
