package org.webrtcgateway.xmpp.caps;

import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.smackx.disco.packet.DiscoverInfo;

/**
 * What the gateway's side of XMPP supports, announced by XEP-0030 disco#info and XEP-0115 entity capabilities, and
 * looked for in a peer's: one list, so what the gateway says and what it does cannot drift apart.
 */
public final class GatewayFeatures {

    public static final String JINGLE = "urn:xmpp:jingle:1";
    public static final String JINGLE_RTP = "urn:xmpp:jingle:apps:rtp:1";
    public static final String JINGLE_RTP_AUDIO = "urn:xmpp:jingle:apps:rtp:audio";
    public static final String JINGLE_RTP_VIDEO = "urn:xmpp:jingle:apps:rtp:video";
    public static final String ICE_UDP = "urn:xmpp:jingle:transports:ice-udp:1";
    public static final String DTLS = "urn:xmpp:jingle:apps:dtls:0";
    public static final String RTCP_FB = "urn:xmpp:jingle:apps:rtp:rtcp-fb:0";
    public static final String RTP_HDREXT = "urn:xmpp:jingle:apps:rtp:rtp-hdrext:0";
    public static final String GROUPING = "urn:xmpp:jingle:apps:grouping:0";
    public static final String SSMA = "urn:xmpp:jingle:apps:rtp:ssma:0";
    public static final String JINGLE_MESSAGE = "urn:xmpp:jingle-message:0";
    public static final String JSON_CONTAINERS = "urn:xmpp:json:0";
    /** XEP-0115's node: who made the software that announces these features. */
    public static final String CAPS_NODE = "https://github.com/webrtc-gateway/webrtc-gateway";

    /** XEP-0030's identity of the gateway's side: a client (each user is one), of the web kind. */
    public static final DiscoverInfo.Identity IDENTITY = new DiscoverInfo.Identity("client", "WebRTC gateway", "web");

    private GatewayFeatures() {
    }

    /** The features to announce; XEP-0353 only when {@code jingleMessage} (xmpp.jingle-message-initiation). */
    public static List<String> announced(boolean jingleMessage) {
        List<String> features = new ArrayList<>(List.of(JINGLE, JINGLE_RTP, JINGLE_RTP_AUDIO, JINGLE_RTP_VIDEO, ICE_UDP,
                DTLS, RTCP_FB, RTP_HDREXT, GROUPING, SSMA, JSON_CONTAINERS));
        if (jingleMessage) {
            features.add(JINGLE_MESSAGE);
        }
        return List.copyOf(features);
    }
}
