package org.webrtcgateway.xmpp.call;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

import org.jivesoftware.smack.packet.FullyQualifiedElement;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.FullJid;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.IceCandidate;
import org.webrtcgateway.xmpp.jingle.iceudp.element.IceUdpTransport;
import org.webrtcgateway.xmpp.link.XmppEndpoint;
import org.webrtcgateway.xmpp.sdp.SdpRole;

/**
 * One call between a gateway user and an XMPP peer: the gateway's call id and the Jingle session id, who
 * initiated, how far it got. Mutable, on the bridge's thread only.
 */
final class JingleCall {

    enum State {
        /** We proposed (XEP-0353) and wait for the callee to proceed or reject. */
        PROPOSED,
        /** The peer proposed (XEP-0353); we told it to proceed and wait for its session-initiate. */
        PROCEEDED,
        /** session-initiate sent (or received and given to the browser); no session-accept yet. */
        PENDING,
        /** session-accept sent or received. */
        ACTIVE,
        ENDED
    }

    /** Browser candidates held while no session-initiate is out, at most. */
    static final int MAX_HELD_CANDIDATES = 64;

    final XmppEndpoint endpoint;
    final String callId;
    final String sid;
    final Address.External peer;
    final EntityBareJid peerBareJid;
    /** Whether the gateway's side initiated the Jingle session (the browser placed the call). */
    final boolean weInitiate;
    /** Whether the call was set up through XEP-0353 (then a finish follows its end). */
    final boolean jingleMessage;
    /** RFC 8866 o= session id of the SDPs the browser gets for this call. */
    final String sdpSessionId;
    FullJid peerJid;
    /** The stanza id of our XEP-0353 propose, to know it when it bounces. */
    String proposeStanzaId;
    /** Volatile: the admin API reads it from its own thread. */
    volatile State state;
    /** The contents in order (the browser's m-line order): content names are mids. */
    List<String> mids = List.of();
    /** Our side's ICE ufrag per content, so each trickled candidate names the generation it belongs to. */
    Map<String, String> localUfrags = Map.of();
    /** What the session-initiate will carry, kept while the XEP-0353 propose is out. */
    List<? extends FullyQualifiedElement> initiateChildren = List.of();
    /** The peer's last description of the session (its session-initiate or session-accept, transports as replaced since). */
    List<? extends FullyQualifiedElement> remoteChildren = List.of();
    /** We sent a transport-replace (the browser's ICE restart) and wait for the peer's transport-accept. */
    boolean replacing;
    /** The peer sent a transport-replace; the browser has it as an offer and its answer becomes our transport-accept. */
    boolean peerReplacing;
    final List<IceCandidate> heldCandidates = new ArrayList<>();
    /** The peer's transport-info contents that came before its session-accept (the browser takes them after the answer). */
    final List<JingleContent> heldRemoteContents = new ArrayList<>();
    ScheduledFuture<?> timer;
    /** Whether the browser was told the callee rings. */
    boolean ringing;
    /** The gateway's correlation id of the call (CallCorrelation): null until the gateway has the call. */
    String correlationId;

    JingleCall(XmppEndpoint endpoint, String callId, String sid, Address.External peer, EntityBareJid peerBareJid,
            boolean weInitiate, boolean jingleMessage, String sdpSessionId, State state) {
        this.endpoint = endpoint;
        this.callId = callId;
        this.sid = sid;
        this.peer = peer;
        this.peerBareJid = peerBareJid;
        this.weInitiate = weInitiate;
        this.jingleMessage = jingleMessage;
        this.sdpSessionId = sdpSessionId;
        this.state = state;
    }

    /** Whose SDP the peer's Jingle descriptions are. */
    SdpRole peerRole() {
        return weInitiate ? SdpRole.RESPONDER : SdpRole.INITIATOR;
    }

    Address.Local user() {
        return endpoint.user();
    }

    boolean answered() {
        return state == State.ACTIVE;
    }

    /** Remembers the content names and our ufrags from the contents our side sent (initiate or accept). */
    void localContents(List<JingleContent> contents) {
        mids = contents.stream().map(JingleContent::getName).toList();
        Map<String, String> ufrags = new HashMap<>();
        for (JingleContent content : contents) {
            if (content.getTransport() instanceof IceUdpTransport transport && transport.getUfrag() != null) {
                ufrags.put(content.getName(), transport.getUfrag());
            }
        }
        localUfrags = Map.copyOf(ufrags);
    }

    void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    @Override
    public String toString() {
        return "call " + callId + " (Jingle " + sid + ") of " + user() + " with " + peerBareJid;
    }
}
