package org.webrtcgateway.sip.call;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.IceCandidate;
import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.sip.SipAccount;
import org.webrtcgateway.sip.media.MediaLeg;
import org.webrtcgateway.sip.sdp.SdpCandidates;
import org.webrtcgateway.sip.stack.ClientHandler;

/**
 * A call a browser places to SIP: its offer waits for the candidates, goes out as an INVITE, and
 * the responses come back as {@code ringing}, {@code answer} (183 with SDP: early) or {@code bye}
 * with a reason. A {@code bye} from the browser is a CANCEL before the answer and a BYE after it.
 */
public final class OutgoingCall extends SipCall implements ClientHandler {

    private static final Logger log = LoggerFactory.getLogger(OutgoingCall.class);

    private enum State { GATHERING, CALLING, EARLY, CONFIRMED, DONE }

    private final String target;
    private final CandidateGatherer gatherer;
    private final String offer;
    private final boolean targetTrickles;
    private State state = State.GATHERING;
    private ClientTransaction invite;
    private String sipCallId;
    private String fromTag;
    private boolean provisional;
    private boolean ringingSent;
    private boolean answerSent;
    private boolean cancelWhenProvisional;
    private ScheduledFuture<?> noResponse;
    /** A REFER's call (RFC 3892): the Referred-By header the INVITE carries, and who hears its final status. */
    private javax.sip.header.Header referredBy;
    private java.util.function.IntConsumer finalStatus;

    /**
     * @param target the SIP URI to call (after the dial plan); {@code peer} is what the browser dialed
     */
    public OutgoingCall(CallContext context, Address.Local user, String callId, Address.External peer,
                        SipAccount account, String target, String offer) {
        this(context, user, callId, peer, account, target, offer, MediaLeg.PASS_THROUGH);
    }

    /** @param media how the offer and answers travel (media hook, issue 18): relayed legs never trickle to SIP */
    public OutgoingCall(CallContext context, Address.Local user, String callId, Address.External peer,
                        SipAccount account, String target, String offer, MediaLeg media) {
        super(context, user, callId, peer, account);
        this.target = target;
        this.offer = offer;
        useMedia(media);
        this.targetTrickles = !media.relayed() && context.trickle().isKnown(target);
        this.gatherer = targetTrickles ? null
                : new CandidateGatherer(offer, context.config().gatheringDeadline(), context.executor(), this::sendInvite);
    }

    /**
     * This call is the one a REFER asked for: its INVITE carries {@code referredBy}, and {@code finalStatus} hears the
     * INVITE's final status once (487 when the browser gave up first, 408 when nothing answered). Before {@link #start}.
     */
    public void referred(javax.sip.header.Header referredBy, java.util.function.IntConsumer finalStatus) {
        this.referredBy = referredBy;
        this.finalStatus = finalStatus;
    }

    private void reportFinal(int status) {
        if (finalStatus != null) {
            java.util.function.IntConsumer listener = finalStatus;
            finalStatus = null;
            listener.accept(status);
        }
    }

    /** Starts the call once it is in the call table: at once to a target that trickles over SIP, else after gathering. */
    public void start() {
        if (targetTrickles) {
            // RFC 8840: the INVITE goes now, the browser's candidates follow in INFO
            trickleAfter(offer);
            sendInvite(SdpCandidates.merge(offer, java.util.List.of(), false));
        }
    }

    @Override
    public String sipCallId() {
        return sipCallId;
    }

    @Override
    public String localTag() {
        return fromTag;
    }

    @Override
    public void onBrowserCandidate(IceCandidate candidate) {
        if (state == State.GATHERING && gatherer != null) {
            gatherer.add(candidate);
        } else {
            super.onBrowserCandidate(candidate);
        }
    }

    private void sendInvite(String browserSdp) {
        whenMediaReady(media.offerToSip(browserSdp), this::sendInviteWith, failure -> fail(failure.reason()));
    }

    private void sendInviteWith(String sdp) {
        Request request = context.endpoint().newRequest(Request.INVITE, account, target, target);
        context.endpoint().setBody(request, "application", "sdp", sdp);
        try {
            // We take trickled candidates in INFO (RFC 8840) whether or not we trickle ours in this call.
            request.addHeader(context.endpoint().headers().createSupportedHeader(TrickleSupport.TAG));
            request.addHeader(context.endpoint().headers().createHeader("Recv-Info", TrickleSupport.TAG));
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("cannot build the trickle-ice headers", e);
        }
        if (referredBy != null) {
            request.addHeader(referredBy);
        }
        sipCallId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        fromTag = ((javax.sip.header.FromHeader) request.getHeader(javax.sip.header.FromHeader.NAME)).getTag();
        context.calls().bindSipCallId(this);
        state = State.CALLING;
        noResponse = context.executor().schedule(this::onNoResponse, context.config().inviteTimeout().toMillis(), TimeUnit.MILLISECONDS);
        invite = context.endpoint().send(request, this);
        log.debug("{}: INVITE {}", this, target);
    }

    private void onNoResponse() {
        if (state == State.CALLING || state == State.EARLY) {
            cancel();
            fail(SipReasons.UNREACHABLE);
        }
    }

    // ------------------------------------------------------------------ INVITE responses

    @Override
    public void onResponse(ResponseEvent event) {
        Response response = event.getResponse();
        int status = response.getStatusCode();
        log.debug("{}: {} in state {}", this, status, state);
        if (event.getClientTransaction() != null) {
            invite = event.getClientTransaction();
        }
        if (event.getDialog() != null) {
            dialog = event.getDialog();
        }
        context.trickle().learn(target, response);
        if (status < 200) {
            onProvisional(response, status);
        } else if (status < 300) {
            onSuccess(event, response);
        } else if ((status == 401 || status == 407) && state != State.DONE && context.endpoint().retryWithCredentials(event)) {
            log.debug("{}: answered a {} challenge", this, status);
        } else {
            onFailureResponse(status);
        }
    }

    private void onProvisional(Response response, int status) {
        provisional = true;
        cancelTimer(); // the far end is alive; how long it may ring is its (or the proxy's) business
        if (cancelWhenProvisional) {
            cancelWhenProvisional = false;
            sendCancel();
            return;
        }
        if (state != State.CALLING && state != State.EARLY) {
            return;
        }
        if (status == 100) {
            return;
        }
        state = State.EARLY;
        if (!ringingSent) {
            ringingSent = true;
            deliver(new Signal.Ringing(peer, callId));
        }
        String sdp = body(response);
        if (status == 183 && sdp != null && !answerSent) {
            answerSent = true;
            whenMediaReady(media.answerToBrowser(sdp), rewritten -> deliver(new Signal.Answer(peer, callId, rewritten)), failure -> {
                cancel();
                fail(failure.reason());
            });
        }
    }

    private void onSuccess(ResponseEvent event, Response response) {
        cancelTimer();
        ack(event);
        if (state == State.DONE) {
            // answered after the browser hung up (CANCEL lost the race): end the dialog at once
            reportFinal(487);
            hangUpEstablished();
            return;
        }
        if (state == State.CONFIRMED) {
            return; // a retransmitted 200 OK, ACKed again above
        }
        state = State.CONFIRMED;
        established = true;
        markConfirmed();
        reportFinal(response.getStatusCode());
        String sdp = body(response);
        if (!answerSent) {
            answerSent = true;
            if (sdp == null) {
                log.info("{}: 200 OK without SDP; ending", this);
                endBoth("not-acceptable");
                return;
            }
            whenMediaReady(media.answerToBrowser(sdp), rewritten -> {
                if (!deliver(new Signal.Answer(peer, callId, rewritten)).isAccepted()) {
                    hangUpEstablished();
                }
            }, failure -> endBoth(failure.reason()));
        }
    }

    private void onFailureResponse(int status) {
        cancelTimer();
        reportFinal(state == State.DONE ? 487 : status);
        if (state == State.DONE) {
            context.calls().remove(this);
            return;
        }
        log.debug("{}: failed with {}", this, status);
        fail(SipReasons.forStatus(status));
    }

    @Override
    public void onFailure(String reason) {
        cancelTimer();
        reportFinal(state == State.DONE ? 487 : 408);
        if (state == State.DONE) {
            context.calls().remove(this);
            return;
        }
        log.info("{}: {}", this, reason);
        fail(SipReasons.UNREACHABLE);
    }

    // ------------------------------------------------------------------ from the browser

    @Override
    public void onBrowserBye(String reason) {
        switch (state) {
            case GATHERING -> {
                reportFinal(487);
                if (gatherer != null) {
                    gatherer.cancel();
                }
                state = State.DONE;
                ended = true;
                context.calls().remove(this);
            }
            case CALLING, EARLY -> {
                state = State.DONE;
                ended = true;
                context.calls().forgetGatewayId(this);
                cancel();
            }
            case CONFIRMED -> {
                state = State.DONE;
                hangUpEstablished();
            }
            case DONE -> {
                // already over
            }
        }
    }

    @Override
    public void shutdown() {
        onBrowserBye(null);
    }

    private void cancel() {
        if (provisional) {
            sendCancel();
        } else {
            // RFC 3261 9.1: no CANCEL before a provisional response; send it when one comes
            cancelWhenProvisional = true;
        }
    }

    private void sendCancel() {
        if (invite == null) {
            return;
        }
        try {
            Request cancel = invite.createCancel();
            context.endpoint().send(cancel, context.farewells().expect(Request.CANCEL));
        } catch (SipException e) {
            log.debug("{}: cannot CANCEL", this, e);
        }
    }

    // ------------------------------------------------------------------ helpers

    private void fail(String reason) {
        reportFinal(408); // no response in time: the failures with a status reported theirs already
        state = State.DONE;
        endTowardsBrowser(reason);
    }

    private RouteResult deliver(Signal signal) {
        return context.gateway().deliver(user, signal);
    }

    private void cancelTimer() {
        if (noResponse != null) {
            noResponse.cancel(false);
        }
    }
}
