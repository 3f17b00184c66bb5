package org.webrtcgateway.xmpp.call;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jivesoftware.smack.packet.FullyQualifiedElement;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.jingle.element.JingleAction;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.element.JingleContentTransport;
import org.jivesoftware.smackx.jingle.element.JingleError;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.xmpp.jingle.JingleIq;
import org.webrtcgateway.xmpp.jingle.iceudp.element.IceUdpTransport;
import org.webrtcgateway.xmpp.sdp.JingleSessionContents;
import org.webrtcgateway.xmpp.sdp.JingleToSdp;

/**
 * An established call's later offers. What Jingle can carry of a browser's renegotiation is an ICE restart: new
 * credentials become XEP-0176's {@code transport-replace} and the peer's {@code transport-accept} the browser's
 * answer, and the same the other way. An offer that changes nothing Jingle carries (a direction, a codec order) is
 * answered from the peer's last description. Adding or removing m-lines (Jingle's content-add) is not carried: the
 * call ends with {@code not-acceptable} rather than leaving the browser waiting for an answer.
 */
final class Renegotiation {

    private static final Logger log = LoggerFactory.getLogger(Renegotiation.class);

    private Renegotiation() {
    }

    static void offeredByBrowser(XmppCalls calls, JingleCall call, JingleSessionContents offer) {
        List<String> names = offer.contents().stream().map(JingleContent::getName).toList();
        if (call.state != JingleCall.State.ACTIVE || call.replacing || call.peerReplacing || !names.equals(call.mids)) {
            log.info("{}: a renegotiation Jingle cannot carry (state {}, contents {} then {}); the call ends", call,
                    call.state, call.mids, names);
            calls.terminate(call, JingleReason.IncompatibleParameters);
            calls.byeToBrowser(call.user(), call.peer, call.callId, "not-acceptable");
            calls.end(call);
            return;
        }
        Map<String, String> ufrags = ufrags(offer.contents());
        if (ufrags.equals(call.localUfrags)) {
            answerFromPeersLastDescription(calls, call);
            return;
        }
        call.localUfrags = Map.copyOf(ufrags);
        call.replacing = true;
        calls.request(call, calls.jingle(call, JingleAction.transport_replace, transportsOnly(offer.contents())), "transport-replace");
    }

    /** Whether the browser's answer was for the peer's transport-replace (then it became our transport-accept). */
    static boolean answeredByBrowser(XmppCalls calls, JingleCall call, JingleSessionContents answer) {
        if (!call.peerReplacing) {
            return false;
        }
        call.peerReplacing = false;
        call.localUfrags = Map.copyOf(ufrags(answer.contents()));
        calls.request(call, calls.jingle(call, JingleAction.transport_accept, transportsOnly(answer.contents())), "transport-accept");
        return true;
    }

    static void replacedByPeer(XmppCalls calls, JingleCall call, JingleIq iq) {
        if (call.state != JingleCall.State.ACTIVE || call.replacing || call.peerReplacing) {
            XmppCalls.replyError(call.endpoint, iq, StanzaError.Condition.unexpected_request, JingleError.OUT_OF_ORDER);
            return;
        }
        List<FullyQualifiedElement> replaced = withTransports(call.remoteChildren, iq.getContents());
        Optional<String> sdp = sdpOf(call, replaced, "transport-replace");
        if (sdp.isEmpty()) {
            // Nothing changed yet: the call goes on with the transports it has.
            XmppCalls.replyError(call.endpoint, iq, StanzaError.Condition.bad_request, null);
            return;
        }
        calls.reply(call, iq);
        call.remoteChildren = replaced;
        call.peerReplacing = true;
        calls.offerToBrowser(call, sdp.get());
    }

    /**
     * The SDP of the peer's description with its new transports, or empty when they hold what SDP cannot carry (a line
     * break in a ufrag: JingleToSdp refuses it), so that a peer's bad transport never reaches a browser.
     */
    private static Optional<String> sdpOf(JingleCall call, List<FullyQualifiedElement> children, String action) {
        try {
            return Optional.of(JingleToSdp.translate(children, call.peerRole(), call.sdpSessionId).toSdp());
        } catch (IllegalArgumentException e) {
            log.info("{}: the peer's {} refused: {}", call, action, e.getMessage());
            return Optional.empty();
        }
    }

    static void acceptedByPeer(XmppCalls calls, JingleCall call, JingleIq iq) {
        if (!call.replacing) {
            XmppCalls.replyError(call.endpoint, iq, StanzaError.Condition.unexpected_request, JingleError.OUT_OF_ORDER);
            return;
        }
        calls.reply(call, iq);
        call.replacing = false;
        List<FullyQualifiedElement> replaced = withTransports(call.remoteChildren, iq.getContents());
        Optional<String> sdp = sdpOf(call, replaced, "transport-accept");
        if (sdp.isEmpty()) {
            // The browser restarted ICE and waits for transports it cannot be given: as if the peer had refused.
            calls.terminate(call, JingleReason.FailedTransport);
            calls.byeToBrowser(call.user(), call.peer, call.callId, "failed-transport");
            calls.end(call);
            return;
        }
        call.remoteChildren = replaced;
        calls.answerToBrowser(call, sdp.get());
    }

    static void rejectedByPeer(XmppCalls calls, JingleCall call, JingleIq iq) {
        calls.reply(call, iq);
        log.info("{}: the peer refused the ICE restart; the call ends", call);
        calls.terminate(call, JingleReason.FailedTransport);
        calls.byeToBrowser(call.user(), call.peer, call.callId, "failed-transport");
        calls.end(call);
    }

    private static void answerFromPeersLastDescription(XmppCalls calls, JingleCall call) {
        calls.answerToBrowser(call, JingleToSdp.translate(call.remoteChildren, call.peerRole(), call.sdpSessionId).toSdp());
    }

    private static Map<String, String> ufrags(List<JingleContent> contents) {
        Map<String, String> ufrags = new HashMap<>();
        for (JingleContent content : contents) {
            if (content.getTransport() instanceof IceUdpTransport transport && transport.getUfrag() != null) {
                ufrags.put(content.getName(), transport.getUfrag());
            }
        }
        return ufrags;
    }

    /** XEP-0176 section 10: a transport-replace or -accept names each content and carries its new transport only. */
    private static List<JingleContent> transportsOnly(List<JingleContent> contents) {
        List<JingleContent> replaced = new ArrayList<>();
        for (JingleContent content : contents) {
            replaced.add(JingleContent.getBuilder().setCreator(content.getCreator()).setName(content.getName())
                    .setTransport(content.getTransport()).build());
        }
        return replaced;
    }

    private static List<FullyQualifiedElement> withTransports(List<? extends FullyQualifiedElement> children, List<JingleContent> replacing) {
        Map<String, JingleContentTransport> transports = new HashMap<>();
        replacing.forEach(content -> transports.put(content.getName(), content.getTransport()));
        List<FullyQualifiedElement> updated = new ArrayList<>();
        for (FullyQualifiedElement child : children) {
            if (child instanceof JingleContent content && transports.containsKey(content.getName())) {
                updated.add(JingleContent.getBuilder().setCreator(content.getCreator()).setDisposition(content.getDisposition())
                        .setName(content.getName()).setSenders(content.getSenders()).setDescription(content.getDescription())
                        .setTransport(transports.get(content.getName())).build());
            } else {
                updated.add(child);
            }
        }
        return updated;
    }
}
