package org.webrtcgateway.sip.register;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.webrtcgateway.sip.SipAccount;
import org.webrtcgateway.sip.SipConfig;
import org.webrtcgateway.sip.stack.SipEndpoint;

/**
 * One {@link Registration} per gateway user whose account registers: every configured account from
 * start to shutdown, or (with {@code sip.register-at: login}, and always for an account from a login
 * token) from login to the end of the session. Bridge thread only, except {@link #state}.
 */
public final class Registrations {

    private static final Logger log = LoggerFactory.getLogger(Registrations.class);

    private final Accounts accounts;
    private final SipEndpoint endpoint;
    private final SipConfig config;
    private final ScheduledExecutorService executor;
    /** Told each time an account's REGISTER succeeds, and when it stops registering (the voice-mail light follows). */
    private final Consumer<SipAccount> registered;
    private final Consumer<SipAccount> left;
    /** By gateway user; concurrent because operators and tests read the states from their own threads. */
    private final Map<String, Registration> registrations = new ConcurrentHashMap<>();
    /** Un-REGISTERs sent and not yet answered, so a stop can wait for those of sessions that ended just before it. */
    private final Set<CompletableFuture<Void>> leaving = ConcurrentHashMap.newKeySet();

    public Registrations(Accounts accounts, SipEndpoint endpoint, SipConfig config, ScheduledExecutorService executor,
                         Consumer<SipAccount> registered, Consumer<SipAccount> left) {
        this.accounts = accounts;
        this.endpoint = endpoint;
        this.config = config;
        this.executor = executor;
        this.registered = registered;
        this.left = left;
    }

    /** REGISTERs every configured account: at start, unless accounts register at login. */
    public void registerConfigured() {
        config.accounts().values().forEach(this::register);
    }

    /** A user logged in, with the account their token carries, if any: registers what now should be. */
    public void loggedIn(String user, Optional<SipAccount> fromClaims) {
        fromClaims.ifPresent(account -> accounts.claim(user, account));
        if (fromClaims.isPresent() || config.registerAtLogin()) {
            accounts.accountOf(user).ifPresent(this::register);
        }
    }

    /** A user's session ended: un-REGISTERs what registered for it and forgets the account their token gave them. */
    public void loggedOut(String user) {
        if (accounts.hasClaimed(user) || config.registerAtLogin()) {
            Registration registration = registrations.remove(user);
            if (registration != null) {
                leave(registration);
            }
        }
        accounts.release(user);
    }

    /**
     * Un-REGISTERs every account; completes when every registrar answered or gave up, those of the
     * un-REGISTERs already on their way included.
     */
    public CompletableFuture<Void> stopAll() {
        registrations.values().forEach(this::leave);
        registrations.clear();
        return CompletableFuture.allOf(leaving.toArray(CompletableFuture[]::new));
    }

    /** REGISTERs again now every account registered through {@code proxy} (host:port): it answers again after an outage. */
    public void refreshAt(String proxy) {
        registrations.values().stream().filter(registration -> registration.account().proxy().equals(proxy))
                .forEach(registration -> {
                    log.info("{}: {} answers again; registering again now", registration.account().aor(), proxy);
                    registration.refreshNow();
                });
    }

    /** How many un-REGISTERs wait for their answer. Any thread. */
    public int unanswered() {
        return leaving.size();
    }

    private void leave(Registration registration) {
        left.accept(registration.account());
        CompletableFuture<Void> unregistered = registration.stop();
        if (!unregistered.isDone()) {
            leaving.add(unregistered);
            unregistered.whenComplete((done, failed) -> leaving.remove(unregistered));
        }
    }

    /** The state of every registration now. Any thread. */
    public java.util.List<Registration.State> states() {
        return registrations.values().stream().map(Registration::state).toList();
    }

    /** The registration state of a gateway user's account, if it is registered. Any thread. */
    public Optional<Registration.State> state(String user) {
        return Optional.ofNullable(registrations.get(user)).map(Registration::state);
    }

    /**
     * What keeps the registrations from working now, if anything: e.g. {@code "2 of 3 accounts not registered
     * (alice: 408 from 127.0.0.1:5060; bob: no answer from 127.0.0.1:5060)"}. Any thread.
     */
    public Optional<String> problem() {
        List<String> down = new ArrayList<>();
        int total = 0;
        for (Registration registration : new TreeMap<>(registrations).values()) {
            total++;
            Registration.State state = registration.state();
            if (!state.registered()) {
                SipAccount account = registration.account();
                down.add(account.user() + ": " + (state.lastStatus() == 0 ? "no answer" : String.valueOf(state.lastStatus()))
                        + " from " + account.proxy());
            }
        }
        if (down.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(down.size() + " of " + total + (total == 1 ? " account" : " accounts") + " not registered ("
                + String.join("; ", down) + ")");
    }

    /** REGISTERs an account unless it is already registered or does not register. */
    private void register(SipAccount account) {
        if (account.register() && account.user() != null && !registrations.containsKey(account.user())) {
            Registration registration = new Registration(account, endpoint, config, executor, () -> registered.accept(account));
            registrations.put(account.user(), registration);
            registration.start();
        }
    }
}
