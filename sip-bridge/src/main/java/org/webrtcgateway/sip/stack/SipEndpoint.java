package org.webrtcgateway.sip.stack;

import static java.util.Objects.requireNonNull;

import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TooManyListenersException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogState;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ViaHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import gov.nist.javax.sip.EventScanner;
import gov.nist.javax.sip.EventWrapper;
import gov.nist.javax.sip.SipStackExt;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.clientauthutils.AuthenticationHelper;
import gov.nist.javax.sip.clientauthutils.UserCredentials;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.sip.SipAccount;
import org.webrtcgateway.sip.SipConfig;

/**
 * The gateway's one SIP stack: its listening points, the provider, the factories, and the few
 * request-building and sending steps every handler needs. Used only on the bridge thread (the
 * listener hands events over), so it needs no locking.
 */
public final class SipEndpoint {

    private static final Logger log = LoggerFactory.getLogger(SipEndpoint.class);
    public static final String USER_AGENT = "webrtc-gateway";
    private static final int MAX_CHALLENGES = 2;

    private final SipConfig config;
    private final SipStack stack;
    private final SipProvider provider;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final MessageFactory messages;
    private final AuthenticationHelper auth;
    private final Function<String, SipAccount> accounts;
    private final PreemptiveDigest preemptive;

    private SipEndpoint(SipConfig config, SipStack stack, SipProvider provider, HeaderFactory headers,
                        AddressFactory addresses, MessageFactory messages, AuthenticationHelper auth,
                        Function<String, SipAccount> accounts) {
        this.config = config;
        this.stack = stack;
        this.provider = provider;
        this.headers = headers;
        this.addresses = addresses;
        this.messages = messages;
        this.auth = auth;
        this.accounts = accounts;
        this.preemptive = new PreemptiveDigest(headers, System::nanoTime);
    }

    /**
     * Creates the stack with explicit properties (never the JVM-wide defaults), opens one listening
     * point per configured transport and attaches {@code listener}.
     *
     * @param credentials the account that sent a request (by its From address of record), for digest challenges
     */
    public static SipEndpoint start(SipConfig config, Map<String, String> tlsProperties, SipListener listener,
                                    Function<String, SipAccount> credentials)
            throws SipException, InvalidArgumentException, TooManyListenersException {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "webrtc-gateway-" + config.bindAddress() + "-" + config.port());
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jServerLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "true");
        // One thread reads UDP, so responses reach the listener in arrival order (a 180 before its 200).
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", String.valueOf(CompactUdpMessageProcessor.WORKERS));
        // JAIN-SIP's UDP processor allocates 64 KiB for every datagram it receives; this one reads into one buffer
        // (CompactUdpMessageProcessor: more than half of what the gateway allocated under SIP load).
        p.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", CompactUdpMessageProcessorFactory.class.getName());
        // Every event passes JAIN-SIP's EventScanner thread before SipDispatcher hands it to the bridge thread. A
        // reentrant listener would skip that hop (~7 % of the gateway's threads' CPU under SIP load), but the work
        // moved to the reading and bridge threads and the total did not measurably drop (docs/performance.md
        // section 9): the stack keeps calling the listener from one thread.
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "false");
        p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "65536");
        p.setProperty("gov.nist.javax.sip.DELIVER_TERMINATED_EVENT_FOR_ACK", "false");
        // A NOTIFY outside any dialog reaches the bridge instead of getting the stack's 481: PBXs send
        // message-waiting that way (Asterisk), and the bridge answers 481 itself to one that matches nothing.
        p.setProperty("gov.nist.javax.sip.DELIVER_UNSOLICITED_NOTIFY", "true");
        // Ended transactions and dialogs stay in the stack for RFC 3261's timers (up to 32 s on UDP, to
        // absorb retransmissions); these two let them drop their parsed messages meanwhile, keeping only
        // what a retransmission needs. Without them a few hundred calls/s fill a 256 MB heap.
        p.setProperty("gov.nist.javax.sip.AGGRESSIVE_CLEANUP", "true");
        p.setProperty("gov.nist.javax.sip.RELEASE_REFERENCES_STRATEGY", "Normal");
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", "TLSv1.2,TLSv1.3");
        // JAIN-SIP's default list is old RSA-only suites; these are today's (TLS 1.3, and 1.2 with ECDHE + AEAD).
        p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", String.join(" ", "TLS_AES_128_GCM_SHA256",
                "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"));
        // TLS peers are verified against the truststore (the JVM's CA certificates by default) and must be who the
        // gateway meant to reach (their name or address in the certificate): VerifyingTlsLayer. Peers that connect
        // to the gateway are not asked for a certificate: sip.trusted-sources says who may send requests.
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
        p.setProperty("gov.nist.javax.sip.NETWORK_LAYER", VerifyingTlsLayer.class.getName());
        tlsProperties.forEach(p::setProperty);
        SipStack stack = factory.createSipStack(p);
        try {
            List<ListeningPoint> points = ListeningPoints.open(stack, config);
            SipProvider provider = stack.createSipProvider(points.get(0));
            for (ListeningPoint extra : points.subList(1, points.size())) {
                provider.addListeningPoint(extra);
            }
            provider.addSipListener(listener);
            HeaderFactory headers = factory.createHeaderFactory();
            AuthenticationHelper auth = ((SipStackExt) stack).getAuthenticationHelper(
                    (transaction, realm) -> credentialsFor(transaction, realm, credentials), headers);
            stack.start();
            log.info("SIP listening on {}:{} ({})", config.bindAddress(), config.port(), String.join(", ", config.transports()));
            return new SipEndpoint(config, stack, provider, headers, factory.createAddressFactory(),
                    factory.createMessageFactory(), auth, credentials);
        } catch (SipException | InvalidArgumentException | TooManyListenersException | RuntimeException e) {
            try {
                stop(stack);
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed); // the reason the start failed is what the operator needs
            }
            throw e;
        }
    }

    private static UserCredentials credentialsFor(ClientTransaction transaction, String realm,
                                                  Function<String, SipAccount> credentials) {
        SipAccount account = credentials.apply(senderOf(transaction.getRequest()));
        if (account == null || account.password() == null) {
            return null;
        }
        return new UserCredentials() {
            @Override
            public String getUserName() {
                return account.authUser();
            }

            @Override
            public String getPassword() {
                return account.password();
            }

            @Override
            public String getSipDomain() {
                return realm;
            }
        };
    }

    /** The address of record a request is from: {@code sip:user@host[:port]}. */
    private static String senderOf(Request request) {
        SipURI uri = (SipURI) ((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI();
        return "sip:" + uri.getUser() + "@" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }

    public void stop() {
        stop(stack);
    }

    private static void stop(SipStack stack) {
        EventScanner scanner = stack instanceof SipStackImpl impl ? impl.getEventScanner() : null;
        stack.stop();
        if (scanner != null) {
            // JAIN-SIP's event thread is not a daemon, and stopping the stack only flags it: it would wait on its
            // queue for ever and keep the JVM alive. One more event wakes it to see the flag and end. A
            // transaction-terminated event without a transaction is one that our listener ignores.
            scanner.addEvent(new EventWrapper(new TransactionTerminatedEvent(stack, (ClientTransaction) null), null));
        }
    }

    public HeaderFactory headers() {
        return headers;
    }

    public AddressFactory addresses() {
        return addresses;
    }

    public MessageFactory messages() {
        return messages;
    }

    public SipProvider provider() {
        return provider;
    }

    // ------------------------------------------------------------------ building requests

    /**
     * An out-of-dialog request from {@code account} to {@code requestUri}, through the account's
     * proxy. Every URI here comes from a validated {@code Address} or {@link SipConfig}.
     */
    public Request newRequest(String method, SipAccount account, String requestUri, String toUri) {
        try {
            URI target = addresses.createURI(requestUri);
            Address fromAddress = addresses.createAddress(addresses.createURI(account.aor()));
            FromHeader from = headers.createFromHeader(fromAddress, newTag());
            ToHeader to = headers.createToHeader(addresses.createAddress(addresses.createURI(toUri)), null);
            CallIdHeader callId = provider.getNewCallId();
            CSeqHeader cseq = headers.createCSeqHeader(1L, method);
            MaxForwardsHeader maxForwards = headers.createMaxForwardsHeader(70);
            Request request = messages.createRequest(target, method, callId, cseq, from, to, List.of(via()), maxForwards);
            request.addHeader(headers.createRouteHeader(addresses.createAddress(proxyUri(account.proxy()))));
            request.addHeader(headers.createUserAgentHeader(List.of(USER_AGENT)));
            if (!method.equals(Request.MESSAGE)) {
                request.addHeader(contact(account));
            }
            return request;
        } catch (ParseException | InvalidArgumentException e) {
            // The parts were validated at start-up or by Address; a failure here is a bug, not bad input.
            throw new IllegalStateException("cannot build " + method + " to " + requestUri, e);
        }
    }

    public ViaHeader via() throws ParseException, InvalidArgumentException {
        return headers.createViaHeader(config.contactHost(), config.port(), config.transport(), null);
    }

    public SipURI proxyUri(String proxy) throws ParseException {
        SipURI uri = (SipURI) addresses.createURI("sip:" + proxy);
        uri.setLrParam();
        uri.setTransportParam(config.transport());
        return uri;
    }

    public ContactHeader contact(SipAccount account) {
        try {
            SipURI uri = (SipURI) addresses.createURI("sip:" + account.sipUser() + "@" + contactHostPort());
            uri.setTransportParam(config.transport());
            return headers.createContactHeader(addresses.createAddress(uri));
        } catch (ParseException e) {
            throw new IllegalStateException("cannot build a Contact for " + account, e);
        }
    }

    private String contactHostPort() {
        return config.contactHost() + ":" + config.port();
    }

    public void setBody(javax.sip.message.Message message, String type, String subtype, String body) {
        try {
            ContentTypeHeader contentType = headers.createContentTypeHeader(type, subtype);
            message.setContent(body, contentType);
        } catch (ParseException e) {
            throw new IllegalStateException("cannot set a " + type + "/" + subtype + " body", e);
        }
    }

    public static String newTag() {
        return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }

    // ------------------------------------------------------------------ sending

    /** Sends an out-of-dialog request (or the first INVITE of a dialog); failures go to {@code handler}. */
    public ClientTransaction send(Request request, ClientHandler handler) {
        return send(request, handler, 0);
    }

    /**
     * Sends a probe (an OPTIONS asking whether a proxy is there) that gives up after 64 × {@value #PROBE_T1_MS} ms,
     * not RFC 3261's 32 s: over UDP a proxy that went away answers nothing (the port-unreachable never reaches
     * the stack), and readiness should say so within seconds.
     */
    public ClientTransaction sendProbe(Request request, ClientHandler handler) {
        return send(request, handler, PROBE_T1_MS);
    }

    /** T1 of a probe's transaction: retransmissions at 100, 200, 400 ms..., a timeout (Timer F) after 6.4 s. */
    static final int PROBE_T1_MS = 100;

    private ClientTransaction send(Request request, ClientHandler handler, int retransmitTimerMs) {
        try {
            if (PreemptiveDigest.appliesTo(request.getMethod())) {
                String sender = senderOf(request);
                SipAccount account = accounts.apply(sender);
                if (account != null) {
                    preemptive.apply(sender, account.authUser(), account.password(), request);
                }
            }
            ClientTransaction transaction = provider.getNewClientTransaction(request);
            transaction.setApplicationData(new Attempt(handler, 0));
            if (retransmitTimerMs > 0) {
                transaction.setRetransmitTimer(retransmitTimerMs);
            }
            transaction.sendRequest();
            return transaction;
        } catch (SipException e) {
            log.debug("cannot send {}", request.getMethod(), e);
            handler.onFailure("cannot send " + request.getMethod() + ": " + rootMessage(e));
            return null;
        }
    }

    /** Sends a request within {@code dialog}; failures go to {@code handler}. */
    public ClientTransaction sendInDialog(Dialog dialog, Request request, ClientHandler handler) {
        try {
            ClientTransaction transaction = provider.getNewClientTransaction(request);
            transaction.setApplicationData(new Attempt(handler, 0));
            dialog.sendRequest(transaction);
            return transaction;
        } catch (SipException e) {
            log.debug("cannot send {} in dialog", request.getMethod(), e);
            handler.onFailure("cannot send " + request.getMethod() + ": " + rootMessage(e));
            return null;
        }
    }

    /** Creates a request within {@code dialog} ({@code BYE}, {@code INFO}, a re-{@code INVITE}...). */
    public Request inDialog(Dialog dialog, String method) throws SipException {
        Request request = dialog.createRequest(method);
        try {
            request.addHeader(headers.createUserAgentHeader(List.of(USER_AGENT)));
        } catch (ParseException e) {
            throw new IllegalStateException("cannot build a User-Agent header", e);
        }
        return request;
    }

    /**
     * Answers a 401/407 with credentials: the request again, with Authorization, in a new
     * transaction for the same handler. False when there are no credentials or the peer keeps
     * refusing them.
     */
    public boolean retryWithCredentials(ResponseEvent event) {
        ClientTransaction old = event.getClientTransaction();
        Attempt attempt = (Attempt) old.getApplicationData();
        Request request = old.getRequest();
        if (attempt.challenges() >= MAX_CHALLENGES) {
            preemptive.forget(senderOf(request));
            return false;
        }
        try {
            ClientTransaction retry = auth.handleChallenge(event.getResponse(), old, provider, 5, true);
            if (retry == null) {
                return false;
            }
            retry.setApplicationData(new Attempt(attempt.handler(), attempt.challenges() + 1));
            if (PreemptiveDigest.appliesTo(request.getMethod())) {
                Response challenge = event.getResponse();
                WWWAuthenticateHeader header = (WWWAuthenticateHeader) (challenge.getStatusCode()
                        == Response.PROXY_AUTHENTICATION_REQUIRED ? challenge.getHeader(ProxyAuthenticateHeader.NAME)
                        : challenge.getHeader(WWWAuthenticateHeader.NAME));
                if (header != null) {
                    preemptive.remember(senderOf(request), header);
                }
            }
            // The challenged transaction lingers for Timer D (32 s on UDP); it must not hold the call meanwhile.
            old.setApplicationData(null);
            Dialog dialog = retry.getDialog();
            if (dialog != null && dialog.getState() == DialogState.CONFIRMED) {
                dialog.sendRequest(retry);
            } else {
                retry.sendRequest();
            }
            return true;
        } catch (SipException | NullPointerException e) {
            // NullPointerException is how the helper says it found no credentials for the realm
            log.debug("cannot answer the challenge of {}", event.getResponse().getStatusCode(), e);
            return false;
        }
    }

    /** The handler a client transaction was sent for (null for one we did not send). */
    public static ClientHandler handlerOf(ClientTransaction transaction) {
        return transaction != null && transaction.getApplicationData() instanceof Attempt a ? a.handler() : null;
    }

    public ServerTransaction serverTransaction(javax.sip.RequestEvent event) throws SipException {
        ServerTransaction st = event.getServerTransaction();
        return st != null ? st : provider.getNewServerTransaction(event.getRequest());
    }

    /**
     * 503 with Retry-After: the gateway is overloaded (RFC 3261 21.5.4). A proxy tries another
     * destination or, like a phone, tries again later.
     */
    public void respondOverloaded(ServerTransaction transaction, Request request, int retryAfterSeconds) {
        try {
            respond(transaction, request, 503, null, headers.createRetryAfterHeader(retryAfterSeconds));
        } catch (InvalidArgumentException e) {
            throw new IllegalArgumentException("Retry-After of " + retryAfterSeconds + " s", e);
        }
    }

    /** Sends a response without a body; a failure only means the peer will retransmit or give up. */
    public void respond(ServerTransaction transaction, Request request, int status, String toTag, Header... extra) {
        try {
            Response response = messages.createResponse(status, request);
            for (Header header : extra) {
                response.addHeader(header);
            }
            if (toTag != null) {
                ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
                if (to.getTag() == null) {
                    to.setTag(toTag);
                }
            }
            transaction.sendResponse(response);
        } catch (ParseException | SipException | InvalidArgumentException e) {
            log.debug("cannot send {} to {}", status, request.getMethod(), e);
        }
    }

    /** Answers a request that has no server transaction (a stray or a retransmission) statelessly. */
    public void respondStateless(Request request, int status) {
        try {
            provider.sendResponse(messages.createResponse(status, request));
        } catch (ParseException | SipException e) {
            log.debug("cannot send {} to {}", status, request.getMethod(), e);
        }
    }

    public static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    /** What a client transaction carries: its handler and how many challenges were answered. */
    private record Attempt(ClientHandler handler, int challenges) {
        Attempt {
            requireNonNull(handler, "handler");
        }
    }
}
