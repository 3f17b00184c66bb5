package org.webrtcgateway.xmpp.call;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.FullyQualifiedElement;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.jingle.element.JingleAction;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.element.JingleError;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.jivesoftware.smackx.receipts.DeliveryReceiptRequest;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.FullJid;
import org.jxmpp.jid.Jid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.BridgeContext;
import org.webrtcgateway.core.api.BridgeLeg;
import org.webrtcgateway.core.api.CallCorrelation;
import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.api.IceCandidate;
import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.xmpp.caps.GatewayFeatures;
import org.webrtcgateway.xmpp.caps.PeerCapabilities;
import org.webrtcgateway.xmpp.caps.PeerResource;
import org.webrtcgateway.xmpp.jingle.JingleIq;
import org.webrtcgateway.xmpp.jingle.jmi.element.JingleMessage;
import org.webrtcgateway.xmpp.jingle.jmi.element.StoreHint;
import org.webrtcgateway.xmpp.jingle.rtp.element.RtpDescription;
import org.webrtcgateway.xmpp.link.XmppAddresses;
import org.webrtcgateway.xmpp.link.XmppEndpoint;
import org.webrtcgateway.xmpp.sdp.JingleSessionContents;
import org.webrtcgateway.xmpp.sdp.JingleToSdp;
import org.webrtcgateway.xmpp.sdp.SdpRole;
import org.webrtcgateway.xmpp.sdp.TrickleCandidates;

/**
 * Calls between gateway users and XMPP peers over Jingle (XEP-0166/0167/0176), rung the way today's clients ring:
 * XEP-0353 (propose, ringing, proceed, reject, retract, accept, finish) to a callee that announces it or whose
 * resources are unknown, a direct session-initiate to the resource that announced Jingle RTP otherwise. The SDP of
 * the browser and the Jingle of the peer are translated by {@code org.webrtcgateway.xmpp.sdp}. The same code serves
 * account and component mode: it speaks only through {@link XmppEndpoint}. The bridge's thread only.
 */
public final class XmppCalls {

    private static final Logger log = LoggerFactory.getLogger(XmppCalls.class);
    /** XEP-0167's session-info payloads. */
    static final String RTP_INFO_NAMESPACE = "urn:xmpp:jingle:apps:rtp:info:1";
    static final String RINGING = "ringing";

    final BridgeContext gateway;
    private final PeerCapabilities peers;
    final ScheduledExecutorService thread;
    final CallSettings settings;
    private final JingleCalls calls = new JingleCalls();
    /** session-terminates sent and not yet answered (an IQ result or error): what a stop waits for. Any thread reads. */
    private final Set<CompletableFuture<IQ>> terminating = ConcurrentHashMap.newKeySet();
    private final IncomingJingleMessages jingleMessages = new IncomingJingleMessages(this, calls);

    public XmppCalls(BridgeContext gateway, PeerCapabilities peers, ScheduledExecutorService thread, CallSettings settings) {
        this.gateway = gateway;
        this.peers = peers;
        this.thread = thread;
        this.settings = settings;
    }

    // ------------------------------------------------------------------ from browsers

    /** How a new call to {@code peer} is rung: by XEP-0353, or directly at {@code resource}. */
    public record Ringing(boolean propose, FullJid resource) {
    }

    /**
     * How {@code user} would ring {@code peer} now; empty when it cannot (no resource of the peer announced Jingle RTP and
     * XEP-0353 is off). Any thread: the offer is refused with this before it is accepted.
     */
    public Optional<Ringing> ringing(Address.Local user, EntityBareJid peer) {
        List<PeerResource> resources = peers.resources(user, peer);
        Optional<PeerResource> direct = resources.stream().filter(r -> r.supports(GatewayFeatures.JINGLE_RTP)).findFirst();
        boolean anyProposes = resources.stream().anyMatch(r -> r.supports(GatewayFeatures.JINGLE_MESSAGE));
        if (settings.jingleMessage() && (resources.isEmpty() || anyProposes || direct.isEmpty())) {
            return Optional.of(new Ringing(true, null));
        }
        return direct.map(resource -> new Ringing(false, resource.jid()));
    }

    /** A browser's offer to an XMPP peer: a new call rung as {@code ringing} says, or a renegotiation of one. */
    public void offer(XmppEndpoint at, Address.External to, EntityBareJid peer, Signal.Offer offer, JingleSessionContents contents,
            Optional<Ringing> ringing) {
        JingleCall existing = calls.byCallId(at.user(), offer.call());
        if (existing != null) {
            Renegotiation.offeredByBrowser(this, existing, contents);
            return;
        }
        if (at.jid() == null || ringing.isEmpty()) {
            byeToBrowser(at.user(), to, offer.call(), "unreachable");
            return;
        }
        boolean propose = ringing.get().propose();
        JingleCall call = new JingleCall(at, offer.call(), CallIds.randomId(16), to, peer, true, propose, CallIds.sdpSessionId(),
                propose ? JingleCall.State.PROPOSED : JingleCall.State.PENDING);
        call.initiateChildren = contents.children();
        call.localContents(contents.contents());
        if (!contents.unmapped().isEmpty()) {
            log.debug("{}: not carried to Jingle: {}", call, contents.unmapped());
        }
        calls.add(call);
        // This task carries the id of the browser's offer (BridgeThread): the call keeps it for its stanzas.
        correlate(call, CallCorrelation.current());
        call.timer = thread.schedule(() -> ringTimedOut(call), settings.ringTimeout().toMillis(), TimeUnit.MILLISECONDS);
        if (propose) {
            List<String> media = contents.contents().stream().map(JingleContent::getDescription)
                    .filter(RtpDescription.class::isInstance).map(d -> ((RtpDescription) d).getMedia()).distinct().toList();
            Message message = at.stanzaFactory().buildMessageStanza().to(peer).ofType(Message.Type.chat)
                    .addExtension(JingleMessage.propose(call.sid, media))
                    .addExtension(StoreHint.INSTANCE)
                    .addExtension(new DeliveryReceiptRequest())
                    .build();
            call.proposeStanzaId = message.getStanzaId();
            send(call, message);
            log.debug("{}: proposed (XEP-0353)", call);
        } else {
            call.peerJid = ringing.get().resource();
            initiate(call);
        }
    }

    public void answer(Address.Local user, Signal.Answer answer, JingleSessionContents contents) {
        JingleCall call = calls.byCallId(user, answer.call());
        if (call == null) {
            return;
        }
        if (Renegotiation.answeredByBrowser(this, call, contents)) {
            return;
        }
        if (call.weInitiate || call.state != JingleCall.State.PENDING) {
            log.debug("{}: an answer out of turn ({}) ignored", call, call.state);
            return;
        }
        call.localContents(contents.contents());
        call.state = JingleCall.State.ACTIVE;
        request(call, jingle(call, JingleAction.session_accept, contents.children()), "session-accept");
        if (call.jingleMessage) {
            // Tells the user's other devices that the call was taken here, so they stop ringing.
            send(call, jingleMessage(call, call.endpoint.jid().asBareJid(), JingleMessage.of(JingleMessage.Action.accept, call.sid)));
        }
        flushHeldCandidates(call);
    }

    public void candidate(Address.Local user, Signal.Candidate candidate) {
        JingleCall call = calls.byCallId(user, candidate.call());
        if (call == null) {
            return;
        }
        IceCandidate ice = candidate.candidate() != null ? candidate.candidate() : new IceCandidate("", null, null, null);
        if (!canTrickle(call)) {
            if (call.heldCandidates.size() < JingleCall.MAX_HELD_CANDIDATES) {
                call.heldCandidates.add(ice);
            } else {
                log.debug("{}: more than {} candidates before the session started; the rest dropped", call, JingleCall.MAX_HELD_CANDIDATES);
            }
            return;
        }
        trickle(call, ice);
    }

    public void ringing(Address.Local user, Signal.Ringing ringing) {
        JingleCall call = calls.byCallId(user, ringing.call());
        if (call != null && !call.weInitiate && call.state == JingleCall.State.PENDING) {
            request(call, jingle(call, JingleAction.session_info,
                    List.of(StandardExtensionElement.builder(RINGING, RTP_INFO_NAMESPACE).build())), "session-info ringing");
        }
    }

    /** The browser hung up, cancelled or declined; or its session ended. */
    public void bye(Address.Local user, Signal.Bye bye) {
        JingleCall call = calls.byCallId(user, bye.call());
        if (call == null) {
            return;
        }
        JingleReason reason = JingleReasons.toJingle(bye.reason(), call.answered(), call.weInitiate);
        switch (call.state) {
            case PROPOSED -> send(call, jingleMessage(call, call.peerBareJid,
                    JingleMessage.of(JingleMessage.Action.retract, call.sid).withReason(reason)));
            case PENDING, ACTIVE -> terminate(call, reason);
            default -> { } // PROCEEDED: no session yet; the caller's session-initiate will find none
        }
        end(call);
    }

    /** The user's XMPP identity is gone for good (logged out): its calls end, in the browser too. */
    public void endpointGone(Address.Local user) {
        for (JingleCall call : calls.of(user)) {
            byeToBrowser(user, call.peer, call.callId, "gone");
            end(call);
        }
    }

    /** The bridge stops: every call ends on the XMPP side, as a browser's hang-up would end it. */
    public void stop() {
        for (JingleCall call : calls.all()) {
            if (call.state == JingleCall.State.PENDING || call.state == JingleCall.State.ACTIVE) {
                terminate(call, JingleReason.Gone);
            } else if (call.state == JingleCall.State.PROPOSED) {
                send(call, jingleMessage(call, call.peerBareJid,
                        JingleMessage.of(JingleMessage.Action.retract, call.sid).withReason(JingleReason.Gone)));
            }
            end(call);
        }
    }

    /** Completes when every session-terminate sent so far has its answer (or failed: the connection is gone). */
    public CompletableFuture<Void> terminationsAnswered() {
        return CompletableFuture.allOf(terminating.toArray(CompletableFuture[]::new));
    }

    /** How many session-terminates wait for their answer. Any thread. */
    public int unansweredTerminations() {
        return terminating.size();
    }

    /** Whether {@code user} has a call of this id (any thread). */
    public boolean isKnown(Address.Local user, String callId) {
        return calls.hasCallId(user, callId);
    }

    /** Each call's browser call id, Jingle sid and state, for the admin API. Any thread. */
    public List<BridgeLeg> legs() {
        return calls.all().stream()
                .map(call -> new BridgeLeg(call.user().name(), call.callId, call.sid,
                        call.state.name().toLowerCase(java.util.Locale.ROOT)))
                .toList();
    }

    public int size() {
        return calls.size();
    }

    // ------------------------------------------------------------------ from XMPP: XEP-0353 messages

    public void jingleMessage(XmppEndpoint at, Message message, JingleMessage jmi) {
        jingleMessages.received(at, message, jmi);
    }

    /**
     * A message of ours came back as an error. Servers bounce a propose to a user with no device to take it (no
     * resource and no offline storage, a component's user who is not there) without a copy of it: the stanza id
     * tells which call it was. That call cannot ring: it ends now, not when the ring timeout passes.
     */
    public void messageError(XmppEndpoint at, Message error) {
        if (error.getFrom() == null || error.getStanzaId() == null) {
            return;
        }
        for (JingleCall call : calls.of(at.user())) {
            if (call.state == JingleCall.State.PROPOSED && error.getStanzaId().equals(call.proposeStanzaId)
                    && error.getFrom().asBareJid().equals(call.peerBareJid)) {
                log.info("{}: the propose came back as an error ({})", call,
                        error.getError() == null ? "no condition" : error.getError().getCondition());
                byeToBrowser(call.user(), call.peer, call.callId, "unreachable");
                end(call);
                return;
            }
        }
    }

    // ------------------------------------------------------------------ from XMPP: Jingle IQs

    public void jingle(XmppEndpoint at, JingleIq iq) {
        Jid from = iq.getFrom();
        if (from == null || !from.isEntityFullJid() || at.jid() == null) {
            replyError(at, iq, StanzaError.Condition.bad_request, null);
            return;
        }
        FullJid sender = from.asFullJidIfPossible();
        EntityBareJid peer = from.asEntityBareJidIfPossible();
        JingleCall call = calls.bySid(at.user(), peer, iq.getSessionId());
        try (CallCorrelation.Scope scope = CallCorrelation.open(call == null ? null : call.correlationId)) {
            jingle(at, iq, sender, peer, call);
        }
    }

    private void jingle(XmppEndpoint at, JingleIq iq, FullJid sender, EntityBareJid peer, JingleCall call) {
        log.debug("{}: {} {} from {} for {}", at.user(), iq.getAction(), iq.getSessionId(), sender, call);
        if (iq.getAction() == JingleAction.session_initiate) {
            initiated(at, iq, sender, peer, call);
            return;
        }
        if (call == null || call.peerJid == null || !call.peerJid.equals(sender) || call.state == JingleCall.State.ENDED) {
            log.debug("{}: {} for no session of {}'s: unknown-session", at.user(), iq.getAction(), sender);
            replyError(at, iq, StanzaError.Condition.item_not_found, JingleError.UNKNOWN_SESSION);
            return;
        }
        switch (iq.getAction()) {
            case session_accept -> accepted(call, iq);
            case session_terminate -> {
                reply(call, iq);
                byeToBrowser(call.user(), call.peer, call.callId, JingleReasons.toBye(iq.getReason()));
                end(call);
            }
            case transport_info -> {
                reply(call, iq);
                if (call.weInitiate && call.state != JingleCall.State.ACTIVE) {
                    // A browser cannot add candidates before it has the answer: they follow it.
                    if (call.heldRemoteContents.size() < JingleCall.MAX_HELD_CANDIDATES) {
                        call.heldRemoteContents.addAll(iq.getContents());
                    }
                } else {
                    candidatesToBrowser(call, iq.getContents());
                }
            }
            case session_info -> sessionInfo(call, iq);
            case transport_replace -> Renegotiation.replacedByPeer(this, call, iq);
            case transport_accept -> Renegotiation.acceptedByPeer(this, call, iq);
            case transport_reject -> Renegotiation.rejectedByPeer(this, call, iq);
            default -> replyError(at, iq, StanzaError.Condition.feature_not_implemented, JingleError.UNSUPPORTED_INFO);
        }
    }

    private void initiated(XmppEndpoint at, JingleIq iq, FullJid caller, EntityBareJid peer, JingleCall proceeded) {
        if (proceeded != null && (proceeded.state != JingleCall.State.PROCEEDED || !caller.equals(proceeded.peerJid))) {
            replyError(at, iq, StanzaError.Condition.bad_request, JingleError.OUT_OF_ORDER);
            return;
        }
        Optional<Address.External> address = XmppAddresses.of(peer);
        String sdp;
        JingleCall call = proceeded;
        if (call == null) {
            if (address.isEmpty()) {
                replyError(at, iq, StanzaError.Condition.not_acceptable, null);
                return;
            }
            call = new JingleCall(at, CallIds.incomingCallId(), iq.getSessionId(), address.get(), peer, false, false,
                    CallIds.sdpSessionId(), JingleCall.State.PENDING);
            call.peerJid = caller;
        }
        try {
            sdp = JingleToSdp.translate(iq.getChildren(), SdpRole.INITIATOR, call.sdpSessionId).toSdp();
        } catch (IllegalArgumentException e) {
            log.info("{}: a session-initiate from {} refused: {}", at.user(), caller, e.getMessage());
            replyError(at, iq, StanzaError.Condition.bad_request, null);
            if (proceeded != null) {
                end(proceeded);
            }
            return;
        }
        call.cancelTimer();
        call.state = JingleCall.State.PENDING;
        call.mids = iq.getContents().stream().map(JingleContent::getName).toList();
        call.remoteChildren = iq.getChildren();
        calls.add(call);
        reply(call, iq);
        RouteResult delivered = gateway.deliver(call.user(), new Signal.Offer(call.peer, call.callId, sdp));
        if (delivered instanceof RouteResult.Rejected rejected) {
            log.info("{}: not given to the browser: {}", call, rejected.message());
            terminate(call, rejected.code() == ErrorCode.BUSY ? JingleReason.Busy
                    : rejected.code() == ErrorCode.UNKNOWN_PEER ? JingleReason.Gone : JingleReason.GeneralError);
            end(call);
            return;
        }
        final JingleCall ringingCall = call;
        try (CallCorrelation.Scope scope = CallCorrelation.open(correlate(call, gateway.correlationId(call.user(), call.callId).orElse(null)))) {
            ringingCall.timer = thread.schedule(() -> ringTimedOut(ringingCall), settings.ringTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Gives {@code call} the gateway's correlation id and logs, once, the link between it and the Jingle sid,
     * so that a grep on either finds the other. Returns the id.
     */
    private static String correlate(JingleCall call, String correlationId) {
        call.correlationId = correlationId;
        if (correlationId != null) {
            log.info("call={} is Jingle sid {} ({} {} {}, gateway call id {})", correlationId, call.sid, call.user(),
                    call.weInitiate ? "->" : "<-", call.peerBareJid, call.callId);
        }
        return correlationId;
    }

    private void accepted(JingleCall call, JingleIq iq) {
        if (!call.weInitiate || call.state != JingleCall.State.PENDING) {
            replyError(call.endpoint, iq, StanzaError.Condition.unexpected_request, JingleError.OUT_OF_ORDER);
            return;
        }
        String sdp;
        try {
            sdp = JingleToSdp.translate(iq.getChildren(), SdpRole.RESPONDER, call.sdpSessionId).toSdp();
        } catch (IllegalArgumentException e) {
            log.info("{}: a session-accept refused: {}", call, e.getMessage());
            replyError(call.endpoint, iq, StanzaError.Condition.bad_request, null);
            terminate(call, JingleReason.IncompatibleParameters);
            byeToBrowser(call.user(), call.peer, call.callId, "not-acceptable");
            end(call);
            return;
        }
        reply(call, iq);
        call.cancelTimer();
        call.state = JingleCall.State.ACTIVE;
        call.remoteChildren = iq.getChildren();
        gateway.deliver(call.user(), new Signal.Answer(call.peer, call.callId, sdp));
        candidatesToBrowser(call, call.heldRemoteContents);
        call.heldRemoteContents.clear();
    }

    private void sessionInfo(JingleCall call, JingleIq iq) {
        boolean ringing = false;
        for (FullyQualifiedElement child : iq.getChildren()) {
            if (!RTP_INFO_NAMESPACE.equals(child.getNamespace())) {
                replyError(call.endpoint, iq, StanzaError.Condition.feature_not_implemented, JingleError.UNSUPPORTED_INFO);
                return;
            }
            ringing |= RINGING.equals(child.getElementName());
        }
        reply(call, iq); // an empty session-info is a ping; active, hold, mute are understood and need nothing here
        if (ringing && call.weInitiate && call.state == JingleCall.State.PENDING) {
            ringingToBrowser(call);
        }
    }

    // ------------------------------------------------------------------ helpers (package-private ones serve Renegotiation)

    void initiate(JingleCall call) {
        request(call, jingle(call, JingleAction.session_initiate, call.initiateChildren), "session-initiate");
        flushHeldCandidates(call);
    }

    private boolean canTrickle(JingleCall call) {
        return call.peerJid != null && (call.weInitiate ? call.state == JingleCall.State.PENDING || call.state == JingleCall.State.ACTIVE
                : call.state == JingleCall.State.ACTIVE);
    }

    private void flushHeldCandidates(JingleCall call) {
        List<IceCandidate> held = new ArrayList<>(call.heldCandidates);
        call.heldCandidates.clear();
        held.forEach(candidate -> trickle(call, candidate));
    }

    private void trickle(JingleCall call, IceCandidate candidate) {
        String mid = candidate.sdpMid();
        if (mid == null && candidate.sdpMLineIndex() != null && candidate.sdpMLineIndex() < call.mids.size()) {
            mid = call.mids.get(candidate.sdpMLineIndex());
        }
        Set<String> mids = mid != null ? Set.of(mid) : new LinkedHashSet<>(call.mids);
        if ((!candidate.isEndOfCandidates() && mid == null) || (mid != null && !call.mids.contains(mid))) {
            // A candidate of no known m-line: nothing the peer could use. And the browser's mid becomes a content
            // name in the stanza only when it is one of the call's own, so its text cannot make the stanza ill-formed.
            log.debug("{}: a candidate for no m-line of the call ({}) was not passed on", call, mid == null ? "no mid" : "another mid");
            return;
        }
        List<FullyQualifiedElement> contents = new ArrayList<>();
        for (String name : mids) {
            try {
                contents.add(TrickleCandidates.toTransportInfoContent(name, call.localUfrags.get(name), candidate.candidate()));
            } catch (IllegalArgumentException e) {
                log.debug("{}: a candidate that does not parse was not passed on: {}", call, e.getMessage());
                return;
            }
        }
        if (!contents.isEmpty()) {
            request(call, jingle(call, JingleAction.transport_info, contents), "transport-info");
        }
    }

    void candidatesToBrowser(JingleCall call, List<JingleContent> contents) {
        for (JingleContent content : contents) {
            int index = call.mids.indexOf(content.getName());
            for (TrickleCandidates.Trickled trickled : TrickleCandidates.fromTransportInfoContent(content)) {
                IceCandidate candidate = new IceCandidate(trickled.candidate(), trickled.mid(), index < 0 ? null : index, null);
                gateway.deliver(call.user(), new Signal.Candidate(call.peer, call.callId, candidate));
            }
        }
    }

    JingleIq jingle(JingleCall call, JingleAction action, List<? extends FullyQualifiedElement> children) {
        return new JingleIq(call.endpoint.stanzaFactory().buildIqData().to(call.peerJid).ofType(IQ.Type.set), action,
                call.sid, call.weInitiate ? call.endpoint.jid() : null, null, children);
    }

    /** An XEP-0353 message: of type chat, with the store hint, as the XEP asks of each. */
    static Message jingleMessage(JingleCall call, Jid to, ExtensionElement element) {
        return call.endpoint.stanzaFactory().buildMessageStanza().to(to).ofType(Message.Type.chat).addExtension(element)
                .addExtension(StoreHint.INSTANCE).build();
    }

    void terminate(JingleCall call, JingleReason reason) {
        CompletableFuture<IQ> answered = request(call, jingle(call, JingleAction.session_terminate, List.of(reason)),
                "session-terminate").toCompletableFuture();
        if (!answered.isDone()) {
            terminating.add(answered);
            answered.whenComplete((result, failure) -> terminating.remove(answered));
        }
        if (call.jingleMessage && call.peerJid != null) {
            send(call, jingleMessage(call, call.peerJid, JingleMessage.of(JingleMessage.Action.finish, call.sid).withReason(reason)));
        }
    }

    private void ringTimedOut(JingleCall call) {
        if (call.state == JingleCall.State.ENDED || call.state == JingleCall.State.ACTIVE) {
            return;
        }
        log.info("{}: not answered within {} s", call, settings.ringTimeout().toSeconds());
        bye(call.user(), new Signal.Bye(call.user(), call.callId, "timeout"));
        byeToBrowser(call.user(), call.peer, call.callId, "timeout");
    }

    /** Sends an IQ request; an error reply or none ends the call on both sides (the peer is gone or refuses). */
    CompletionStage<IQ> request(JingleCall call, JingleIq iq, String what) {
        CompletionStage<IQ> answer = call.endpoint.request(iq);
        answer.whenComplete((result, failure) -> {
            if (failure != null && call.state != JingleCall.State.ENDED && iq.getAction() != JingleAction.session_terminate) {
                log.info("{}: {} failed: {}", call, what, failure.toString());
                byeToBrowser(call.user(), call.peer, call.callId,
                        iq.getAction() == JingleAction.session_initiate ? "unreachable" : "failed");
                end(call);
            }
        });
        return answer;
    }

    void send(JingleCall call, Stanza stanza) {
        try {
            call.endpoint.send(stanza);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.info("{}: not sent ({}); the call ends", call, e.toString());
            if (call.state != JingleCall.State.ENDED) {
                byeToBrowser(call.user(), call.peer, call.callId, "gone");
                end(call);
            }
        }
    }

    static void sendQuietly(XmppEndpoint at, Stanza stanza) {
        try {
            at.send(stanza);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.debug("{}: not sent ({})", at.user(), e.toString());
        }
    }

    void reply(JingleCall call, IQ request) {
        sendQuietly(call.endpoint, IQ.createResultIQ(request));
    }

    static void replyError(XmppEndpoint at, IQ request, StanzaError.Condition condition, JingleError jingleError) {
        StanzaError.Builder error = StanzaError.getBuilder(condition);
        if (jingleError != null) {
            error.addExtension(jingleError);
        }
        sendQuietly(at, IQ.createErrorResponse(request, error));
    }

    /** Once per call: a callee's XEP-0353 ringing and its session-info ringing are the same news. */
    void ringingToBrowser(JingleCall call) {
        if (!call.ringing) {
            call.ringing = true;
            gateway.deliver(call.user(), new Signal.Ringing(call.peer, call.callId));
        }
    }

    void offerToBrowser(JingleCall call, String sdp) {
        gateway.deliver(call.user(), new Signal.Offer(call.peer, call.callId, sdp));
    }

    void answerToBrowser(JingleCall call, String sdp) {
        gateway.deliver(call.user(), new Signal.Answer(call.peer, call.callId, sdp));
    }

    void byeToBrowser(Address.Local user, Address.External peer, String callId, String reason) {
        gateway.deliver(user, new Signal.Bye(peer, callId, reason));
    }

    void end(JingleCall call) {
        call.cancelTimer();
        call.state = JingleCall.State.ENDED;
        calls.remove(call);
    }

    static String reasonOr(JingleReason reason, String otherwise) {
        String bye = JingleReasons.toBye(reason);
        return bye != null ? bye : otherwise;
    }
}
