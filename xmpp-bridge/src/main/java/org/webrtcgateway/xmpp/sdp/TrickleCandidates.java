package org.webrtcgateway.xmpp.sdp;

import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.webrtcgateway.xmpp.jingle.iceudp.element.IceUdpCandidate;
import org.webrtcgateway.xmpp.jingle.iceudp.element.IceUdpTransport;

/**
 * Trickle ICE (RFC 8838) between a browser's RTCIceCandidate and XEP-0176's transport-info: one candidate of the
 * content named by the mid. The browser's end of candidates (an empty candidate string) travels as the transport's
 * {@code <end-of-candidates/>} (see {@link KeptElements}).
 */
public final class TrickleCandidates {

    /**
     * What the browser's addIceCandidate takes: the mid and {@code candidate:...}, or an empty candidate for the end
     * of candidates.
     */
    public record Trickled(String mid, String candidate) {
        public boolean isEndOfCandidates() {
            return candidate.isEmpty();
        }
    }

    private TrickleCandidates() {
    }

    /**
     * @param ufrag     the ICE ufrag the candidate belongs to, so the peer can tell an ICE restart's candidates apart
     *                  (null if unknown)
     * @param candidate RTCIceCandidate.candidate, {@code candidate:...}; empty for the end of candidates
     */
    public static JingleContent toTransportInfoContent(String mid, String ufrag, String candidate) {
        IceUdpTransport.Builder transport = IceUdpTransport.builder().setUfrag(ufrag);
        if (candidate == null || candidate.isBlank()) {
            transport.addExtension(KeptElements.endOfCandidates());
        } else {
            transport.addCandidate(CandidateLines.toCandidate(candidate));
        }
        return JingleContent.getBuilder().setCreator(JingleContent.Creator.initiator).setName(mid)
                .setTransport(transport.build()).build();
    }

    /** Each candidate of a transport-info content, then the end of candidates if it says so. */
    public static List<Trickled> fromTransportInfoContent(JingleContent content) {
        List<Trickled> trickled = new ArrayList<>();
        if (content.getTransport() instanceof IceUdpTransport transport) {
            for (IceUdpCandidate candidate : transport.getIceCandidates()) {
                trickled.add(new Trickled(content.getName(), CandidateLines.toTrickleLine(candidate)));
            }
            if (transport.getExtensions().stream().anyMatch(KeptElements::isEndOfCandidates)) {
                trickled.add(new Trickled(content.getName(), ""));
            }
        }
        return trickled;
    }
}
