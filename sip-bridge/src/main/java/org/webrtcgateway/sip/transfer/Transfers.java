package org.webrtcgateway.sip.transfer;

import java.text.ParseException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.message.Request;
import javax.sip.message.Response;

import gov.nist.javax.sip.header.extensions.ReferredByHeader;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.core.config.Setting;
import org.webrtcgateway.core.config.Settings;
import org.webrtcgateway.sip.call.CallContext;
import org.webrtcgateway.sip.call.OutgoingCall;
import org.webrtcgateway.sip.call.SipCall;

/**
 * Blind transfer both ways (RFC 3515 REFER, RFC 3892 Referred-By, RFC 3420 sipfrag). A browser's {@code transfer} of
 * a SIP call is a REFER ({@link OutgoingTransfer}); a REFER from SIP reaches the browser as {@code transfer}, and the
 * browser's next call to that address goes out as the referred call ({@link Referral}). What the bridge and the
 * request dispatch call; bridge thread only.
 */
public final class Transfers {

    private static final Logger log = LoggerFactory.getLogger(Transfers.class);

    public static final Setting<Duration> TIMEOUT = Setting.duration("sip.transfer-timeout", Duration.ofSeconds(60),
            "how long a transfer may take: a REFER the gateway sent waits this long for the NOTIFY with the new call's"
                    + " final status (then the browser's transfer fails), a REFER from SIP this long for the browser's call"
                    + " to the target (then the referrer is told 603)");
    public static final List<Setting<?>> SETTINGS = List.of(TIMEOUT);
    /** Beyond this a transfer is stuck, not slow; an INVITE transaction gives up after 3 minutes. */
    private static final Duration LONGEST = Duration.ofMinutes(10);

    private final CallContext context;
    private final Duration timeout;
    private final Map<SipCall, OutgoingTransfer> outgoing = new HashMap<>();
    /** Referrals the browser has not acted on, by user and target; at most one per referring call. */
    private final Map<String, Referral> waiting = new HashMap<>();

    public Transfers(CallContext context, Duration timeout) {
        this.context = context;
        this.timeout = timeout;
    }

    /** {@code sip.transfer-timeout}, checked. */
    public static Duration timeout(Settings settings) {
        Duration timeout = settings.get(TIMEOUT);
        if (timeout.isZero() || timeout.isNegative() || timeout.compareTo(LONGEST) > 0) {
            throw new ConfigException(TIMEOUT.key() + " must be above 0 and at most " + LONGEST.toMinutes() + "m, got " + timeout);
        }
        return timeout;
    }

    // ------------------------------------------------------------------ browser -> SIP

    /**
     * {@code user} asked to transfer its call {@code callId} with {@code peer} to {@code target} (a SIP URI after the
     * dial plan). The outcome reaches the user as a {@link Signal.TransferResult}, or as the call's end.
     */
    public void refer(Address.Local user, String callId, Address.External peer, String target) {
        SipCall call = context.calls().get(user.name(), callId);
        if (call == null || call.isEnded()) {
            result(user, peer, callId, RouteResult.rejected(ErrorCode.UNKNOWN_CALL, "the SIP call '" + callId + "' is over"));
            return;
        }
        if (!call.isEstablished() || call.dialog() == null) {
            result(user, peer, callId, RouteResult.rejected(ErrorCode.BAD_MESSAGE,
                    "call '" + callId + "' is not answered yet: only an answered call can be transferred"));
            return;
        }
        if (outgoing.containsKey(call)) {
            result(user, peer, callId, RouteResult.rejected(ErrorCode.BAD_MESSAGE, "a transfer of call '" + callId + "' is under way already"));
            return;
        }
        OutgoingTransfer transfer = new OutgoingTransfer(context.endpoint(), context.gateway(), call, target, timeout,
                () -> outgoing.remove(call));
        outgoing.put(call, transfer);
        transfer.start(context.executor());
    }

    private void result(Address.Local user, Address.External peer, String callId, RouteResult result) {
        context.gateway().deliver(user, new Signal.TransferResult(peer, callId, result));
    }

    /** A NOTIFY of the {@code refer} event package in the dialog of {@code call} (null: no call has that dialog). */
    public void onNotify(SipCall call, RequestEvent event, ServerTransaction transaction) {
        OutgoingTransfer transfer = call == null ? null : outgoing.get(call);
        if (transfer == null) {
            // RFC 6665 4.1.3: no such subscription
            context.endpoint().respond(transaction, event.getRequest(), 481, null);
            return;
        }
        transfer.onNotify(transaction, event.getRequest());
    }

    // ------------------------------------------------------------------ SIP -> browser

    /** A REFER outside any dialog: not followed (it would let anyone make the browser call anywhere). */
    public void onOutOfDialogRefer(ServerTransaction transaction, Request refer) {
        respond(transaction, refer, 403, "REFER outside a call not accepted");
    }

    /** A REFER in the dialog of {@code call}: the browser is asked to call its target, the referrer told how it went. */
    public void onRefer(SipCall call, RequestEvent event, ServerTransaction transaction) {
        Request refer = event.getRequest();
        if (!call.isEstablished() || call.dialog() == null) {
            respond(transaction, refer, 403, "call not established");
            return;
        }
        if (waiting.values().stream().anyMatch(referral -> referral.referring() == call)) {
            respond(transaction, refer, 491, "a transfer from this call is pending");
            return;
        }
        ReferTarget target = ReferTarget.of(refer);
        if (target instanceof ReferTarget.Refused refused) {
            log.info("{}: REFER refused with {}: {}", call, refused.status(), refused.reason());
            respond(transaction, refer, refused.status(), refused.reason());
            return;
        }
        Address.External to = ((ReferTarget.Found) target).address();
        Header referredBy = referredBy(refer, call);
        RouteResult told = context.gateway().deliver(call.user(), new Signal.Transfer(call.peer(), call.callId(), to));
        if (!told.isAccepted()) {
            log.info("{}: REFER to {} not delivered: {}", call, to, told);
            respond(transaction, refer, 603, "transfer not taken");
            return;
        }
        try {
            Referral.accepted(call.dialog());
        } catch (SipException e) {
            log.debug("{}: the dialog cannot outlive its BYE; NOTIFYs stop with it", call, e);
        }
        try {
            transaction.sendResponse(withContact(context.endpoint().messages().createResponse(Response.ACCEPTED, refer), call));
        } catch (ParseException | SipException | InvalidArgumentException e) {
            log.debug("{}: cannot send 202", call, e);
        }
        long cseq = ((CSeqHeader) refer.getHeader(CSeqHeader.NAME)).getSeqNumber();
        ReferNotifier notifier = new ReferNotifier(context.endpoint(), call.dialog(), cseq);
        notifier.progress(100, (int) timeout.toSeconds());
        Referral referral = new Referral(call.user(), to, referredBy, call, notifier);
        String key = key(call.user(), to);
        Referral replaced = waiting.put(key, referral);
        if (replaced != null) {
            replaced.expired(); // the same user asked to call the same address again: the newer REFER is the one followed
        }
        referral.waitFor(context.executor().schedule(referral::expired, timeout.toMillis(), TimeUnit.MILLISECONDS),
                () -> waiting.remove(key, referral));
        log.info("{}: REFER to {} delivered to {}", call, to, call.user());
    }

    /**
     * {@code call} is a new call of {@code user} to {@code to}, about to start: if a REFER asked for it, it carries
     * the Referred-By and reports its final status to the referrer.
     */
    public void onNewCall(Address.Local user, Address.External to, OutgoingCall call) {
        Referral referral = waiting.get(key(user, to));
        if (referral == null || !referral.isWaiting()) {
            return;
        }
        referral.claimed();
        call.referred(referral.referredBy, referral::finalStatus);
    }

    /** The REFER's Referred-By (its address only), else the referrer's From: what the referred INVITE carries. */
    private Header referredBy(Request refer, SipCall call) {
        Optional<Address.External> by = Optional.empty();
        if (refer.getHeader(ReferredByHeader.NAME) instanceof ReferredByHeader header) {
            by = ReferTarget.addressOf(header.getAddress().getURI());
        }
        if (by.isEmpty()) {
            URI from = ((FromHeader) refer.getHeader(FromHeader.NAME)).getAddress().getURI();
            by = ReferTarget.addressOf(from);
        }
        String value = by.map(Address.External::uri).orElse(call.peer().uri());
        try {
            return context.endpoint().headers().createHeader(ReferredByHeader.NAME, "<" + value + ">");
        } catch (ParseException e) {
            throw new IllegalStateException("cannot build Referred-By for " + value, e);
        }
    }

    private Response withContact(Response response, SipCall call) {
        response.addHeader(context.endpoint().contact(call.account()));
        return response;
    }

    private void respond(ServerTransaction transaction, Request request, int status, String reason) {
        try {
            Response response = context.endpoint().messages().createResponse(status, request);
            response.setReasonPhrase(reason);
            transaction.sendResponse(response);
        } catch (ParseException | SipException | InvalidArgumentException e) {
            log.debug("cannot send {} to {}", status, request.getMethod(), e);
        }
    }

    private static String key(Address.Local user, Address.External to) {
        return user.name() + "\n" + to.uri();
    }
}
