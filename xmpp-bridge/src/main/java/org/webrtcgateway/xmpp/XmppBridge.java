package org.webrtcgateway.xmpp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityBareJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.log.RepeatedCondition;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.Bridge;
import org.webrtcgateway.core.api.BridgeContext;
import org.webrtcgateway.core.api.BridgeHealth;
import org.webrtcgateway.core.api.BridgeLeg;
import org.webrtcgateway.core.api.BridgeThread;
import org.webrtcgateway.core.api.Deadline;
import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.api.PresenceStatus;
import org.webrtcgateway.core.api.RawJson;
import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.xmpp.XmppConfig.XmppAccountConfig;
import org.webrtcgateway.xmpp.call.CallSettings;
import org.webrtcgateway.xmpp.call.XmppCalls;
import org.webrtcgateway.xmpp.caps.PeerCapabilities;
import org.webrtcgateway.xmpp.component.XmppComponent;
import org.webrtcgateway.xmpp.link.StanzaCounts;
import org.webrtcgateway.xmpp.jingle.JingleExtensions;
import org.webrtcgateway.xmpp.jingle.JingleIq;
import org.webrtcgateway.xmpp.jingle.jmi.element.JingleMessage;
import org.webrtcgateway.xmpp.jingle.rtp.element.RtpDescription;
import org.webrtcgateway.xmpp.link.InboundStanzas;
import org.webrtcgateway.xmpp.link.XmppAddresses;
import org.webrtcgateway.xmpp.link.XmppEndpoint;
import org.webrtcgateway.xmpp.sdp.JingleSessionContents;
import org.webrtcgateway.xmpp.sdp.SdpRole;
import org.webrtcgateway.xmpp.sdp.SdpToJingle;
import org.webrtcgateway.xmpp.sdp.SessionDescription;

/**
 * The XMPP bridge: {@code xmpp:} addresses. In account mode each configured gateway user logs in
 * as its XMPP account at start, or while the user is logged in ({@code xmpp.login-at}); in component mode
 * ({@link XmppComponent}) every gateway user is {@code name@domain} while logged in. Either way each user is an
 * {@link XmppEndpoint}, found by {@link #endpointOf}, and the rest is shared: chat goes both ways as {@code message}, a browser's {@code subscribe}
 * to an {@code xmpp:} address is a presence subscription and the contact's presence comes back as
 * {@code presence}, the user's own presence is published, and calls are Jingle.
 */
@Singleton
public final class XmppBridge implements Bridge, InboundStanzas {

    private static final Logger log = LoggerFactory.getLogger(XmppBridge.class);
    /** Every stanza to a connection that is down would be a line: one a minute, with the count. */
    private static final RepeatedCondition notSent = RepeatedCondition.warn(log, "stanzas not sent");
    /** A client may log in again and again with the same bad token. */
    private static final RepeatedCondition refusedClaims = RepeatedCondition.warn(log,
            "login tokens carry an XMPP account that is refused");
    private static final String SCHEME = XmppAddresses.SCHEME;
    /** How long an incoming XEP-0353 call may take from our proceed to the caller's session-initiate. */
    static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);
    static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    static final Duration LAST_RETRY = Duration.ofMinutes(5);

    private final XmppConfig config;
    private final Map<String, XmppAccount> accounts = new ConcurrentHashMap<>();
    /** Accounts that came with a login token's claims, while their user is logged in; they win over configured ones. */
    private final Map<String, XmppAccount> claimed = new ConcurrentHashMap<>();
    private volatile X509TrustManager trust;
    private volatile BridgeContext gateway;
    private volatile ScheduledExecutorService thread;
    /** Where accounts log in (blocking), so the bridge's thread never waits on a login. */
    private volatile ExecutorService logins;
    static final int LOGIN_THREADS = 2;
    private final PeerCapabilities peers = new PeerCapabilities();
    private volatile XmppCalls calls;
    /** Component mode's users and stream; null in account mode. */
    private volatile XmppComponent component;

    private final StanzaCounts stanzaCounts;

    @Inject
    public XmppBridge(XmppConfig config, MeterRegistry meters) {
        this.config = config;
        this.stanzaCounts = StanzaCounts.of(meters);
        Gauge.builder("gateway.xmpp.accounts.connected", this, XmppBridge::connectedAccounts)
                .description("XMPP accounts logged in now (account mode)").register(meters);
        Gauge.builder("gateway.xmpp.component.connected", this, bridge -> {
            XmppComponent current = bridge.component;
            return current != null && current.isUp() ? 1 : 0;
        }).description("1 while the component's stream to the server is up (component mode), else 0").register(meters);
    }

    private long connectedAccounts() {
        return java.util.stream.Stream.concat(accounts.values().stream(), claimed.values().stream())
                .filter(account -> account.jid() != null).count();
    }

    @Override
    public String name() {
        return "xmpp";
    }

    @Override
    public Set<String> schemes() {
        return Set.of(SCHEME);
    }

    @Override
    public boolean enabled() {
        return config.enabled();
    }

    @Override
    public void start(BridgeContext context) {
        if (!config.enabled()) {
            log.debug("XMPP bridge off (xmpp.enabled is false): no XMPP connection made");
            return;
        }
        gateway = context;
        // Our Jingle elements, and our <jingle/> parser in place of Smack's (which fails on a BUNDLE group).
        JingleExtensions.registerAll();
        thread = BridgeThread.start("xmpp-bridge");
        calls = new XmppCalls(context, peers, thread, new CallSettings(config.jingleMessage(), config.ringTimeout(), SETUP_TIMEOUT,
                config.maxCallsPerUser()));
        if (config.componentMode()) {
            component = new XmppComponent(config, thread, this, this::endpointGone, stanzaCounts);
            thread.execute(component::start);
            return;
        }
        trust = trustManager();
        logins = Executors.newFixedThreadPool(LOGIN_THREADS, runnable -> {
            Thread login = new Thread(runnable, "xmpp-login");
            login.setDaemon(true);
            return login;
        });
        for (XmppAccountConfig account : config.accounts().values()) {
            XmppAccount connection = new XmppAccount(account, config, trust, thread, this, stanzaCounts);
            accounts.put(account.user(), connection);
            if (!config.loginAtLogin()) {
                logIn(connection, FIRST_RETRY);
            }
        }
    }

    /** How long the calls' goodbyes may take to be handed over when the stop is hurried (they take milliseconds). */
    private static final Duration SENDING = Duration.ofSeconds(1);

    @Override
    public Optional<String> stop(Deadline deadline) {
        if (thread == null) {
            return Optional.empty();
        }
        // First the calls' goodbyes and their answers (session-terminate is an IQ the peer acknowledges), on
        // half the time: the connections that carry those answers stay up meanwhile.
        CompletableFuture<CompletableFuture<Void>> terminated = new CompletableFuture<>();
        thread.execute(() -> {
            calls.stop();
            terminated.complete(calls.terminationsAnswered());
        });
        // Handing the goodbyes to the streams takes milliseconds and is not dropped by a hurried stop; the wait
        // for the peers' answers is what a second SIGTERM cuts.
        deadline.uncutFor(SENDING).await(terminated);
        boolean callsEnded = deadline.share(2).await(terminated.thenCompose(answers -> answers));
        // Then presence and streams: Smack's disconnect sends unavailable presence and waits for the server
        // to close the stream; the component says unavailable for each user and closes its stream.
        CompletableFuture<Void> closed = new CompletableFuture<>();
        thread.execute(() -> {
            try {
                accounts.values().forEach(XmppAccount::disconnect);
                claimed.values().forEach(XmppAccount::disconnect);
                if (component != null) {
                    component.stop();
                }
            } finally {
                closed.complete(null);
            }
        });
        boolean streamsClosed = deadline.await(closed);
        thread.shutdownNow();
        if (logins != null) {
            logins.shutdownNow();
        }
        log.info("XMPP bridge stopped");
        if (callsEnded && streamsClosed) {
            return Optional.empty();
        }
        List<String> undone = new ArrayList<>();
        if (!callsEnded) {
            undone.add(terminated.isDone() ? calls.unansweredTerminations() + " session-terminate unanswered"
                    : "the bridge thread did not get to the calls' goodbyes");
        }
        if (!streamsClosed) {
            undone.add(component != null ? "the component's stream not closed" : "accounts' streams not all closed");
        }
        return Optional.of(String.join(", ", undone));
    }

    // ------------------------------------------------------------------ from browsers (event loops: no blocking)

    @Override
    public RouteResult send(Address to, Signal signal) {
        if (thread == null) {
            return RouteResult.rejected(ErrorCode.UNREACHABLE, "XMPP is not enabled on this gateway (xmpp.enabled)");
        }
        if (!(signal.from() instanceof Address.Local user) || !(to instanceof Address.External external)) {
            return RouteResult.rejected(ErrorCode.BAD_MESSAGE, "the XMPP bridge carries signals from gateway users to xmpp: addresses");
        }
        XmppEndpoint account = endpointOf(user.name());
        if (account == null) {
            return RouteResult.rejected(ErrorCode.FORBIDDEN, component != null ? user + " is not online in XMPP"
                    : user + " has no XMPP account (xmpp.account." + user + ".jid)");
        }
        Optional<EntityBareJid> jid = XmppAddresses.bareJid(external);
        if (jid.isEmpty()) {
            return RouteResult.rejected(ErrorCode.BAD_MESSAGE, to + " is not an XMPP user's address");
        }
        if (signal instanceof Signal.Text text) {
            Optional<String> refusal = XmppChat.refusal(text.data());
            if (refusal.isPresent()) {
                return RouteResult.rejected(ErrorCode.BAD_MESSAGE, refusal.get());
            }
            thread.execute(() -> quietly(account, () -> XmppChat.send(account, jid.get(), text.data())));
        } else if (signal instanceof Signal.Subscription subscription) {
            thread.execute(() -> quietly(account, () -> {
                if (subscription.follow()) {
                    account.follow(jid.get());
                } else {
                    account.unfollow(jid.get());
                }
            }));
        } else if (signal instanceof Signal.Offer || signal instanceof Signal.Answer) {
            return session(user, to, account, jid.get(), signal);
        } else if (signal instanceof Signal.Candidate candidate) {
            thread.execute(() -> calls.candidate(user, candidate));
        } else if (signal instanceof Signal.Ringing ringing) {
            thread.execute(() -> calls.ringing(user, ringing));
        } else if (signal instanceof Signal.Bye bye) {
            thread.execute(() -> calls.bye(user, bye));
        } else if (signal instanceof Signal.Transfer) {
            // Jingle's transfer (XEP-0251) is deferred and no client we know implements it.
            return RouteResult.rejected(ErrorCode.UNREACHABLE, "XMPP calls cannot be transferred; hang up and call "
                    + ((Signal.Transfer) signal).to() + " instead");
        } else {
            return RouteResult.rejected(ErrorCode.BAD_MESSAGE, signal.getClass().getSimpleName() + " is not carried to XMPP");
        }
        return RouteResult.accepted();
    }

    /**
     * An offer or an answer, its SDP translated to Jingle here, on the event loop (it is quick), so SDP that Jingle
     * cannot carry (a control character in a line included: SessionDescription refuses it) is the sender's error.
     */
    private RouteResult session(Address.Local user, Address to, XmppEndpoint account, EntityBareJid jid, Signal signal) {
        Address.External external = (Address.External) to;
        boolean isOffer = signal instanceof Signal.Offer;
        String sdp = isOffer ? ((Signal.Offer) signal).sdp() : ((Signal.Answer) signal).sdp();
        JingleSessionContents contents;
        try {
            contents = SdpToJingle.translate(SessionDescription.parse(sdp), isOffer ? SdpRole.INITIATOR : SdpRole.RESPONDER);
        } catch (IllegalArgumentException e) {
            return RouteResult.rejected(ErrorCode.BAD_MESSAGE, "the " + (isOffer ? "offer" : "answer")
                    + "'s SDP cannot be carried to XMPP: " + e.getMessage());
        }
        if (signal instanceof Signal.Offer offer) {
            if (contents.contents().stream().noneMatch(content -> content.getDescription() instanceof RtpDescription)) {
                return RouteResult.rejected(ErrorCode.BAD_MESSAGE, "a call to XMPP needs audio or video (Jingle RTP); the offer has neither");
            }
            // Refused before it is accepted when it cannot ring (a renegotiation goes on: its call exists).
            Optional<XmppCalls.Ringing> ringing = calls.ringing(user, jid);
            if (ringing.isEmpty() && offer.call() != null && !calls.isKnown(user, offer.call())) {
                return RouteResult.rejected(ErrorCode.UNREACHABLE, to + " has no resource online that announced Jingle calls");
            }
            if (account.jid() == null) {
                return RouteResult.rejected(ErrorCode.UNREACHABLE, user + " is not connected to XMPP now");
            }
            thread.execute(() -> calls.offer(account, external, jid, offer, contents, ringing));
        } else {
            thread.execute(() -> calls.answer(user, (Signal.Answer) signal, contents));
        }
        return RouteResult.accepted();
    }

    /**
     * An account from the login token's claims logs in for this session; with {@code xmpp.login-at: login}
     * the configured one does (not on a resume: the session was kept).
     */
    @Override
    public void userOnline(Address.Local user, Map<String, Object> claims) {
        if (thread == null) {
            return;
        }
        if (component != null) {
            component.userOnline(user); // the name is the JID: a token's account has no use here
            return;
        }
        Optional<XmppAccountConfig> fromToken;
        try {
            fromToken = XmppConfig.accountFromClaims(user.name(), claims);
        } catch (ConfigException e) {
            refusedClaims.occurred(user + ": " + e.getMessage());
            return;
        }
        if (fromToken.isPresent()) {
            XmppAccount account = new XmppAccount(fromToken.get(), config, trust, thread, this, stanzaCounts);
            XmppAccount replaced = claimed.put(user.name(), account);
            thread.execute(() -> {
                if (replaced != null) {
                    logOut(replaced);
                }
                logIn(account, FIRST_RETRY);
            });
            return;
        }
        XmppAccount account = accounts.get(user.name());
        if (config.loginAtLogin() && account != null) {
            logIn(account, FIRST_RETRY);
        }
    }

    /** The session's token account logs out for good; with {@code xmpp.login-at: login}, the configured one too. */
    @Override
    public void userOffline(Address.Local user) {
        if (thread == null) {
            return;
        }
        if (component != null) {
            component.userOffline(user);
            return;
        }
        XmppAccount fromToken = claimed.remove(user.name());
        if (fromToken != null) {
            thread.execute(() -> logOut(fromToken));
        }
        XmppAccount account = accounts.get(user.name());
        if (config.loginAtLogin() && account != null) {
            thread.execute(() -> logOut(account));
        }
    }

    /** Where a user reaches XMPP now: the component's endpoint, else its token's account, else the configured one. */
    private XmppEndpoint endpointOf(String user) {
        if (component != null) {
            return component.endpoint(user);
        }
        XmppAccount fromToken = claimed.get(user);
        return fromToken != null ? fromToken : accounts.get(user);
    }

    @Override
    public void userPresence(Address.Local user, PresenceStatus status, String note) {
        XmppEndpoint account = endpointOf(user.name());
        if (account != null && thread != null) {
            thread.execute(() -> quietly(account, () -> account.publish(status, note)));
        }
    }

    // ------------------------------------------------------------------ from XMPP (the bridge thread)

    @Override
    public void message(XmppEndpoint to, Message message) {
        if (message.getFrom() == null) {
            return;
        }
        if (message.getType() == Message.Type.error) {
            calls.messageError(to, message);
            return;
        }
        JingleMessage jingleMessage = JingleMessage.from(message);
        if (jingleMessage != null) {
            calls.jingleMessage(to, message, jingleMessage);
            return;
        }
        Optional<RawJson> data = XmppChat.received(message);
        if (data.isPresent()) {
            XmppAddresses.of(message.getFrom().asBareJid()).ifPresent(sender ->
                    gateway.deliver(to.user(), new Signal.Text(sender, null, data.get())));
        }
    }

    @Override
    public void presence(XmppEndpoint to, Presence presence) {
        if (presence.getFrom() == null) {
            return;
        }
        peers.presence(to, presence);
        BareJid from = presence.getFrom().asBareJid();
        if (to.jid() != null && from.equals(to.jid().asBareJid())) {
            return; // the account's own other resources
        }
        XmppAddresses.of(from).ifPresent(sender -> gateway.deliver(to.user(),
                new Signal.Presence(sender, XmppPresence.toGateway(presence), presence.getStatus())));
    }

    @Override
    public void iqRequest(XmppEndpoint to, IQ request) {
        if (request instanceof JingleIq jingle) {
            calls.jingle(to, jingle);
        }
    }

    // ------------------------------------------------------------------ for operators and tests

    /**
     * Ready while the component's stream is up, or (account mode) every account that should be logged in is: the
     * configured ones from start, those of logged-in users with {@code xmpp.login-at: login}. Never waits.
     */
    @Override
    public BridgeHealth health() {
        if (thread == null) {
            return BridgeHealth.of(List.of("the XMPP bridge is not running"));
        }
        XmppComponent current = component;
        if (current != null) {
            return BridgeHealth.of(current.problem().stream().toList());
        }
        List<String> down = new ArrayList<>();
        int wanted = 0;
        for (XmppAccount account : new java.util.TreeMap<>(accountsInUse()).values()) {
            if (account.isWanted()) {
                wanted++;
                if (!account.isConnected()) {
                    down.add(account.config().user() + ": " + account.config().jid());
                }
            }
        }
        return down.isEmpty() ? BridgeHealth.READY : BridgeHealth.of(List.of(down.size() + " of " + wanted
                + (wanted == 1 ? " account" : " accounts") + " not connected (" + String.join("; ", down) + ")"));
    }

    /** The configured accounts, a login token's account in place of its user's configured one. */
    private Map<String, XmppAccount> accountsInUse() {
        Map<String, XmppAccount> inUse = new java.util.HashMap<>(accounts);
        inUse.putAll(claimed);
        return inUse;
    }

    /** Each call's browser call id, Jingle sid and state. */
    @Override
    public List<BridgeLeg> legs() {
        XmppCalls current = calls;
        return current == null ? List.of() : current.legs();
    }

    /** Whether {@code user} is online in XMPP now: its account logged in, or (component mode) logged in here, the stream up. */
    public boolean isLoggedIn(String user) {
        XmppEndpoint endpoint = endpointOf(user);
        return endpoint != null && endpoint.jid() != null;
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Logs in on a login thread (it blocks for the server's round trips, the carbons and roster requests after it, and
     * must not hold up the bridge's thread, which carries every user's calls), or tries again later: first after
     * {@link #FIRST_RETRY}, then twice as long each time, up to {@link #LAST_RETRY}.
     */
    private void logIn(XmppAccount account, Duration retry) {
        if (retry == FIRST_RETRY) {
            account.want(); // now, in the caller's order: a logout that follows wins over this login
        }
        try {
            logins.execute(() -> attemptLogIn(account, retry));
        } catch (RejectedExecutionException stopping) {
            log.debug("XMPP bridge stopped: no login for {}", account);
        }
    }

    private void attemptLogIn(XmppAccount account, Duration retry) {
        // One login at a time per account (a user logging in again quickly queues a second attempt).
        synchronized (account) {
            if (!account.isWanted() || account.isConnected()) {
                return; // its user logged out meanwhile, or an earlier attempt made it
            }
            tryLogIn(account, retry);
        }
    }

    private void tryLogIn(XmppAccount account, Duration retry) {
        try {
            account.connect();
            if (!account.isWanted()) {
                account.closeAfterFailure(); // logged out while the login went on
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!account.isWanted()) {
                return; // logged out under the login: nothing to try again
            }
            account.loginFailed(e, retry);
            account.closeAfterFailure();
            try {
                thread.schedule(() -> logIn(account, min(retry.multipliedBy(2), LAST_RETRY)), retry.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                log.debug("XMPP bridge stopped: no more login attempts for {}", account);
            }
        }
    }

    /** Logs an account out for good; its calls end (what the user's session did not end already). */
    private void logOut(XmppAccount account) {
        endpointGone(account.user());
        account.disconnect();
    }

    /** A user's endpoint goes (while it can still send): its calls end, what was learned through it may be stale. */
    private void endpointGone(Address.Local user) {
        calls.endpointGone(user);
        peers.forget(user);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** A stanza the connection could not take (it is down): logged; the sender already had its 'ok'. */
    private static void quietly(XmppEndpoint account, StanzaSend send) {
        try {
            send.run();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            notSent.occurred(account + ": " + e);
        }
    }

    private interface StanzaSend {
        void run() throws Exception;
    }




    private X509TrustManager trustManager() {
        if (config.trustCertificate() == null) {
            return null; // the JVM's certificate authorities
        }
        try (InputStream in = Files.newInputStream(config.trustCertificate())) {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("xmpp-server", certificate);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new ConfigException(XmppConfig.TRUST_CERTIFICATE.key() + ": no X.509 trust manager for " + config.trustCertificate());
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(XmppConfig.TRUST_CERTIFICATE.key() + ": cannot read " + config.trustCertificate() + ": " + e.getMessage());
        }
    }
}
