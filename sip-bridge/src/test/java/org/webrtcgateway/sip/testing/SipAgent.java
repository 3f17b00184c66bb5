package org.webrtcgateway.sip.testing;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import gov.nist.javax.sip.SipStackExt;
import gov.nist.javax.sip.clientauthutils.AuthenticationHelper;
import gov.nist.javax.sip.clientauthutils.UserCredentials;

import org.webrtcgateway.sip.stack.Slf4jServerLogger;
import org.webrtcgateway.sip.stack.Slf4jStackLogger;

/**
 * A SIP user agent for tests, on JAIN-SIP: one account ({@code sip:<user>@localhost}) on a loopback
 * UDP port, every out-of-dialog request through the proxy (a {@code Route} header, as the bridge does),
 * digest challenges answered with JAIN-SIP's own {@link AuthenticationHelper}. A second stack in the
 * gateway's JVM, so it has a name of its own. Incoming requests go to the handler given at start, on
 * JAIN-SIP's thread; responses queue up for the test thread that sent the request ({@link Sent}).
 */
public final class SipAgent implements RequestListener, AutoCloseable {

    /** How long a wait for SIP lasts before it fails the test: above the bridge's gathering deadline. */
    public static final Duration WAIT = Duration.ofSeconds(10);

    private final String user;
    private final String password;
    private final String proxy;
    private final int port;
    private final Consumer<RequestEvent> requests;
    private SipStack stack;
    private SipProvider provider;
    private HeaderFactory headers;
    private AddressFactory addresses;
    private MessageFactory messages;
    private AuthenticationHelper digest;

    private SipAgent(String user, String password, String proxy, int port, Consumer<RequestEvent> requests) {
        this.user = user;
        this.password = password;
        this.proxy = proxy;
        this.port = port;
        this.requests = requests;
    }

    /**
     * Starts a user agent for account {@code user} on a free loopback port.
     *
     * @param proxy    {@code host:port} every out-of-dialog request goes through
     * @param requests gets every incoming request, on JAIN-SIP's thread: it must answer and not block
     */
    public static SipAgent start(String user, String password, String proxy, Consumer<RequestEvent> requests) {
        SipAgent agent = new SipAgent(user, password, proxy, FreePorts.udpAndTcp(), requests);
        try {
            agent.open();
        } catch (Exception e) {
            agent.close();
            throw new IllegalStateException("cannot start a SIP user agent for " + user, e);
        }
        return agent;
    }

    private void open() throws Exception {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        Properties p = new Properties();
        // The stack's name must differ from the gateway's (and the previous test's), or the factory hands back that stack.
        p.setProperty("javax.sip.STACK_NAME", "test-agent-" + user + "-" + port);
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jServerLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        stack = factory.createSipStack(p);
        provider = stack.createSipProvider(stack.createListeningPoint("127.0.0.1", port, "udp"));
        provider.addSipListener(this);
        headers = factory.createHeaderFactory();
        addresses = factory.createAddressFactory();
        messages = factory.createMessageFactory();
        digest = ((SipStackExt) stack).getAuthenticationHelper((transaction, realm) -> new UserCredentials() {
            @Override
            public String getUserName() {
                return user;
            }

            @Override
            public String getPassword() {
                return password;
            }

            @Override
            public String getSipDomain() {
                return realm;
            }
        }, headers);
        stack.start();
    }

    /** {@code sip:<user>@localhost}: the account's address of record. */
    public String aor() {
        return "sip:" + user + "@" + KamailioExtension.DOMAIN;
    }

    // ------------------------------------------------------------------ requests out

    /** An out-of-dialog request from this account to {@code target} (Request-URI and To), through the proxy. */
    public Request newRequest(String method, String target) {
        try {
            FromHeader from = headers.createFromHeader(addresses.createAddress(addresses.createURI(aor())), Long.toHexString(System.nanoTime()));
            ToHeader to = headers.createToHeader(addresses.createAddress(addresses.createURI(target)), null);
            ViaHeader via = headers.createViaHeader("127.0.0.1", port, "udp", null);
            Request request = messages.createRequest(addresses.createURI(target), method, provider.getNewCallId(),
                    headers.createCSeqHeader(1L, method), from, to, List.of(via), headers.createMaxForwardsHeader(70));
            SipURI route = (SipURI) addresses.createURI("sip:" + proxy);
            route.setLrParam();
            request.addHeader(headers.createRouteHeader(addresses.createAddress(route)));
            if (!method.equals(Request.MESSAGE)) {
                request.addHeader(contact());
            }
            return request;
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalStateException("cannot build " + method + " to " + target, e);
        }
    }

    /** A REGISTER of {@code contact} for {@code seconds} (0: remove it) at the registrar of {@code localhost}. */
    public Request newRegister(ContactHeader contact, int seconds) {
        Request register = newRequest(Request.REGISTER, aor());
        try {
            register.setRequestURI(addresses.createURI("sip:" + KamailioExtension.DOMAIN));
            register.setHeader(contact);
            register.setHeader(headers.createExpiresHeader(seconds));
            return register;
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalStateException("cannot build a REGISTER for " + aor(), e);
        }
    }

    public void setBody(Message message, String type, String subtype, String body) {
        try {
            message.setContent(body, headers.createContentTypeHeader(type, subtype));
        } catch (ParseException e) {
            throw new IllegalStateException("cannot set a " + type + "/" + subtype + " body", e);
        }
    }

    /** Where this agent takes requests: {@code <sip:user@127.0.0.1:port>}. */
    public ContactHeader contact() {
        try {
            return headers.createContactHeader(addresses.createAddress(addresses.createURI("sip:" + user + "@127.0.0.1:" + port)));
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The wildcard Contact ({@code *}) of a REGISTER that removes every contact of the account. */
    public ContactHeader everyContact() {
        return headers.createContactHeader();
    }

    /** Sends an out-of-dialog request (or a dialog's first INVITE); its responses queue up in the result. */
    public Sent send(Request request) {
        try {
            Sent sent = new Sent(request.getMethod());
            ClientTransaction transaction = provider.getNewClientTransaction(request);
            transaction.setApplicationData(sent);
            transaction.sendRequest();
            return sent;
        } catch (SipException e) {
            throw new IllegalStateException("cannot send " + request.getMethod(), e);
        }
    }

    /** Sends {@code method} (e.g. BYE) in {@code dialog}; its responses queue up in the result. */
    public Sent sendInDialog(Dialog dialog, String method) {
        try {
            Sent sent = new Sent(method);
            ClientTransaction transaction = provider.getNewClientTransaction(dialog.createRequest(method));
            transaction.setApplicationData(sent);
            dialog.sendRequest(transaction);
            return sent;
        } catch (SipException e) {
            throw new IllegalStateException("cannot send " + method + " in " + dialog, e);
        }
    }

    /** ACKs the 2xx that {@code ok} is (RFC 3261: the UAC's job, in the dialog the 2xx confirmed). */
    public void ack(ResponseEvent ok) {
        try {
            Dialog dialog = ok.getDialog();
            long cseq = ((CSeqHeader) ok.getResponse().getHeader(CSeqHeader.NAME)).getSeqNumber();
            dialog.sendAck(dialog.createAck(cseq));
        } catch (SipException | InvalidArgumentException e) {
            throw new IllegalStateException("cannot ACK " + ok.getResponse().getStatusCode(), e);
        }
    }

    /** The responses to one request this agent sent, for the test thread; digest challenges answered on the way. */
    public final class Sent {
        private final String method;
        private final BlockingQueue<ResponseEvent> responses = new LinkedBlockingQueue<>();
        private boolean challenged;

        private Sent(String method) {
            this.method = method;
        }

        /** The final response, which must be a 2xx. */
        public ResponseEvent awaitSuccess() {
            ResponseEvent event = await("a final response", response -> response.getStatusCode() >= 200);
            int status = event.getResponse().getStatusCode();
            if (status >= 300) {
                throw new AssertionError(method + " from " + aor() + " refused: " + event.getResponse());
            }
            return event;
        }

        /**
         * The next response that is {@code wanted}, passing over provisional ones that are not. A first
         * 401/407 is answered with credentials (the retry's responses come here too); any other final
         * response that is not wanted fails the test.
         */
        public ResponseEvent await(String what, Predicate<Response> wanted) {
            while (true) {
                ResponseEvent event = take(responses, "a response to " + method + " from " + aor() + ": " + what);
                Response response = event.getResponse();
                int status = response.getStatusCode();
                if ((status == 401 || status == 407) && !challenged) {
                    challenged = true;
                    answer(event);
                } else if (wanted.test(response)) {
                    return event;
                } else if (status >= 200) {
                    throw new AssertionError(method + " from " + aor() + " got " + status + " waiting for " + what + ": " + response);
                }
            }
        }

        private void answer(ResponseEvent challenge) {
            try {
                ClientTransaction retry = digest.handleChallenge(challenge.getResponse(), challenge.getClientTransaction(), provider, 5, true);
                retry.setApplicationData(this);
                retry.sendRequest();
            } catch (SipException e) {
                throw new IllegalStateException("cannot answer the challenge to " + method, e);
            }
        }
    }

    // ------------------------------------------------------------------ responses out

    /**
     * Answers the request of {@code transaction}: with our {@code toTag} to an INVITE (and our Contact when
     * the response forms a dialog), with an SDP body when given.
     */
    public void respond(ServerTransaction transaction, int status, String toTag, String sdp) {
        try {
            Response response = messages.createResponse(status, transaction.getRequest());
            if (toTag != null) {
                ((ToHeader) response.getHeader(ToHeader.NAME)).setTag(toTag);
                if (status < 300) {
                    response.addHeader(contact());
                }
            }
            if (sdp != null) {
                setBody(response, "application", "sdp", sdp);
            }
            transaction.sendResponse(response);
        } catch (ParseException | SipException | InvalidArgumentException e) {
            throw new IllegalStateException("cannot send " + status + " to " + transaction.getRequest().getMethod(), e);
        }
    }

    /** The request's server transaction (JAIN-SIP makes one for a request of a dialog it knows; else we do). */
    public ServerTransaction serverTransaction(RequestEvent event) {
        try {
            return event.getServerTransaction() != null ? event.getServerTransaction()
                    : provider.getNewServerTransaction(event.getRequest());
        } catch (SipException e) {
            throw new IllegalStateException("no server transaction for " + event.getRequest().getMethod(), e);
        }
    }

    /** A message's body as text, or null without one. */
    public static String body(Message message) {
        byte[] raw = message.getRawContent();
        return raw == null || raw.length == 0 ? null : new String(raw, StandardCharsets.UTF_8);
    }

    /** The next element of {@code queue}, failing the test after {@link #WAIT} without one. */
    public static <T> T take(BlockingQueue<T> queue, String what) {
        try {
            T next = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (next == null) {
                throw new AssertionError("no " + what + " within " + WAIT);
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ SipListener (JAIN-SIP's threads)

    @Override
    public void processRequest(RequestEvent event) {
        requests.accept(event);
    }

    @Override
    public void processResponse(ResponseEvent event) {
        // A retransmitted 2xx comes without a transaction: the stack ACKs it again by itself.
        if (event.getClientTransaction() != null && event.getClientTransaction().getApplicationData() instanceof Sent sent) {
            sent.responses.add(event);
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        // the request's waiter fails on its own deadline, saying what it waited for
    }

    @Override
    public void close() {
        if (stack != null) {
            stack.stop();
        }
    }
}
