package org.webrtcgateway.sip.call;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.IceCandidate;
import org.webrtcgateway.sip.SipAccount;
import org.webrtcgateway.sip.media.MediaLeg;
import org.webrtcgateway.sip.sdp.SdpCandidates;
import org.webrtcgateway.sip.stack.SipEndpoint;

/**
 * A call from SIP to a browser user: the INVITE's offer reached the browser (and 180 went back);
 * the browser's answer, with its trickled candidates merged in, becomes the 200 OK; a
 * {@code reject} or {@code bye} before that is a 486/603/480; a CANCEL from SIP is a {@code bye}.
 */
public final class IncomingCall extends SipCall {

    private static final Logger log = LoggerFactory.getLogger(IncomingCall.class);

    private enum State { RINGING, ANSWERING, ANSWERED, DONE }

    private static final String TRICKLE = TrickleSupport.TAG;

    private final ServerTransaction invite;
    private final String toTag = SipEndpoint.newTag();
    private final String sipCallId;
    private State state = State.RINGING;
    private CandidateGatherer gatherer;
    private final boolean callerTrickles;

    public IncomingCall(CallContext context, Address.Local user, String callId, Address.External peer,
                        SipAccount account, ServerTransaction invite, boolean trickle) {
        this(context, user, callId, peer, account, invite, trickle, MediaLeg.PASS_THROUGH);
    }

    /** @param media how the offer and answer travel (media hook, issue 18): a relayed caller sees no ICE to trickle */
    public IncomingCall(CallContext context, Address.Local user, String callId, Address.External peer,
                        SipAccount account, ServerTransaction invite, boolean trickle, MediaLeg media) {
        super(context, user, callId, peer, account);
        useMedia(media);
        this.callerTrickles = trickle && !media.relayed();
        this.invite = invite;
        this.dialog = invite.getDialog();
        this.sipCallId = ((CallIdHeader) invite.getRequest().getHeader(CallIdHeader.NAME)).getCallId();
    }

    @Override
    public String sipCallId() {
        return sipCallId;
    }

    @Override
    public String localTag() {
        return toTag;
    }

    /** 180 Ringing, with our to-tag: the browser has the offer. */
    public void ringing() {
        context.endpoint().respond(invite, invite.getRequest(), 180, toTag);
    }

    /** Refuses the INVITE with {@code status} and forgets the call (the browser never knew it, or already ended it). */
    public void refuse(int status) {
        state = State.DONE;
        ended = true;
        context.endpoint().respond(invite, invite.getRequest(), status, toTag);
        context.calls().remove(this);
    }

    @Override
    public void onBrowserAnswer(String sdp) {
        if (state != State.RINGING) {
            super.onBrowserAnswer(sdp);
            return;
        }
        if (callerTrickles) {
            // RFC 8840: the caller takes trickled candidates in INFO, so the answer goes at once
            state = State.ANSWERED;
            established = true;
            trickleAfter(sdp);
            try {
                respondWithSdp(invite, invite.getRequest(), 200, SdpCandidates.merge(sdp, java.util.List.of(), false), toTag,
                        context.endpoint().headers().createSupportedHeader(TRICKLE),
                        context.endpoint().headers().createHeader("Recv-Info", TRICKLE));
            } catch (java.text.ParseException e) {
                throw new IllegalStateException("cannot build the trickle-ice headers", e);
            }
            return;
        }
        state = State.ANSWERING;
        gatherer = new CandidateGatherer(sdp, context.config().gatheringDeadline(), context.executor(), this::answer);
    }

    @Override
    public void onBrowserCandidate(IceCandidate candidate) {
        if (state == State.ANSWERING) {
            gatherer.add(candidate);
        } else {
            super.onBrowserCandidate(candidate);
        }
    }

    private void answer(String sdp) {
        if (state != State.ANSWERING) {
            return;
        }
        whenMediaReady(media.answerToSip(sdp), rewritten -> {
            state = State.ANSWERED;
            established = true;
            respondWithSdp(invite, invite.getRequest(), 200, rewritten, toTag);
            log.debug("{}: answered", this);
        }, failure -> {
            state = State.DONE;
            context.endpoint().respond(invite, invite.getRequest(), 488, toTag);
            endTowardsBrowser(failure.reason());
        });
    }

    @Override
    public void onBrowserBye(String reason) {
        switch (state) {
            case RINGING, ANSWERING -> {
                if (gatherer != null) {
                    gatherer.cancel();
                }
                refuse(SipReasons.statusForReason(reason));
            }
            case ANSWERED -> {
                state = State.DONE;
                hangUpEstablished();
            }
            case DONE -> {
                // already over
            }
        }
    }

    /** The caller gave up before the answer: 487 to the INVITE, {@code bye} to the browser. */
    public void onCancel() {
        if (state == State.ANSWERED || state == State.DONE) {
            return;
        }
        if (gatherer != null) {
            gatherer.cancel();
        }
        state = State.DONE;
        context.endpoint().respond(invite, invite.getRequest(), 487, toTag);
        endTowardsBrowser(SipReasons.CANCEL);
    }

    @Override
    public void onSipRequest(RequestEvent event, ServerTransaction transaction) {
        if (event.getRequest().getMethod().equals(Request.BYE) && state != State.ANSWERED) {
            // a BYE in an early dialog ends it too (RFC 3261 15.1.2 allows it for the caller)
            context.endpoint().respond(transaction, event.getRequest(), 200, null);
            onCancel();
            return;
        }
        super.onSipRequest(event, transaction);
    }

    @Override
    public void shutdown() {
        onBrowserBye("gone");
    }
}
