package org.webrtcgateway.sip;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.Bridge;
import org.webrtcgateway.core.api.BridgeContext;
import org.webrtcgateway.core.api.BridgeHealth;
import org.webrtcgateway.core.api.BridgeLeg;
import org.webrtcgateway.core.api.BridgeThread;
import org.webrtcgateway.core.api.CallCorrelation;
import org.webrtcgateway.core.api.Deadline;
import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.core.api.TextChecks;
import org.webrtcgateway.core.config.Settings;
import org.webrtcgateway.core.log.RepeatedCondition;
import org.webrtcgateway.sip.call.CallContext;
import org.webrtcgateway.sip.call.Farewells;
import org.webrtcgateway.sip.call.IncomingCalls;
import org.webrtcgateway.sip.call.OutgoingCall;
import org.webrtcgateway.sip.call.SipCall;
import org.webrtcgateway.sip.call.SipReasons;
import org.webrtcgateway.sip.call.SipCalls;
import org.webrtcgateway.sip.media.CallMedia;
import org.webrtcgateway.sip.media.MediaConfig;
import org.webrtcgateway.sip.media.MediaMeters;
import org.webrtcgateway.sip.media.MediaRelays;
import org.webrtcgateway.sip.message.SipMessages;
import org.webrtcgateway.sip.register.Accounts;
import org.webrtcgateway.sip.register.ProxyProbe;
import org.webrtcgateway.sip.register.Registration;
import org.webrtcgateway.sip.register.Registrations;
import org.webrtcgateway.sip.routing.Recipient;
import org.webrtcgateway.sip.stack.CallIdCorrelations;
import org.webrtcgateway.sip.edge.RefusalLog;
import org.webrtcgateway.sip.edge.SourceGate;
import org.webrtcgateway.sip.edge.SourceRateLimit;
import org.webrtcgateway.core.net.AddressRanges;
import org.webrtcgateway.sip.edge.Verdict;
import org.webrtcgateway.sip.stack.SipDispatcher;
import org.webrtcgateway.sip.stack.SipEndpoint;
import org.webrtcgateway.sip.subscribe.SipSubscriptions;
import org.webrtcgateway.sip.subscribe.SubscribeConfig;
import org.webrtcgateway.sip.transfer.Transfers;

/**
 * The SIP bridge: owns {@code sip:}, {@code sips:} and {@code tel:}. It only routes: signals from
 * browsers go to the call or message object they belong to, logins and logouts to
 * {@link Registrations}; requests from SIP go to {@link IncomingRequests}, and who has which
 * account is {@link Accounts}'. All of it runs on one bridge thread ({@code sip-bridge}), never on
 * the caller's event loop. Off (no stack, no port) unless {@code sip.enabled}.
 */
@Singleton
public final class SipBridge implements Bridge {

    private static final Logger log = LoggerFactory.getLogger(SipBridge.class);
    /** What JAIN-SIP's stop takes: it sleeps this long (SIPTransactionStack.stopStack) after closing its sockets. */
    private static final Duration STACK_STOP = Duration.ofSeconds(1);
    /** How long the goodbyes may take to be handed to the stack when the stop is hurried (they take milliseconds). */
    private static final Duration SENDING = Duration.ofSeconds(1);
    /** How long {@link #activeCalls} waits for the bridge thread. */
    private static final long ASK_WAIT_MS = 3000;

    /** Sources the rate limit follows at once: a few hundred kB, however many addresses a flood comes from. */
    private static final int RATE_TABLE = 10_000;
    /** Sources the journal names one by one (the rest share one line a minute). */
    private static final int LOGGED_SOURCES = 256;

    private final SipConfig config;
    private final SubscribeConfig subscribeConfig;
    private final RefusalLog refusalLog = new RefusalLog(LOGGED_SOURCES, RepeatedCondition.MINUTE, System::nanoTime);
    private final Map<String, String> tlsProperties;
    private final SipMeters meters;
    private volatile boolean running;
    private ScheduledExecutorService executor;
    private SipEndpoint endpoint;
    private Accounts accounts;
    private volatile Registrations registrations;
    private CallContext calls;
    private SipMessages messages;
    private volatile SipSubscriptions subscriptions;
    private Transfers transfers;
    private final java.time.Duration transferTimeout;
    private volatile List<ProxyProbe> probes = List.of();
    /** Media (issue 18): the rtpengine instances relaying plain-RTP calls (none configured: every call passes through). */
    private final MediaConfig mediaConfig;
    private volatile MediaRelays relays;

    @Inject
    public SipBridge(SipConfig config, Settings settings, MeterRegistry meterRegistry) {
        this.config = config;
        this.subscribeConfig = SubscribeConfig.from(settings);
        this.meters = new SipMeters(meterRegistry, () -> registrations);
        this.tlsProperties = SipConfig.tlsProperties(settings);
        this.mediaConfig = MediaConfig.from(settings);
        MediaMeters.register(meterRegistry, () -> relays);
        this.transferTimeout = Transfers.timeout(settings);
    }

    /** The bridge's trusted sources (resolved now, once) and per-source rate limit. */
    private SourceGate edgeGate() {
        List<String> entries = config.trustedSourceEntries();
        AddressRanges trusted = AddressRanges.resolve(entries, (entry, why) ->
                log.warn("SIP trusted source '{}' does not resolve ({}): requests from it will be refused", entry, why));
        if (trusted.isEmpty()) {
            log.warn("SIP: no trusted source (sip.trusted-sources, or the proxies' addresses) resolved: every request will be refused");
        } else {
            log.info("SIP requests accepted from {}", trusted);
        }
        SipConfig.Edge edge = config.edge();
        return new SourceGate(trusted, new SourceRateLimit(edge.requestsPerSecond(), edge.requestBurst(), RATE_TABLE, System::nanoTime),
                edge.silent());
    }

    private void refused(InetAddress source, Verdict verdict, String request) {
        meters.refused(verdict.reason);
        refusalLog.refused(source, verdict, request);
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
    public boolean enabled() {
        return config.enabled();
    }

    @Override
    public void start(BridgeContext gateway) throws Exception {
        if (!config.enabled()) {
            log.debug("SIP bridge off (sip.enabled is false): no SIP port opened");
            return;
        }
        executor = BridgeThread.start("sip-bridge");
        CallIdCorrelations correlations = new CallIdCorrelations();
        SipDispatcher dispatcher = new SipDispatcher(executor, correlations, meters::response, edgeGate(), this::refused);
        accounts = new Accounts(config);
        try {
            endpoint = SipEndpoint.start(config, tlsProperties, dispatcher, accounts::credentialsFor);
        } catch (Exception e) {
            executor.shutdownNow();
            throw e;
        }
        subscriptions = new SipSubscriptions(endpoint, executor, gateway, subscribeConfig, accounts.usersBySipUser()::get);
        registrations = new Registrations(accounts, endpoint, config, executor, subscriptions.messageWaiting()::registered,
                subscriptions.messageWaiting()::unregistered);
        try {
            relays = MediaRelays.start(mediaConfig, executor);
        } catch (java.net.SocketException e) {
            endpoint.stop();
            executor.shutdownNow();
            throw e;
        }
        calls = new CallContext(endpoint, gateway, config, executor, new SipCalls(correlations), new org.webrtcgateway.sip.call.TrickleSupport(),
                new Farewells(), new CallMedia(mediaConfig, config, relays));
        Recipient recipients = new Recipient(config.incomingRoutes(), accounts.usersBySipUser(), gateway, config.trunk().isPresent());
        messages = new SipMessages(calls, recipients);
        transfers = new Transfers(calls, transferTimeout);
        dispatcher.setRequestHandler(new IncomingRequests(endpoint, calls.calls(), new IncomingCalls(calls, recipients, accounts::accountOf), messages,
                subscriptions, transfers));
        if (!config.registerAtLogin()) {
            executor.execute(registrations::registerConfigured);
        }
        if (!config.optionsInterval().isZero()) {
            probes = config.proxiesToProbe().stream().map(proxy -> new ProxyProbe(proxy, endpoint, config, executor,
                    () -> registrations.refreshAt(proxy.proxy()))).toList();
            probes.forEach(probe -> executor.execute(probe::start));
        }
        if (!config.keepAliveInterval().isZero()) {
            long ms = config.keepAliveInterval().toMillis();
            executor.scheduleWithFixedDelay(() -> calls.calls().all().forEach(call -> {
                try (CallCorrelation.Scope scope = CallCorrelation.open(call.correlationId())) {
                    call.keepAlive();
                }
            }), ms, ms, TimeUnit.MILLISECONDS);
        }
        running = true;
    }

    @Override
    public Optional<String> stop(Deadline deadline) {
        if (!running) {
            return Optional.empty();
        }
        running = false;
        // On the bridge thread, after the browsers' byes that ending the sessions queued there: those
        // calls' BYEs and CANCELs are among the farewells by then.
        CompletableFuture<CompletableFuture<Void>> saidGoodbye = new CompletableFuture<>();
        executor.execute(() -> {
            probes.forEach(ProxyProbe::stop);
            calls.calls().all().forEach(call -> {
                try (CallCorrelation.Scope scope = CallCorrelation.open(call.correlationId())) {
                    call.shutdown();
                    call.media().end(); // media hook: a call still ringing out keeps its table entry until the CANCEL's answer
                }
            });
            // Subscriptions end before the registrations, whose end would otherwise end the voice-mail lights unawaited.
            CompletableFuture<Void> unsubscribed = subscriptions.stopAll();
            saidGoodbye.complete(CompletableFuture.allOf(calls.farewells().allAnswered(), unsubscribed, registrations.stopAll(),
                    relays.allDeleted()));
        });
        // Sending is quick and must not be dropped by the shutdownNow below: it may use the whole share. The
        // answers are waited for only until the stack's own stop is due.
        boolean sent = deadline.uncutFor(SENDING).await(saidGoodbye);
        boolean answered = sent && deadline.earlier(STACK_STOP).await(saidGoodbye.join());
        Optional<String> undone = answered ? Optional.empty() : Optional.of(unanswered(sent));
        executor.shutdownNow();
        relays.close();
        endpoint.stop();
        log.info("SIP bridge stopped");
        return undone;
    }

    private String unanswered(boolean goodbyesSent) {
        if (!goodbyesSent) {
            return "the bridge thread did not get to its goodbyes";
        }
        List<String> waiting = new ArrayList<>();
        String farewells = calls.farewells().unanswered();
        if (!farewells.isEmpty()) {
            waiting.add(farewells);
        }
        int registrars = registrations.unanswered();
        if (registrars > 0) {
            waiting.add(registrars + " un-REGISTER");
        }
        // empty: the last answer came in between the deadline and this count
        return waiting.isEmpty() ? "answered just past the deadline" : String.join(", ", waiting) + " unanswered";
    }

    // ------------------------------------------------------------------ logins (event loop: no blocking)

    @Override
    public void userOnline(Address.Local user, Map<String, Object> claims) {
        if (!running) {
            return;
        }
        // Parsed on the caller's thread (it touches no table); the tables change on the bridge thread.
        Optional<SipAccount> fromClaims = accounts.fromClaims(user, claims);
        executor.execute(() -> {
            registrations.loggedIn(user.name(), fromClaims);
            subscriptions.messageWaiting().userOnline(user.name());
        });
    }

    @Override
    public void userOffline(Address.Local user) {
        if (!running) {
            return;
        }
        executor.execute(() -> {
            subscriptions.userOffline(user.name());
            registrations.loggedOut(user.name());
        });
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
        Optional<String> badSdp = signal instanceof Signal.Offer offer ? TextChecks.sdpRefusal(offer.sdp())
                : signal instanceof Signal.Answer answer ? TextChecks.sdpRefusal(answer.sdp()) : Optional.empty();
        if (badSdp.isPresent()) {
            return RouteResult.rejected(ErrorCode.BAD_MESSAGE, badSdp.get());
        }
        if (signal instanceof Signal.Offer offer) {
            return offer(user, target, offer);
        }
        if (signal instanceof Signal.Text text) {
            return text(user, target, text);
        }
        if (signal instanceof Signal.Transfer transfer) {
            return transfer(user, target, transfer);
        }
        if (signal instanceof Signal.CallSignal callSignal) {
            executor.execute(() -> onCallSignal(user, callSignal));
            return RouteResult.accepted();
        }
        if (signal instanceof Signal.Subscription subscription) {
            return busyLamp(user, target, subscription.follow());
        }
        return RouteResult.rejected(ErrorCode.UNREACHABLE, "the SIP bridge does not carry " + signal.getClass().getSimpleName());
    }

    /** A browser's {@code subscribe}/{@code unsubscribe} of a SIP address: a busy lamp (SUBSCRIBE, ADR 0029). */
    private RouteResult busyLamp(Address.Local user, Address.External watched, boolean follow) {
        if (!follow) {
            subscriptions.busyLamps().release(user.name(), watched);
            executor.execute(() -> subscriptions.busyLamps().unwatch(user.name(), watched));
            return RouteResult.accepted();
        }
        Optional<String> full = subscriptions.busyLamps().reserve(user.name(), watched);
        if (full.isPresent()) {
            return RouteResult.rejected(ErrorCode.FORBIDDEN, full.get());
        }
        RouteResult routed = route(user, watched, (account, target) -> subscriptions.busyLamps().watch(account, user, watched, target));
        if (!routed.isAccepted()) {
            subscriptions.busyLamps().release(user.name(), watched);
        }
        return routed;
    }

    private RouteResult offer(Address.Local user, Address.External to, Signal.Offer offer) {
        // Asked here, on the caller's thread, where the core has just registered the call.
        String correlationId = calls.gateway().correlationId(user, offer.call()).orElse(null);
        return route(user, to, (account, target) -> {
            SipCall existing = calls.calls().get(user.name(), offer.call());
            if (existing != null) {
                existing.onBrowserOffer(offer.sdp());
            } else if (calls.gateway().overloaded()) {
                log.debug("{}: new call to {} refused, the gateway is overloaded", user, to);
                calls.gateway().deliver(user, new Signal.Bye(to, offer.call(), SipReasons.OVERLOADED));
            } else {
                OutgoingCall call = new OutgoingCall(calls, user, offer.call(), to, account, target, offer.sdp(),
                        calls.media().outgoing(account, to));
                call.correlate(correlationId);
                transfers.onNewCall(user, to, call);
                calls.calls().add(call);
                call.start();
            }
        });
    }

    /**
     * A blind transfer of the user's call with {@code peer}: the target goes through the dial plan as a call would (a
     * gateway user through their SIP account's address), then a REFER; the verdict comes later as a TransferResult.
     */
    private RouteResult transfer(Address.Local user, Address.External peer, Signal.Transfer transfer) {
        if (transfer.to() instanceof Address.Local colleague) {
            Optional<SipAccount> account = accounts.accountOf(colleague.name());
            if (account.isEmpty() || accounts.accountOf(user.name()).isEmpty()) {
                return RouteResult.rejected(ErrorCode.UNREACHABLE, "a SIP call can only be transferred to a SIP address, and "
                        + colleague + " has none (sip.account." + colleague + ".aor)");
            }
            String aor = account.get().aor();
            executor.execute(() -> transfers.refer(user, transfer.call(), peer, aor));
            return RouteResult.accepted();
        }
        if (!(transfer.to() instanceof Address.External to) || !schemes().contains(to.scheme())) {
            return RouteResult.rejected(ErrorCode.UNREACHABLE, "a SIP call can only be transferred to a SIP address, not " + transfer.to());
        }
        return route(user, to, (account, target) -> transfers.refer(user, transfer.call(), peer, target));
    }

    private RouteResult text(Address.Local user, Address.External to, Signal.Text text) {
        Optional<String> refusal = SipMessages.refusal(text.data());
        if (refusal.isPresent()) {
            return RouteResult.rejected(ErrorCode.BAD_MESSAGE, refusal.get());
        }
        return route(user, to, (account, target) -> messages.send(account, target, text.data()));
    }

    /**
     * Finds the caller's account and the dial plan's SIP URI for {@code to}, then runs {@code action}
     * with them on the bridge thread; refused at once when either is missing.
     */
    private RouteResult route(Address.Local user, Address.External to, java.util.function.BiConsumer<SipAccount, String> action) {
        Optional<SipAccount> account = accounts.accountOf(user.name());
        if (account.isEmpty()) {
            return RouteResult.rejected(ErrorCode.FORBIDDEN, user + " has no SIP account (sip.account." + user + ".aor)");
        }
        Optional<String> refusal = config.dialPlan().refusal(to);
        if (refusal.isPresent()) {
            return RouteResult.rejected(ErrorCode.BAD_MESSAGE, refusal.get() + ": " + to);
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

    // ------------------------------------------------------------------ for operators and tests

    /** The registration state of a gateway user's account, if the bridge registers it. */
    public Optional<Registration.State> registration(String user) {
        Registrations started = registrations;
        return started == null ? Optional.empty() : started.state(user); // null: sip.enabled is false
    }

    /**
     * Ready while every registration is up and every proxy answers OPTIONS ({@code sip.options-interval}); read from
     * what they keep up to date, without waiting.
     */
    @Override
    public BridgeHealth health() {
        if (!running) {
            return BridgeHealth.of(List.of("the SIP bridge is not running"));
        }
        List<String> problems = new ArrayList<>();
        registrations.problem().ifPresent(problems::add);
        probes.forEach(probe -> probe.problem().ifPresent(problems::add));
        relays.problem().ifPresent(problems::add);
        return BridgeHealth.of(problems);
    }

    /** Each call's browser call id, SIP Call-ID and dialog state (asks the bridge thread). */
    @Override
    public List<BridgeLeg> legs() {
        if (!running) {
            return List.of();
        }
        return ask(() -> calls.calls().all().stream()
                .map(call -> new BridgeLeg(call.user().name(), call.callId(), call.sipCallId(), call.stateName()))
                .toList());
    }

    /** How many busy-lamp and voice-mail subscriptions have a dialog now (asks the bridge thread). */
    public int subscriptionsLive() {
        if (!running) {
            return 0;
        }
        return ask(() -> subscriptions.live());
    }

    /** How many calls the bridge is carrying (asks the bridge thread). */
    public int activeCalls() {
        if (!running) {
            return 0;
        }
        return ask(() -> calls.calls().size());
    }

    /** Runs {@code question} on the bridge thread and waits for its answer, at most {@link #ASK_WAIT_MS}. */
    private <T> T ask(java.util.function.Supplier<T> question) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        executor.execute(() -> answer.complete(question.get()));
        try {
            return answer.get(ASK_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the SIP bridge thread did not answer", e);
        }
    }
}
