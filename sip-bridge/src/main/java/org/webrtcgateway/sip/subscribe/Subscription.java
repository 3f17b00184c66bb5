package org.webrtcgateway.sip.subscribe;

import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogState;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.EventHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.sip.SipAccount;
import org.webrtcgateway.sip.call.SipCall;
import org.webrtcgateway.sip.stack.ClientHandler;
import org.webrtcgateway.sip.stack.SipEndpoint;

/**
 * One subscription the gateway holds at a notifier (RFC 6665, subscriber side), from one account to one
 * resource: SUBSCRIBE (digest challenges answered), the next event package on 489/415/501 (dialog, then
 * presence), each NOTIFY's body to its {@link Owner} (400 when it does not parse), a refresh in the dialog at
 * {@value #REFRESH_PERCENT} % of the lifetime granted, a new subscription when the notifier lost this one (481,
 * or terminated with deactivated or timeout; immediately the first time, then with a doubling back-off), and
 * {@code Expires: 0} at {@link #stop}. Bridge thread only.
 */
final class Subscription {

    private static final Logger log = LoggerFactory.getLogger(Subscription.class);

    /** Where the subscription's news goes. */
    interface Owner {
        /** A NOTIFY's body, in {@code eventPackage}'s format. */
        void onBody(EventPackage eventPackage, String body) throws MalformedBody;

        /** The notifier cannot be reached, or refused; {@code retrying}: another SUBSCRIBE follows later. */
        void onUnavailable(String why, boolean retrying);
    }

    static final int REFRESH_PERCENT = 85;
    static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    static final Duration LAST_RETRY = Duration.ofMinutes(5);
    /** How long an ended subscription waits for the notifier's final NOTIFY (Timer F: a NOTIFY sent just then still arrives). */
    static final Duration LINGER = Duration.ofSeconds(32);
    /** Refusals a new SUBSCRIBE would get again: the subscription ends; others (404, 408, 480, 5xx) are tried again. */
    private static final Set<Integer> FOR_GOOD = Set.of(400, 403, 405, 406, 410, 415, 416, 420, 484, 489, 501, 603, 604, 606);
    /** What a notifier that does not know the event package answers (RFC 6665 8.3.1; 415/501 from older ones). */
    private static final Set<Integer> NO_SUCH_PACKAGE = Set.of(415, 489, 501);

    private enum Kind { INITIAL, REFRESH, UNSUBSCRIBE }

    private final SipEndpoint endpoint;
    private final ScheduledExecutorService executor;
    private final SubscriptionTable table;
    private final SipAccount account;
    private final String target;
    private final List<EventPackage> packages;
    private final int expires;
    private final Owner owner;

    private int packageIndex;
    private String callId;
    private String localTag;
    private Dialog dialog;
    private boolean established;
    private boolean ending;
    private boolean over;
    private boolean malformedLogged;
    private Duration backoff = Duration.ZERO;
    private ScheduledFuture<?> timer;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    /**
     * @param target   the resource: Request-URI and To of the SUBSCRIBE
     * @param packages the event packages to try, in order
     * @param expires  the lifetime to ask for, in seconds
     */
    Subscription(SipEndpoint endpoint, ScheduledExecutorService executor, SubscriptionTable table, SipAccount account,
                 String target, List<EventPackage> packages, int expires, Owner owner) {
        this.endpoint = endpoint;
        this.executor = executor;
        this.table = table;
        this.account = account;
        this.target = target;
        this.packages = List.copyOf(packages);
        this.expires = expires;
        this.owner = owner;
    }

    void start() {
        subscribe();
    }

    EventPackage eventPackage() {
        return packages.get(packageIndex);
    }

    /** Whether the notifier granted it and it is not being ended. */
    boolean isActive() {
        return established && !ending && !over;
    }

    /**
     * Ends the subscription: SUBSCRIBE with Expires 0 in its dialog, or nothing when it has none (a SUBSCRIBE still
     * unanswered gets its un-SUBSCRIBE once granted). Completes when the notifier answered or gave up.
     */
    CompletableFuture<Void> stop() {
        if (ending || over) {
            return ended;
        }
        ending = true;
        cancelTimer();
        if (established && dialog != null && dialog.getState() == DialogState.CONFIRMED) {
            sendInDialog(Kind.UNSUBSCRIBE, 0);
        } else if (established || callId == null) {
            finish(); // between attempts, or a dialog the stack no longer has: nothing at the notifier to end
        } else {
            // The first SUBSCRIBE is on its way: its grant, if it comes, gets the un-SUBSCRIBE. A notifier that
            // does not answer (a phone gone) must not hold the bridge's stop for 32 s: nothing to wait for here.
            ended.complete(null);
        }
        return ended;
    }

    // ------------------------------------------------------------------ requests

    private void subscribe() {
        timer = null;
        Request request = endpoint.newRequest(Request.SUBSCRIBE, account, target, target);
        addHeaders(request, expires);
        callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        localTag = ((FromHeader) request.getHeader(FromHeader.NAME)).getTag();
        established = false;
        table.put(callId, this);
        ClientTransaction sent = endpoint.send(request, new Sent(Kind.INITIAL, callId));
        if (sent != null && dialog == null) {
            dialog = sent.getDialog(); // a NOTIFY may come before the 200 (RFC 6665 4.1.2.4): this dialog takes it
        }
    }

    private void sendInDialog(Kind kind, int lifetime) {
        try {
            Request request = endpoint.inDialog(dialog, Request.SUBSCRIBE);
            addHeaders(request, lifetime);
            endpoint.sendInDialog(dialog, request, new Sent(kind, callId));
        } catch (SipException e) {
            onFailure(kind, callId, "cannot SUBSCRIBE in the dialog: " + SipEndpoint.rootMessage(e));
        }
    }

    private void addHeaders(Request request, int lifetime) {
        EventPackage p = eventPackage();
        try {
            request.setHeader(endpoint.headers().createEventHeader(p.eventName));
            request.setHeader(endpoint.headers().createAcceptHeader(p.type, p.subtype));
            request.setHeader(endpoint.headers().createExpiresHeader(lifetime));
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalStateException("cannot build SUBSCRIBE headers for " + p, e);
        }
    }

    // ------------------------------------------------------------------ responses

    private void onResponse(Kind kind, String forCallId, ResponseEvent event) {
        Response response = event.getResponse();
        int status = response.getStatusCode();
        if (status < 200) {
            return;
        }
        if ((status == 401 || status == 407) && endpoint.retryWithCredentials(event)) {
            return;
        }
        if (kind == Kind.UNSUBSCRIBE) {
            // The notifier's final NOTIFY (terminated) may still come; it is answered until then.
            ended.complete(null);
            lingerThenFinish();
            return;
        }
        if (!forCallId.equals(callId) || over) {
            return; // an answer for a subscription already replaced
        }
        if (status < 300) {
            granted(kind, event);
            return;
        }
        String why = eventPackage().eventName + " subscription to " + target + " refused with " + status;
        if (kind == Kind.INITIAL && NO_SUCH_PACKAGE.contains(status) && packageIndex + 1 < packages.size()) {
            log.debug("{}; trying {}", why, packages.get(packageIndex + 1).eventName);
            packageIndex++;
            forgetDialog();
            if (ending) {
                finish();
            } else {
                subscribe();
            }
            return;
        }
        if (ending) {
            finish();
        } else if (kind == Kind.INITIAL && FOR_GOOD.contains(status)) {
            refusedForGood(why);
        } else {
            // 481 to a refresh: the notifier forgot it; anything else: try again from the start
            again(why);
        }
    }

    private void onFailure(Kind kind, String forCallId, String reason) {
        if (kind == Kind.UNSUBSCRIBE) {
            ended.complete(null);
            finish();
            return;
        }
        if (!forCallId.equals(callId) || over) {
            return;
        }
        if (ending) {
            finish();
        } else {
            again(eventPackage().eventName + " subscription to " + target + ": " + reason);
        }
    }

    private void granted(Kind kind, ResponseEvent event) {
        if (event.getDialog() != null) {
            dialog = event.getDialog();
        }
        established = true;
        if (ending) {
            if (kind == Kind.INITIAL) {
                sendInDialog(Kind.UNSUBSCRIBE, 0); // let go of while the SUBSCRIBE was on its way
            }
            return; // a refresh answered after the un-SUBSCRIBE went
        }
        ExpiresHeader header = (ExpiresHeader) event.getResponse().getHeader(ExpiresHeader.NAME);
        int lifetime = header != null ? header.getExpires() : expires;
        if (lifetime <= 0) {
            again("the notifier granted " + target + " no time");
            return;
        }
        backoff = Duration.ZERO;
        log.debug("{} subscription to {} granted for {} s ({})", eventPackage().eventName, target, lifetime, kind);
        refreshIn(lifetime);
    }

    // ------------------------------------------------------------------ NOTIFY

    /** A NOTIFY in this subscription's dialog (the caller matched its Call-ID and tag). */
    void onNotify(RequestEvent event, ServerTransaction transaction) {
        Request request = event.getRequest();
        EventHeader eventHeader = (EventHeader) request.getHeader(EventHeader.NAME);
        if (EventPackage.named(eventHeader.getEventType()).orElse(null) != eventPackage()) {
            endpoint.respond(transaction, request, Response.BAD_EVENT, null);
            return;
        }
        SubscriptionStateHeader state = (SubscriptionStateHeader) request.getHeader(SubscriptionStateHeader.NAME);
        if (state == null) {
            endpoint.respond(transaction, request, Response.BAD_REQUEST, null); // RFC 6665 4.1.3: it is required
            return;
        }
        if (dialog == null && event.getDialog() != null) {
            dialog = event.getDialog();
        }
        String body = SipCall.body(request);
        if (body != null && !ending) {
            ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
            EventPackage p = eventPackage();
            if (type == null || !type.getContentType().equalsIgnoreCase(p.type) || !type.getContentSubType().equalsIgnoreCase(p.subtype)) {
                endpoint.respond(transaction, request, Response.UNSUPPORTED_MEDIA_TYPE, null);
                return;
            }
            try {
                owner.onBody(p, body);
            } catch (MalformedBody e) {
                malformed(e);
                endpoint.respond(transaction, request, Response.BAD_REQUEST, null);
                return;
            }
        }
        endpoint.respond(transaction, request, Response.OK, null);
        String subscriptionState = state.getState() == null ? "" : state.getState().toLowerCase(Locale.ROOT);
        if (subscriptionState.equals(SubscriptionStateHeader.TERMINATED.toLowerCase(Locale.ROOT))) {
            terminated(state);
        } else if (established && !ending && state.getExpires() > 0) {
            refreshIn(state.getExpires()); // what the notifier says is left (RFC 6665 4.1.2.1)
        }
    }

    private void terminated(SubscriptionStateHeader state) {
        if (ending) {
            finish();
            return;
        }
        String reason = state.getReasonCode() == null ? "" : state.getReasonCode().toLowerCase(Locale.ROOT);
        String why = eventPackage().eventName + " subscription to " + target + " terminated"
                + (reason.isEmpty() ? "" : " (" + reason + ")");
        switch (reason) {
            case "rejected", "noresource", "invariant" -> refusedForGood(why);
            case "probation", "giveup" -> {
                // RFC 6665 4.1.3: try again after retry-after if given
                forgetDialog();
                int retryAfter = state.getRetryAfter();
                Duration wait = retryAfter > 0 ? Duration.ofSeconds(retryAfter) : nextBackoff();
                owner.onUnavailable(why, true);
                schedule(this::subscribe, wait);
            }
            // deactivated, timeout, or no reason: subscribe again at once (RFC 6665 4.1.3)
            default -> again(why);
        }
    }

    private void malformed(MalformedBody e) {
        if (!malformedLogged) {
            malformedLogged = true;
            log.info("{} NOTIFY for {} refused (400), nothing delivered: {}", eventPackage().eventName, target, e.getMessage());
        } else {
            log.debug("{} NOTIFY for {} refused again: {}", eventPackage().eventName, target, e.getMessage());
        }
    }

    // ------------------------------------------------------------------ timers and ends

    private void refreshIn(int lifetimeSeconds) {
        cancelTimer();
        long ms = Math.max(500L, lifetimeSeconds * 10L * REFRESH_PERCENT);
        timer = executor.schedule(() -> {
            timer = null;
            if (dialog != null && dialog.getState() == DialogState.CONFIRMED) {
                sendInDialog(Kind.REFRESH, expires);
            } else {
                again("the dialog of " + target + "'s subscription is gone");
            }
        }, ms, TimeUnit.MILLISECONDS);
    }

    /** Starts over with a new SUBSCRIBE: at once the first time after a working subscription, then backing off. */
    private void again(String why) {
        forgetDialog();
        Duration wait = nextBackoff();
        log.debug("{}; subscribing again in {} ms", why, wait.toMillis());
        owner.onUnavailable(why, true);
        schedule(this::subscribe, wait);
    }

    private Duration nextBackoff() {
        Duration wait = backoff;
        backoff = backoff.isZero() ? FIRST_RETRY : backoff.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : backoff.multipliedBy(2);
        return wait;
    }

    private void refusedForGood(String why) {
        log.info("{}; not trying again", why);
        finish();
        owner.onUnavailable(why, false);
    }

    private void schedule(Runnable task, Duration wait) {
        cancelTimer();
        timer = executor.schedule(task, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void lingerThenFinish() {
        schedule(this::finish, LINGER);
    }

    /** Forgets the current dialog (the next SUBSCRIBE starts a new one) and frees the stack's copy of it. */
    private void forgetDialog() {
        cancelTimer();
        if (callId != null) {
            table.remove(callId, this);
            callId = null;
        }
        if (dialog != null) {
            dialog.delete();
            dialog = null;
        }
        established = false;
    }

    private void finish() {
        over = true;
        forgetDialog();
        ended.complete(null);
    }

    /** Whether a NOTIFY with this To tag belongs to this subscription's current dialog. */
    boolean isOurTag(String toTag) {
        return localTag != null && localTag.equals(toTag);
    }

    @Override
    public String toString() {
        return "Subscription[" + eventPackage().eventName + " " + account.aor() + " -> " + target + "]";
    }

    /** The handler of one request sent: it knows what it was and for which dialog. */
    private final class Sent implements ClientHandler {
        private final Kind kind;
        private final String forCallId;

        Sent(Kind kind, String forCallId) {
            this.kind = kind;
            this.forCallId = forCallId;
        }

        @Override
        public void onResponse(ResponseEvent event) {
            Subscription.this.onResponse(kind, forCallId, event);
        }

        @Override
        public void onFailure(String reason) {
            Subscription.this.onFailure(kind, forCallId, reason);
        }
    }
}
