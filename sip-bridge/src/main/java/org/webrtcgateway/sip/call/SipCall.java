package org.webrtcgateway.sip.call;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.IceCandidate;
import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.sip.SipAccount;
import org.webrtcgateway.sip.media.MediaFailure;
import org.webrtcgateway.sip.media.MediaLeg;
import org.webrtcgateway.sip.stack.ClientHandler;

/**
 * One bridged call: a browser user on one side, a SIP dialog on the other. This base class is the
 * established call (re-INVITE both ways, INFO DTMF, keep-alive, BYE); {@link OutgoingCall} and
 * {@link IncomingCall} add how each kind is set up. Lives on the bridge thread only.
 */
public abstract class SipCall {

    private static final Logger log = LoggerFactory.getLogger(SipCall.class);
    private static final Pattern DTMF_SIGNAL = Pattern.compile("(?im)^\\s*Signal\\s*=\\s*([0-9A-D*#])\\s*$");
    private static final Pattern DTMF_DURATION = Pattern.compile("(?im)^\\s*Duration\\s*=\\s*([0-9]{1,5})\\s*$");

    protected final CallContext context;
    protected final Address.Local user;
    protected final String callId;
    protected final Address.External peer;
    protected final SipAccount account;
    protected Dialog dialog;
    /** The gateway's correlation id of the call (CallCorrelation), null until the gateway gave one. */
    private String correlationId;
    protected boolean established;
    protected boolean ended;

    /** A browser renegotiation waiting for its candidates, or a SIP re-INVITE waiting for the browser's answer. */
    private CandidateGatherer renegotiation;
    private ServerTransaction pendingReinvite;

    /**
     * RFC 8840: the far end trickles ICE over SIP, so the browser's SDP went without waiting and its
     * later candidates follow in INFO requests (null: it does not).
     */
    protected TrickleOut trickleOut;
    private boolean confirmed;
    private InfoQueue infos;
    /** Told when the call ends (transfers: their timers and subscriptions outlive or follow the call). */
    private final java.util.List<EndListener> endListeners = new java.util.ArrayList<>(1);
    /** The {@code bye} reason when the far end hangs up (null: none); a transfer under way sets it. */
    private String farEndByeReason;

    /** Hears that a call ended. */
    public interface EndListener {
        /** @param farEndGone the far end hung up or the dialog died (true), or the gateway sent BYE (false) */
        void ended(boolean farEndGone);
    }

    /** Media hook (issue 18): what each offer and answer becomes on its way (rtpengine for a plain-RTP far end). */
    protected MediaLeg media = MediaLeg.PASS_THROUGH;

    protected SipCall(CallContext context, Address.Local user, String callId, Address.External peer, SipAccount account) {
        this.context = context;
        this.user = user;
        this.callId = callId;
        this.peer = peer;
        this.account = account;
    }

    public Address.Local user() {
        return user;
    }

    public String callId() {
        return callId;
    }

    public Address.External peer() {
        return peer;
    }

    /** The gateway's correlation id of this call, or null before the gateway accepted it. */
    public String correlationId() {
        return correlationId;
    }

    /** The gateway gave this call its correlation id: the SIP Call-ID is linked to it once both are known. */
    public void correlate(String id) {
        if (correlationId != null || id == null) {
            return;
        }
        correlationId = id;
        if (sipCallId() != null) {
            context.calls().link(this);
        }
    }

    /** The SIP Call-ID of the dialog (set once the first request is built or received). */
    public abstract String sipCallId();

    /** Our tag in the dialog: the From tag of our INVITE, or the To tag of our responses. */
    public abstract String localTag();

    /** For the admin API: {@code "setting up"}, {@code "established"}, or {@code "ending"} (a BYE or CANCEL out). */
    public String stateName() {
        return ended ? "ending" : established ? "established" : "setting up";
    }

    public boolean isEstablished() {
        return established && !ended;
    }

    public boolean isEnded() {
        return ended;
    }

    /** The SIP dialog (null before the first response or request made one). */
    public Dialog dialog() {
        return dialog;
    }

    public SipAccount account() {
        return account;
    }

    /** {@code listener} hears when this call ends; at once if it has. */
    public void whenEnded(EndListener listener) {
        if (ended) {
            listener.ended(true);
        } else {
            endListeners.add(listener);
        }
    }

    /** Whatever the far end's BYE means from now on: the browser's {@code bye} gets {@code reason}. */
    public void farEndByeMeans(String reason) {
        farEndByeReason = reason;
    }

    /** The call went to someone else (a REFER succeeded): BYE to SIP, {@code bye} reason {@code transferred} to the browser. */
    public void endTransferred() {
        if (ended) {
            return;
        }
        hangUpEstablished();
        context.gateway().deliver(user, new Signal.Bye(peer, callId, SipReasons.TRANSFERRED));
    }

    private void tellEnded(boolean farEndGone) {
        List<EndListener> listeners = List.copyOf(endListeners);
        endListeners.clear();
        listeners.forEach(listener -> listener.ended(farEndGone));
    }

    // ------------------------------------------------------------------ from the browser

    public void onBrowserOffer(String sdp) {
        if (!isEstablished() || renegotiation != null && !renegotiation.isDone()) {
            log.debug("{}: renegotiation while not established or busy; ignored", this);
            return;
        }
        renegotiation = new CandidateGatherer(sdp, context.config().gatheringDeadline(), context.executor(),
                merged -> whenMediaReady(media.offerToSip(merged), this::reinvite, failure -> endBoth(failure.reason())));
    }

    public void onBrowserAnswer(String sdp) {
        if (pendingReinvite == null) {
            log.debug("{}: answer with no re-INVITE waiting; ignored", this);
            return;
        }
        ServerTransaction transaction = pendingReinvite;
        pendingReinvite = null;
        renegotiation = new CandidateGatherer(sdp, context.config().gatheringDeadline(), context.executor(),
                merged -> whenMediaReady(media.answerToSip(merged),
                        rewritten -> respondWithSdp(transaction, transaction.getRequest(), 200, rewritten, null),
                        failure -> context.endpoint().respond(transaction, transaction.getRequest(), 488, null)));
    }

    public void onBrowserCandidate(IceCandidate candidate) {
        if (renegotiation != null && !renegotiation.isDone()) {
            renegotiation.add(candidate);
        } else if (trickleOut != null && !ended) {
            trickleOut.add(candidate);
        }
    }

    /** From now on the browser's candidates for {@code sdp} trickle to SIP in INFO (RFC 8840). */
    protected void trickleAfter(String sdp) {
        trickleOut = new TrickleOut(context.endpoint(), sdp);
        if (confirmed) {
            trickleOut.confirmed(infos());
        }
    }

    public void onBrowserRinging() {
        // the 180 went out when the offer reached the browser
    }

    public void onBrowserDtmf(String tones, int duration) {
        if (!isEstablished()) {
            return;
        }
        for (char tone : tones.toCharArray()) {
            if ("0123456789*#ABCDabcd".indexOf(tone) < 0) {
                continue;
            }
            String body = "Signal=" + Character.toUpperCase(tone) + "\r\nDuration=" + duration + "\r\n";
            infos().send(info -> context.endpoint().setBody(info, "application", "dtmf-relay", body));
        }
    }

    /** The dialog's INFO requests, one at a time. */
    private InfoQueue infos() {
        if (infos == null) {
            infos = new InfoQueue(context.endpoint(), dialog);
        }
        return infos;
    }

    /** The browser hung up, rejected, or its session ended. */
    public abstract void onBrowserBye(String reason);

    // ------------------------------------------------------------------ from SIP, in the dialog

    public void onSipRequest(RequestEvent event, ServerTransaction transaction) {
        Request request = event.getRequest();
        switch (request.getMethod()) {
            case Request.BYE -> onSipBye(transaction, request);
            case Request.INVITE -> onSipReinvite(transaction, request);
            case Request.INFO -> onSipInfo(transaction, request);
            case Request.OPTIONS, Request.UPDATE -> context.endpoint().respond(transaction, request,
                    request.getMethod().equals(Request.OPTIONS) ? 200 : 501, null);
            default -> context.endpoint().respond(transaction, request, 405, null);
        }
    }

    public void onAck(RequestEvent event) {
        markConfirmed();
    }

    /** The dialog is confirmed (our 2xx ACKed, or theirs received): trickled candidates may go now. */
    protected void markConfirmed() {
        confirmed = true;
        if (trickleOut != null) {
            trickleOut.confirmed(infos());
        }
    }

    private void onSipBye(ServerTransaction transaction, Request request) {
        context.endpoint().respond(transaction, request, 200, null);
        endTowardsBrowser(farEndByeReason);
    }

    private void onSipReinvite(ServerTransaction transaction, Request request) {
        if (!isEstablished() || pendingReinvite != null) {
            context.endpoint().respond(transaction, request, 491, null);
            return;
        }
        String sdp = body(request);
        if (sdp == null) {
            // A re-INVITE without an offer asks us to offer; the browser cannot be asked for one here.
            context.endpoint().respond(transaction, request, 488, null);
            return;
        }
        pendingReinvite = transaction;
        whenMediaReady(media.offerToBrowser(sdp), rewritten -> {
            RouteResult told = context.gateway().deliver(user, new Signal.Offer(peer, callId, rewritten));
            if (!told.isAccepted()) {
                pendingReinvite = null;
                context.endpoint().respond(transaction, request, 488, null);
            }
        }, failure -> {
            pendingReinvite = null;
            context.endpoint().respond(transaction, request, 488, null);
        });
    }

    private void onSipInfo(ServerTransaction transaction, Request request) {
        String body = body(request);
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        if (body != null && type != null && type.getContentSubType().equalsIgnoreCase("trickle-ice-sdpfrag")) {
            // RFC 8840: the far end's trickled candidates reach the browser as 'candidate'
            for (IceCandidate candidate : org.webrtcgateway.sip.sdp.SdpFragments.parse(body)) {
                context.gateway().deliver(user, new Signal.Candidate(peer, callId, candidate.isEndOfCandidates() ? null : candidate));
            }
            context.endpoint().respond(transaction, request, 200, null);
            return;
        }
        if (body != null && type != null && type.getContentSubType().equalsIgnoreCase("dtmf-relay")) {
            Matcher signal = DTMF_SIGNAL.matcher(body);
            if (signal.find()) {
                Matcher duration = DTMF_DURATION.matcher(body);
                int ms = duration.find() ? Math.max(40, Math.min(6000, Integer.parseInt(duration.group(1)))) : 100;
                context.gateway().deliver(user, new Signal.Dtmf(peer, callId, signal.group(1), ms));
            }
            context.endpoint().respond(transaction, request, 200, null);
            return;
        }
        context.endpoint().respond(transaction, request, body == null ? 200 : 415, null);
    }

    // ------------------------------------------------------------------ re-INVITE from the browser

    private void reinvite(String sdp) {
        if (!isEstablished()) {
            return;
        }
        try {
            Request invite = context.endpoint().inDialog(dialog, Request.INVITE);
            invite.addHeader(context.endpoint().contact(account));
            context.endpoint().setBody(invite, "application", "sdp", sdp);
            context.endpoint().sendInDialog(dialog, invite, new ReinviteHandler());
        } catch (SipException e) {
            log.debug("{}: cannot send re-INVITE", this, e);
        }
    }

    private final class ReinviteHandler implements ClientHandler {
        @Override
        public void onResponse(ResponseEvent event) {
            Response response = event.getResponse();
            int status = response.getStatusCode();
            if (status < 200) {
                return;
            }
            if (status == 401 || status == 407) {
                context.endpoint().retryWithCredentials(event);
                return;
            }
            if (status < 300) {
                ack(event);
                String sdp = body(response);
                if (sdp != null && !ended) {
                    whenMediaReady(media.answerToBrowser(sdp), rewritten -> context.gateway().deliver(user,
                            new Signal.Answer(peer, callId, rewritten)), failure -> endBoth(failure.reason()));
                }
            } else if (status == 481 || status == 408) {
                endBoth(SipReasons.TIMEOUT);
            } else {
                log.info("{}: re-INVITE refused with {}", SipCall.this, status);
            }
        }

        @Override
        public void onFailure(String reason) {
            endBoth(SipReasons.TIMEOUT);
        }
    }

    // ------------------------------------------------------------------ keep-alive

    /** Sends an in-dialog OPTIONS; a dialog the far end no longer knows, or silence, ends the call. */
    public void keepAlive() {
        if (!isEstablished()) {
            return;
        }
        try {
            Request options = context.endpoint().inDialog(dialog, Request.OPTIONS);
            context.endpoint().sendInDialog(dialog, options, new ClientHandler() {
                @Override
                public void onResponse(ResponseEvent event) {
                    int status = event.getResponse().getStatusCode();
                    if (status == 481 || status == 408) {
                        endBoth(SipReasons.TIMEOUT);
                    }
                }

                @Override
                public void onFailure(String reason) {
                    endBoth(SipReasons.TIMEOUT);
                }
            });
        } catch (SipException e) {
            endBoth(SipReasons.TIMEOUT);
        }
    }

    // ------------------------------------------------------------------ ending

    /** The SIP side is gone: the browser gets {@code bye}, the call is forgotten. */
    protected void endTowardsBrowser(String reason) {
        if (ended) {
            return;
        }
        ended = true;
        if (renegotiation != null) {
            renegotiation.cancel();
        }
        context.calls().remove(this);
        tellEnded(true);
        context.gateway().deliver(user, new Signal.Bye(peer, callId, reason));
    }

    /** The call died (keep-alive or re-INVITE says so): BYE to SIP as a courtesy, {@code bye} to the browser. */
    protected void endBoth(String reason) {
        if (ended) {
            return;
        }
        sendBye();
        endTowardsBrowser(reason);
    }

    /** Sends BYE in the established dialog and forgets the call, without telling the browser. */
    protected void hangUpEstablished() {
        ended = true;
        if (renegotiation != null) {
            renegotiation.cancel();
        }
        if (pendingReinvite != null) {
            context.endpoint().respond(pendingReinvite, pendingReinvite.getRequest(), 487, null);
            pendingReinvite = null;
        }
        sendBye();
        context.calls().remove(this);
        tellEnded(false);
    }

    private void sendBye() {
        if (dialog == null) {
            return;
        }
        try {
            Request bye = context.endpoint().inDialog(dialog, Request.BYE);
            context.endpoint().sendInDialog(dialog, bye, context.farewells().expect(Request.BYE));
        } catch (SipException e) {
            log.debug("{}: cannot send BYE", this, e);
        }
    }

    /** Ends the call because the gateway is stopping: SIP gets BYE or CANCEL or a final response. */
    public abstract void shutdown();

    // ------------------------------------------------------------------ media (issue 18)

    /** Media hook: this call's offers and answers go through {@code leg} (set before the call starts). */
    public void useMedia(MediaLeg leg) {
        this.media = leg;
    }

    public MediaLeg media() {
        return media;
    }

    /**
     * Runs {@code then} with the SDP {@code sdp} completes with: at once when it is done (a passed-through leg), else
     * on the bridge thread when rtpengine answered, unless the call ended meanwhile. A failure goes to
     * {@code failed} (logged), with the reason the browser's {@code bye} should carry.
     */
    void whenMediaReady(java.util.concurrent.CompletableFuture<String> sdp, java.util.function.Consumer<String> then,
                        java.util.function.Consumer<MediaFailure> failed) {
        if (sdp.isDone() && !sdp.isCompletedExceptionally()) {
            then.accept(sdp.join());
            return;
        }
        String correlation = correlationId;
        sdp.whenComplete((rewritten, error) -> context.executor().execute(() -> {
            try (org.webrtcgateway.core.api.CallCorrelation.Scope scope = org.webrtcgateway.core.api.CallCorrelation.open(correlation)) {
                if (ended) {
                    return;
                }
                if (error != null) {
                    MediaFailure failure = MediaFailure.of(error);
                    log.info("{}: media relay failed ({}): {}", this, failure.reason(), failure.getMessage());
                    failed.accept(failure);
                } else {
                    then.accept(rewritten);
                }
            }
        }));
    }

    // ------------------------------------------------------------------ helpers

    protected void ack(ResponseEvent event) {
        Dialog d = event.getDialog() != null ? event.getDialog() : dialog;
        if (d == null) {
            return;
        }
        try {
            long cseq = ((CSeqHeader) event.getResponse().getHeader(CSeqHeader.NAME)).getSeqNumber();
            Request ack = d.createAck(cseq);
            d.sendAck(ack);
        } catch (SipException | InvalidArgumentException e) {
            log.debug("{}: cannot ACK", this, e);
        }
    }

    /** Sends a response with an SDP body (and our Contact, and any {@code extra} headers). */
    protected void respondWithSdp(ServerTransaction transaction, Request request, int status, String sdp, String toTag,
                                  javax.sip.header.Header... extra) {
        try {
            Response response = context.endpoint().messages().createResponse(status, request);
            for (javax.sip.header.Header header : extra) {
                response.addHeader(header);
            }
            if (toTag != null) {
                javax.sip.header.ToHeader to = (javax.sip.header.ToHeader) response.getHeader(javax.sip.header.ToHeader.NAME);
                if (to.getTag() == null) {
                    to.setTag(toTag);
                }
            }
            response.addHeader(context.endpoint().contact(account));
            context.endpoint().setBody(response, "application", "sdp", sdp);
            transaction.sendResponse(response);
        } catch (java.text.ParseException | SipException | InvalidArgumentException e) {
            log.debug("{}: cannot send {}", this, status, e);
        }
    }

    /** The body of a message as text, or null when it has none. */
    public static String body(Message message) {
        byte[] raw = message.getRawContent();
        if (raw == null || raw.length == 0) {
            return null;
        }
        return new String(raw, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + callId + " " + user + " <-> " + peer + "]";
    }
}
