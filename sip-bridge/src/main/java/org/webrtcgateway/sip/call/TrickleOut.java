package org.webrtcgateway.sip.call;

import java.util.ArrayList;
import java.util.List;


import org.webrtcgateway.core.api.IceCandidate;
import org.webrtcgateway.sip.sdp.SdpFragments;
import org.webrtcgateway.sip.stack.SipEndpoint;

/**
 * RFC 8840, our side: a browser's candidates that trail its SDP, sent to a far end that trickles
 * over SIP as INFO requests (package {@code trickle-ice}), each an
 * {@code application/trickle-ice-sdpfrag} of the media section the candidate belongs to. Held until
 * the dialog is confirmed, then sent in order through the dialog's {@link InfoQueue}. Bridge thread only.
 */
final class TrickleOut {

    private final SipEndpoint endpoint;
    private final String localSdp;
    private final List<IceCandidate> queued = new ArrayList<>(); // null = end-of-candidates
    private InfoQueue infos;

    /** @param localSdp the browser's SDP the candidates belong to (for their media sections and ICE credentials) */
    TrickleOut(SipEndpoint endpoint, String localSdp) {
        this.endpoint = endpoint;
        this.localSdp = localSdp;
    }

    void add(IceCandidate candidate) {
        if (infos != null) {
            send(candidate);
        } else {
            queued.add(candidate);
        }
    }

    /** The dialog is confirmed: what waited goes now, later candidates as they come, in order. */
    void confirmed(InfoQueue dialogInfos) {
        this.infos = dialogInfos;
        List<IceCandidate> waiting = new ArrayList<>(queued);
        queued.clear();
        waiting.forEach(this::send);
    }

    private void send(IceCandidate candidate) {
        String fragment = SdpFragments.of(localSdp, candidate);
        infos.send(info -> {
            info.addHeader(endpoint.headers().createHeader("Info-Package", TrickleSupport.TAG));
            info.addHeader(endpoint.headers().createContentDispositionHeader("Info-Package"));
            endpoint.setBody(info, "application", "trickle-ice-sdpfrag", fragment);
        });
    }
}
