package org.webrtcgateway.sip;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.Bridge;
import org.webrtcgateway.core.api.BridgeContext;
import org.webrtcgateway.core.api.BridgeThread;
import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.core.config.Settings;
import org.webrtcgateway.sip.call.CallContext;
import org.webrtcgateway.sip.call.IncomingCall;
import org.webrtcgateway.sip.call.IncomingCalls;
import org.webrtcgateway.sip.call.OutgoingCall;
import org.webrtcgateway.sip.call.SipCall;
import org.webrtcgateway.sip.call.SipReasons;
import org.webrtcgateway.sip.call.SipCalls;
import org.webrtcgateway.sip.message.SipMessages;
import org.webrtcgateway.sip.register.Registration;
import org.webrtcgateway.sip.routing.Recipient;
import org.webrtcgateway.sip.stack.SipDispatcher;
import org.webrtcgateway.sip.stack.SipEndpoint;

/**
 * The SIP bridge: owns {@code sip:}, {@code sips:} and {@code tel:}. It only routes: signals from
 * browsers go to the call, registration or message object they belong to, SIP requests go to the
 * handler of their kind. All of it runs on one bridge thread ({@code sip-bridge}), never on the
 * caller's event loop. Off (no stack, no port) unless {@code sip.enabled}.
 */
@Singleton
public final class SipBridge implements Bridge, SipDispatcher.RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(SipBridge.class);
    private static final long STOP_WAIT_MS = 3000;

    private final SipConfig config;
    private final Map<String, String> tlsProperties;
    /** Registrations by gateway user: every account from start, or (sip.register-at: login) while its user is logged in. */
    private final Map<String, Registration> registrations = new ConcurrentHashMap<>();
    /** Accounts that came with a login token's claims, while their user is logged in. */
    private final Map<String, SipAccount> claimedAccounts = new ConcurrentHashMap<>();
    /** Gateway users by the user part of their address of record, for incoming requests. */
    private final Map<String, String> usersBySipUser = new ConcurrentHashMap<>();
    /** Accounts by address of record, for digest credentials: configured ones, then claimed ones. */
    private final Map<String, SipAccount> byAor = new ConcurrentHashMap<>();
    private volatile boolean running;
    private ScheduledExecutorService executor;
    private SipEndpoint endpoint;
    private CallContext calls;
    private IncomingCalls incoming;
    private SipMessages messages;

    @Inject
    public SipBridge(SipConfig config, Settings settings) {
        this.config = config;
        this.tlsProperties = SipConfig.tlsProperties(settings);
    }

    @Override
    public String name() {
        return "sip";
    }

    @Override
    public Set<String> schemes() {
        return Set.of("sip", "sips", "tel");
    }

    @Override
    public void start(BridgeContext gateway) throws Exception {
        if (!config.enabled()) {
            log.info("SIP bridge off (sip.enabled is false): no SIP port opened");
            return;
        }
        executor = BridgeThread.start("sip-bridge");
        SipDispatcher dispatcher = new SipDispatcher(executor);
        config.accounts().values().forEach(a -> byAor.put(a.aor(), a));
        try {
            endpoint = SipEndpoint.start(config, tlsProperties, dispatcher, aor -> credentialsFor(aor, byAor));
        } catch (Exception e) {
            executor.shutdownNow();
            throw e;
        }
        calls = new CallContext(endpoint, gateway, config, executor, new SipCalls(), new org.webrtcgateway.sip.call.TrickleSupport());
        config.accounts().values().forEach(a -> usersBySipUser.putIfAbsent(a.sipUser(), a.user()));
        Recipient recipients = new Recipient(config.incomingRoutes(), usersBySipUser, gateway, config.trunk().isPresent());
        incoming = new IncomingCalls(calls, recipients);
        messages = new SipMessages(calls, recipients);
        dispatcher.setRequestHandler(this);
        if (!config.registerAtLogin()) {
            executor.execute(() -> config.accounts().values().forEach(this::register));
        }
        if (!config.keepAliveInterval().isZero()) {
            long ms = config.keepAliveInterval().toMillis();
            executor.scheduleWithFixedDelay(() -> calls.calls().all().forEach(SipCall::keepAlive), ms, ms, TimeUnit.MILLISECONDS);
        }
        running = true;
    }

    private SipAccount credentialsFor(String aor, Map<String, SipAccount> byAor) {
        SipAccount account = byAor.get(aor);
        if (account != null) {
            return account;
        }
        return config.trunk().filter(t -> aor.endsWith("@" + t.domain())).orElse(null);
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        CompletableFuture<CompletableFuture<Void>> unregistering = new CompletableFuture<>();
        executor.execute(() -> {
            calls.calls().all().forEach(SipCall::shutdown);
            unregistering.complete(CompletableFuture.allOf(
                    registrations.values().stream().map(Registration::stop).toArray(CompletableFuture[]::new)));
        });
        try {
            unregistering.get(STOP_WAIT_MS, TimeUnit.MILLISECONDS).get(STOP_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("SIP bridge: registrations not all removed within {} ms", STOP_WAIT_MS);
        }
        executor.shutdownNow();
        endpoint.stop();
        log.info("SIP bridge stopped");
    }

    // ------------------------------------------------------------------ logins (event loop: no blocking)

    @Override
    public void userOnline(Address.Local user, Map<String, Object> claims) {
        if (!running) {
            return;
        }
        Optional<SipAccount> claimed;
        try {
            claimed = config.accountFromClaims(user.name(), claims);
        } catch (RuntimeException e) {
            // The message quotes the claim: no control characters into the log.
            log.warn("{}'s login token carries a SIP account that is refused: {}", user,
                    String.valueOf(e.getMessage()).replaceAll("\\p{Cntrl}", "?"));
            claimed = Optional.empty();
        }
        Optional<SipAccount> fromClaims = claimed;
        executor.execute(() -> {
            fromClaims.ifPresent(account -> {
                claimedAccounts.put(user.name(), account);
                byAor.put(account.aor(), account);
                usersBySipUser.putIfAbsent(account.sipUser(), user.name());
            });
            if (fromClaims.isPresent() || config.registerAtLogin()) {
                accountOf(user.name()).ifPresent(this::register);
            }
        });
    }

    @Override
    public void userOffline(Address.Local user) {
        if (!running) {
            return;
        }
        executor.execute(() -> {
            SipAccount claimed = claimedAccounts.remove(user.name());
            if (claimed != null || config.registerAtLogin()) {
                Registration registration = registrations.remove(user.name());
                if (registration != null) {
                    registration.stop();
                }
            }
            if (claimed != null) {
                byAor.remove(claimed.aor(), claimed);
                usersBySipUser.remove(claimed.sipUser(), user.name());
            }
        });
    }

    /** REGISTERs an account unless it is already registered or does not register. On the bridge thread. */
    private void register(SipAccount account) {
        if (account.register() && account.user() != null && !registrations.containsKey(account.user())) {
            Registration registration = new Registration(account, endpoint, config, executor);
            registrations.put(account.user(), registration);
            registration.start();
        }
    }

    /** A user's account: from its login token's claims, else configured, else the trunk's. */
    private Optional<SipAccount> accountOf(String user) {
        SipAccount claimed = claimedAccounts.get(user);
        return claimed != null ? Optional.of(claimed) : config.accountOf(user);
    }

    // ------------------------------------------------------------------ from browsers (event loop: no blocking)

    @Override
    public RouteResult send(Address to, Signal signal) {
        if (!running) {
            return RouteResult.rejected(ErrorCode.UNREACHABLE, "SIP is not enabled on this gateway (sip.enabled)");
        }
        if (!(signal.from() instanceof Address.Local user) || !(to instanceof Address.External target)) {
            return RouteResult.rejected(ErrorCode.BAD_MESSAGE, "the SIP bridge carries signals from gateway users to SIP addresses");
        }
        if (signal instanceof Signal.Offer offer) {
            return offer(user, target, offer);
        }
        if (signal instanceof Signal.Text text) {
            return text(user, target, text);
        }
        if (signal instanceof Signal.CallSignal callSignal) {
            executor.execute(() -> onCallSignal(user, callSignal));
            return RouteResult.accepted();
        }
        return RouteResult.rejected(ErrorCode.UNREACHABLE, "presence is not bridged to SIP");
    }

    private RouteResult offer(Address.Local user, Address.External to, Signal.Offer offer) {
        return route(user, to, (account, target) -> {
            SipCall existing = calls.calls().get(user.name(), offer.call());
            if (existing != null) {
                existing.onBrowserOffer(offer.sdp());
            } else if (calls.gateway().overloaded()) {
                log.debug("{}: new call to {} refused, the gateway is overloaded", user, to);
                calls.gateway().deliver(user, new Signal.Bye(to, offer.call(), SipReasons.OVERLOADED));
            } else {
                OutgoingCall call = new OutgoingCall(calls, user, offer.call(), to, account, target, offer.sdp());
                calls.calls().add(call);
                call.start();
            }
        });
    }

    private RouteResult text(Address.Local user, Address.External to, Signal.Text text) {
        return route(user, to, (account, target) -> messages.send(account, target, text.data()));
    }

    /**
     * Finds the caller's account and the dial plan's SIP URI for {@code to}, then runs {@code action}
     * with them on the bridge thread; refused at once when either is missing.
     */
    private RouteResult route(Address.Local user, Address.External to, java.util.function.BiConsumer<SipAccount, String> action) {
        Optional<SipAccount> account = accountOf(user.name());
        if (account.isEmpty()) {
            return RouteResult.rejected(ErrorCode.FORBIDDEN, user + " has no SIP account (sip.account." + user + ".aor)");
        }
        Optional<String> target = config.dialPlan().resolve(to, account.get().domain());
        if (target.isEmpty()) {
            return RouteResult.rejected(ErrorCode.UNREACHABLE, "the dial plan has no route for " + to);
        }
        executor.execute(() -> action.accept(account.get(), target.get()));
        return RouteResult.accepted();
    }

    private void onCallSignal(Address.Local user, Signal.CallSignal signal) {
        SipCall call = calls.calls().get(user.name(), signal.call());
        log.debug("{} from {} for {}", signal.getClass().getSimpleName(), user, call);
        if (call == null) {
            log.debug("{} for unknown call {} of {}; ignored", signal.getClass().getSimpleName(), signal.call(), user);
            return;
        }
        if (signal instanceof Signal.Answer answer) {
            call.onBrowserAnswer(answer.sdp());
        } else if (signal instanceof Signal.Candidate candidate) {
            call.onBrowserCandidate(candidate.candidate());
        } else if (signal instanceof Signal.Ringing) {
            call.onBrowserRinging();
        } else if (signal instanceof Signal.Bye bye) {
            call.onBrowserBye(bye.reason());
        } else if (signal instanceof Signal.Dtmf dtmf) {
            call.onBrowserDtmf(dtmf.tones(), dtmf.duration());
        } else if (signal instanceof Signal.Offer offer) {
            call.onBrowserOffer(offer.sdp());
        }
    }

    // ------------------------------------------------------------------ from SIP (bridge thread)

    @Override
    public void onRequest(RequestEvent event) {
        Request request = event.getRequest();
        String method = request.getMethod();
        if (method.equals(Request.ACK)) {
            SipCall call = bySipCallId(request);
            if (call != null) {
                call.onAck(event);
            }
            return;
        }
        ServerTransaction transaction;
        try {
            transaction = endpoint.serverTransaction(event);
        } catch (TransactionAlreadyExistsException e) {
            return; // a retransmission the stack will absorb
        } catch (SipException e) {
            log.debug("cannot take {}", method, e);
            endpoint.respondStateless(request, 500);
            return;
        }
        boolean inDialog = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null;
        switch (method) {
            case Request.CANCEL -> {
                endpoint.respond(transaction, request, 200, null);
                if (bySipCallId(request) instanceof IncomingCall call) {
                    call.onCancel();
                }
            }
            case Request.MESSAGE -> messages.onMessage(event, transaction);
            case Request.INVITE -> {
                if (inDialog) {
                    inDialog(event, transaction);
                } else {
                    incoming.onInvite(event, transaction);
                }
            }
            case Request.OPTIONS -> {
                if (inDialog) {
                    inDialog(event, transaction);
                } else {
                    endpoint.respond(transaction, request, 200, null);
                }
            }
            case Request.BYE, Request.INFO, Request.UPDATE -> inDialog(event, transaction);
            default -> endpoint.respond(transaction, request, 405, null);
        }
    }

    private void inDialog(RequestEvent event, ServerTransaction transaction) {
        SipCall call = bySipCallId(event.getRequest());
        if (call == null) {
            endpoint.respond(transaction, event.getRequest(), 481, null);
            return;
        }
        call.onSipRequest(event, transaction);
    }

    @Override
    public void onStray2xx(ResponseEvent event) {
        // A 200 OK retransmitted because our ACK was lost: ACK it again (RFC 3261 13.2.2.4).
        Dialog dialog = event.getDialog();
        CSeqHeader cseq = (CSeqHeader) event.getResponse().getHeader(CSeqHeader.NAME);
        if (dialog == null || !Request.INVITE.equals(cseq.getMethod())) {
            return;
        }
        try {
            dialog.sendAck(dialog.createAck(cseq.getSeqNumber()));
        } catch (SipException | InvalidArgumentException e) {
            log.debug("cannot ACK a retransmitted 200", e);
        }
    }

    private SipCall bySipCallId(Request request) {
        return calls.calls().find(request);
    }

    // ------------------------------------------------------------------ for operators and tests

    /** The registration state of a gateway user's account, if the bridge registers it. */
    public Optional<Registration.State> registration(String user) {
        return Optional.ofNullable(registrations.get(user)).map(Registration::state);
    }

    /** How many calls the bridge is carrying (asks the bridge thread). */
    public int activeCalls() {
        if (!running) {
            return 0;
        }
        CompletableFuture<Integer> count = new CompletableFuture<>();
        executor.execute(() -> count.complete(calls.calls().size()));
        try {
            return count.get(STOP_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the SIP bridge thread did not answer", e);
        }
    }
}
