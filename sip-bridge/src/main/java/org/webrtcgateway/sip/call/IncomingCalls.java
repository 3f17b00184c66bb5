package org.webrtcgateway.sip.call;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.CallCorrelation;
import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.sip.SipAccount;
import org.webrtcgateway.sip.routing.Recipient;

/**
 * A new INVITE from SIP: refuses it while the gateway is overloaded (503), finds the gateway user it
 * is for, refuses it when that user is not online (480) or unknown (404), else hands the browser the
 * offer from the caller's {@code sip:} address and answers 180.
 */
public final class IncomingCalls {

    private static final Logger log = LoggerFactory.getLogger(IncomingCalls.class);
    /** Long enough for a few collections to show whether the pressure is gone. */
    static final int OVERLOAD_RETRY_AFTER_SECONDS = 5;

    private final CallContext context;
    private final Recipient recipients;
    /** A user's account: configured, or carried by the login token of the session (sip.register-at login). */
    private final Function<String, Optional<SipAccount>> accountOf;
    private final AtomicLong sequence = new AtomicLong();
    private final String prefix = "sip-" + Long.toString(System.nanoTime() & 0xffffffL, 36) + "-";

    public IncomingCalls(CallContext context, Recipient recipients, Function<String, Optional<SipAccount>> accountOf) {
        this.context = context;
        this.recipients = recipients;
        this.accountOf = accountOf;
    }

    public void onInvite(RequestEvent event, ServerTransaction transaction) {
        Request request = event.getRequest();
        if (context.gateway().overloaded()) {
            context.endpoint().respondOverloaded(transaction, request, OVERLOAD_RETRY_AFTER_SECONDS);
            return;
        }
        Recipient.Found found = recipients.find(request);
        if (found.status() != 0) {
            context.endpoint().respond(transaction, request, found.status(), null);
            return;
        }
        String sdp = SipCall.body(request);
        if (sdp == null) {
            // an INVITE without an offer would need the browser to offer first; not something PROTOCOL.md can say
            context.endpoint().respond(transaction, request, 488, null);
            return;
        }
        Address.Local user = found.user();
        SipAccount account = accountOf.apply(user.name()).orElse(null);
        if (account == null) {
            context.endpoint().respond(transaction, request, 404, null);
            return;
        }
        context.endpoint().respond(transaction, request, 100, null);
        IncomingCall call = new IncomingCall(context, user, prefix + sequence.incrementAndGet(), found.caller(), account,
                transaction, TrickleSupport.announces(request), context.media().incoming(account, sdp));
        context.calls().add(call);
        // media hook (issue 18): a relayed caller's offer reaches the browser as rtpengine rewrote it
        call.whenMediaReady(call.media().offerToBrowser(sdp), offer -> offerToBrowser(call, user, found, offer), failure -> {
            call.refuse(failure.reason().equals(org.webrtcgateway.sip.media.MediaFailure.UNREACHABLE) ? 503 : 488);
        });
    }

    private void offerToBrowser(IncomingCall call, Address.Local user, Recipient.Found found, String sdp) {
        RouteResult delivered = context.gateway().deliver(user, new Signal.Offer(found.caller(), call.callId(), sdp));
        if (delivered instanceof RouteResult.Rejected rejected) {
            log.debug("{}: browser refused the offer: {}", call, rejected);
            call.refuse(rejected.code() == ErrorCode.BUSY ? 486 : rejected.code() == ErrorCode.UNKNOWN_PEER ? 480 : 500);
            return;
        }
        call.correlate(context.gateway().correlationId(user, call.callId()).orElse(null));
        // The rest of this INVITE's work is the call's; the bridge thread clears the scope after the task.
        try (CallCorrelation.Scope scope = CallCorrelation.open(call.correlationId())) {
            call.ringing();
        }
    }
}
