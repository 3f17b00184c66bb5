package org.webrtcgateway.sip.register;

import java.text.ParseException;
import java.time.Duration;
import java.util.ListIterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.log.RepeatedCondition;
import org.webrtcgateway.sip.SipAccount;
import org.webrtcgateway.sip.SipConfig;
import org.webrtcgateway.sip.stack.ClientHandler;
import org.webrtcgateway.sip.stack.SipEndpoint;

/**
 * Keeps one account registered: REGISTER (answering 401/407 with digest credentials), a refresh at
 * 80 % of the granted lifetime, retries with a doubling back-off while the registrar is unreachable
 * or refuses, and an un-REGISTER at stop. One Call-ID for its whole life, CSeq counting up (RFC 3261
 * 10.2.4). Bridge thread only.
 */
public final class Registration implements ClientHandler {

    private static final Logger log = LoggerFactory.getLogger(Registration.class);

    /** What a test or an operator can see of a registration. */
    public record State(boolean registered, int lastStatus, int attempts, boolean challenged, int expires) {
    }

    private final SipAccount account;
    private final SipEndpoint endpoint;
    private final SipConfig config;
    private final ScheduledExecutorService executor;
    private final Runnable onRegistered;
    private String callId;
    private long cseq;
    private Duration backoff;
    private ScheduledFuture<?> next;
    private boolean stopping;
    private CompletableFuture<Void> unregistered;
    private volatile State state = new State(false, 0, 0, false, 0);
    /** A registrar that is down or refuses: retried every few seconds, so one line a minute, not one per attempt. */
    private final RepeatedCondition notRegistered;

    /** @param onRegistered run after each successful REGISTER (not the un-REGISTER) */
    public Registration(SipAccount account, SipEndpoint endpoint, SipConfig config, ScheduledExecutorService executor,
                        Runnable onRegistered) {
        this.onRegistered = onRegistered;
        this.account = account;
        this.endpoint = endpoint;
        this.config = config;
        this.executor = executor;
        this.backoff = config.registerRetryMin();
        this.notRegistered = RepeatedCondition.warn(log, account.aor() + " not registered at " + account.proxy());
    }

    public State state() {
        return state;
    }

    public SipAccount account() {
        return account;
    }

    public void start() {
        send(config.registerExpires());
    }

    /**
     * REGISTERs again now rather than at the next refresh: the registrar was away (no answer to OPTIONS) and may
     * have restarted without the bindings it had. Nothing while stopping.
     */
    public void refreshNow() {
        if (stopping) {
            return;
        }
        if (next != null) {
            next.cancel(false);
        }
        send(config.registerExpires());
    }

    /** Sends REGISTER with Expires 0 (when registered) and completes when the registrar answered or gave up. */
    public CompletableFuture<Void> stop() {
        stopping = true;
        if (next != null) {
            next.cancel(false);
        }
        unregistered = new CompletableFuture<>();
        if (!state.registered()) {
            unregistered.complete(null);
        } else {
            send(0);
        }
        return unregistered;
    }

    private void send(int expires) {
        Request request = endpoint.newRequest(Request.REGISTER, account, "sip:" + account.proxy(), account.aor());
        try {
            if (callId == null) {
                callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
            } else {
                ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).setCallId(callId);
            }
            ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).setSeqNumber(++cseq);
            request.setHeader(endpoint.headers().createExpiresHeader(expires));
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalStateException("cannot build REGISTER for " + account, e);
        }
        State s = state;
        state = new State(s.registered(), s.lastStatus(), s.attempts() + 1, s.challenged(), s.expires());
        endpoint.send(request, this);
    }

    @Override
    public void onResponse(ResponseEvent event) {
        Response response = event.getResponse();
        int status = response.getStatusCode();
        cseq = Math.max(cseq, ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber());
        if (status < 200) {
            return;
        }
        if (status == 401 || status == 407) {
            State s = state;
            state = new State(s.registered(), status, s.attempts(), true, s.expires());
            if (endpoint.retryWithCredentials(event)) {
                cseq++;
                return;
            }
            failed(status, "credentials refused (" + status + ")");
            return;
        }
        if (status >= 300) {
            failed(status, "refused with " + status);
            return;
        }
        if (stopping) {
            state = new State(false, status, state.attempts(), state.challenged(), 0);
            log.info("{} unregistered", account.aor());
            unregistered.complete(null);
            return;
        }
        int granted = grantedExpires(response);
        state = new State(true, status, state.attempts(), state.challenged(), granted);
        backoff = config.registerRetryMin();
        long refreshMs = Math.max(1000L, granted * 800L);
        next = executor.schedule(() -> send(config.registerExpires()), refreshMs, TimeUnit.MILLISECONDS);
        log.info("{} registered at {} for {}s", account.aor(), account.proxy(), granted);
        notRegistered.clear();
        onRegistered.run();
    }

    @Override
    public void onFailure(String reason) {
        failed(0, reason);
    }

    private void failed(int status, String reason) {
        state = new State(false, status, state.attempts(), state.challenged(), 0);
        if (stopping) {
            if (unregistered != null) {
                unregistered.complete(null);
            }
            return;
        }
        Duration wait = backoff;
        backoff = backoff.multipliedBy(2).compareTo(config.registerRetryMax()) > 0 ? config.registerRetryMax() : backoff.multipliedBy(2);
        notRegistered.occurred(reason + "; next attempt in " + wait.toSeconds() + " s");
        next = executor.schedule(() -> send(config.registerExpires()), wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The lifetime the registrar granted our Contact (its expires parameter, else the Expires header). */
    private int grantedExpires(Response response) {
        for (ListIterator<?> it = response.getHeaders(ContactHeader.NAME); it.hasNext(); ) {
            ContactHeader contact = (ContactHeader) it.next();
            if (contact.getAddress().getURI() instanceof SipURI uri && account.sipUser().equals(uri.getUser())
                    && config.port() == (uri.getPort() > 0 ? uri.getPort() : 5060) && contact.getExpires() > 0) {
                return contact.getExpires();
            }
        }
        ExpiresHeader expires = (ExpiresHeader) response.getHeader(ExpiresHeader.NAME);
        return expires != null && expires.getExpires() > 0 ? expires.getExpires() : config.registerExpires();
    }
}
