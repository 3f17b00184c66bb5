package org.webrtcgateway.sip.transfer;

import java.text.ParseException;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.AddressFactory;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.message.Request;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.api.BridgeContext;
import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.sip.call.SipCall;
import org.webrtcgateway.sip.call.SipReasons;
import org.webrtcgateway.sip.stack.ClientHandler;
import org.webrtcgateway.sip.stack.SipEndpoint;

/**
 * A browser's blind transfer of a SIP call: a REFER in the call's dialog (RFC 3515, with Referred-By, RFC 3892), then
 * the NOTIFYs of its implicit subscription until one reports the new call's final status. A 2xx there is success: the
 * browser's {@code transfer} is answered {@code ok} and the call ends with {@code bye} reason {@code transferred}; a
 * refused REFER, a failed new call, or no final report in time is an {@code error}, and the call goes on. Bridge
 * thread only.
 */
final class OutgoingTransfer implements ClientHandler {

    private static final Logger log = LoggerFactory.getLogger(OutgoingTransfer.class);

    private enum State { REFERRING, ACCEPTED, DONE }

    private final SipEndpoint endpoint;
    private final BridgeContext gateway;
    private final SipCall call;
    private final String target;
    private final Duration timeout;
    private final Runnable forget;
    private State state = State.REFERRING;
    private ScheduledFuture<?> noVerdict;

    /**
     * @param target the SIP URI the far end is asked to call (after the dial plan)
     * @param forget takes this transfer out of the table once it is over
     */
    OutgoingTransfer(SipEndpoint endpoint, BridgeContext gateway, SipCall call, String target, Duration timeout, Runnable forget) {
        this.endpoint = endpoint;
        this.gateway = gateway;
        this.call = call;
        this.target = target;
        this.timeout = timeout;
        this.forget = forget;
    }

    /** Sends the REFER; the verdict must come within the timeout, else the transfer failed. */
    void start(ScheduledExecutorService executor) {
        Request refer;
        try {
            refer = endpoint.inDialog(call.dialog(), Request.REFER);
            AddressFactory addresses = endpoint.addresses();
            refer.addHeader(endpoint.headers().createReferToHeader(addresses.createAddress(addresses.createURI(target))));
            refer.addHeader(endpoint.headers().createHeader("Referred-By", "<" + call.account().aor() + ">"));
            // RFC 3515 table 1: REFER carries a Contact
            refer.addHeader(endpoint.contact(call.account()));
        } catch (SipException | ParseException e) {
            fail(ErrorCode.UNREACHABLE, "the REFER to " + target + " could not be built: " + SipEndpoint.rootMessage(e));
            return;
        }
        noVerdict = executor.schedule(this::onNoVerdict, timeout.toMillis(), TimeUnit.MILLISECONDS);
        call.whenEnded(farEndGone -> onCallEnded());
        endpoint.sendInDialog(call.dialog(), refer, this);
        log.info("{}: REFER to {}", call, target);
    }

    // ------------------------------------------------------------------ the REFER's response

    @Override
    public void onResponse(ResponseEvent event) {
        int status = event.getResponse().getStatusCode();
        if (status < 200 || state == State.DONE) {
            return;
        }
        if ((status == 401 || status == 407) && endpoint.retryWithCredentials(event)) {
            return;
        }
        if (status < 300) {
            accepted();
            return;
        }
        ErrorCode code = status == 401 || status == 403 || status == 407 ? ErrorCode.FORBIDDEN : ErrorCode.UNREACHABLE;
        fail(code, "the SIP side refused the transfer (REFER) with " + Sipfrag.describe(status));
    }

    @Override
    public void onFailure(String reason) {
        if (state == State.REFERRING) {
            fail(ErrorCode.UNREACHABLE, "the SIP side did not answer the transfer (REFER): " + reason);
        }
    }

    /** The far end took the REFER (2xx, or a NOTIFY that overtook it). */
    private void accepted() {
        if (state == State.REFERRING) {
            state = State.ACCEPTED;
            // RFC 5589 leaves it to the transferee to end the old call too: its BYE means it is carrying the transfer out.
            call.farEndByeMeans(SipReasons.TRANSFERRED);
        }
    }

    // ------------------------------------------------------------------ NOTIFY (Event: refer)

    void onNotify(ServerTransaction transaction, Request notify) {
        endpoint.respond(transaction, notify, 200, null);
        if (state == State.DONE) {
            return;
        }
        accepted();
        SubscriptionStateHeader subscription = (SubscriptionStateHeader) notify.getHeader(SubscriptionStateHeader.NAME);
        boolean terminated = subscription != null && SubscriptionStateHeader.TERMINATED.equalsIgnoreCase(subscription.getState());
        ContentTypeHeader type = (ContentTypeHeader) notify.getHeader(ContentTypeHeader.NAME);
        OptionalInt status = type != null && Sipfrag.SUBTYPE.equalsIgnoreCase(type.getContentSubType())
                ? Sipfrag.status(SipCall.body(notify)) : OptionalInt.empty();
        log.debug("{}: transfer NOTIFY {} {}", call, status, terminated ? "terminated" : "");
        if (status.isPresent() && status.getAsInt() >= 200 && status.getAsInt() < 300) {
            succeeded();
        } else if (status.isPresent() && status.getAsInt() >= 300) {
            fail(ErrorCode.UNREACHABLE, "the transfer failed: the call to " + target + " got " + Sipfrag.describe(status.getAsInt()));
        } else if (terminated) {
            fail(ErrorCode.UNREACHABLE, "the SIP side ended the transfer's subscription without saying how the call to "
                    + target + " went");
        }
    }

    private void succeeded() {
        finish();
        log.info("{}: transferred to {}", call, target);
        gateway.deliver(call.user(), new Signal.TransferResult(call.peer(), call.callId(), RouteResult.accepted()));
        call.endTransferred();
    }

    // ------------------------------------------------------------------ ending

    private void onNoVerdict() {
        if (state != State.DONE) {
            fail(ErrorCode.UNREACHABLE, "the SIP side did not report how the transfer to " + target + " went within "
                    + timeout.toSeconds() + " s (sip.transfer-timeout)");
        }
    }

    /** The call ended first: the gateway answers the browser's transfer from the call's end. */
    private void onCallEnded() {
        if (state != State.DONE) {
            finish();
        }
    }

    private void fail(ErrorCode code, String message) {
        if (state == State.DONE) {
            return;
        }
        finish();
        call.farEndByeMeans(null);
        log.info("{}: transfer to {} failed: {}", call, target, message);
        gateway.deliver(call.user(), new Signal.TransferResult(call.peer(), call.callId(), RouteResult.rejected(code, message)));
    }

    private void finish() {
        state = State.DONE;
        if (noVerdict != null) {
            noVerdict.cancel(false);
        }
        forget.run();
    }
}
