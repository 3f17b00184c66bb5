package org.webrtcgateway.sip.subscribe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.BridgeContext;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.core.log.RepeatedCondition;
import org.webrtcgateway.sip.SipAccount;
import org.webrtcgateway.sip.call.SipCall;
import org.webrtcgateway.sip.stack.SipEndpoint;

/**
 * The voice-mail light (RFC 3842): for each registered account a message-summary subscription to its mailbox
 * (its address of record unless {@code sip.account.<user>.mailbox} says otherwise), and the unsolicited
 * message-summary NOTIFYs a PBX sends to the account's contact (Asterisk does). Each summary reaches the
 * account's user as {@code mailbox} when it changes, and the last one again at login. Bridge thread only.
 */
public final class MessageWaiting {

    private static final Logger log = LoggerFactory.getLogger(MessageWaiting.class);

    private final SipEndpoint endpoint;
    private final ScheduledExecutorService executor;
    private final SubscriptionTable table;
    private final BridgeContext gateway;
    private final SubscribeConfig config;
    /** Gateway users by the user part of their address of record (live), for unsolicited NOTIFYs. */
    private final Function<String, String> userBySipUser;
    private final Map<String, Subscription> subscriptions = new HashMap<>();
    /** The last summary of each user's mailbox, shown again when they log in. */
    private final Map<String, Signal.Mailbox> last = new HashMap<>();
    private final RepeatedCondition malformed = new RepeatedCondition(log, org.slf4j.event.Level.INFO,
            "unsolicited message-summary NOTIFYs refused (400)", RepeatedCondition.MINUTE, System::nanoTime);

    MessageWaiting(SipEndpoint endpoint, ScheduledExecutorService executor, SubscriptionTable table, BridgeContext gateway,
                   SubscribeConfig config, Function<String, String> userBySipUser) {
        this.endpoint = endpoint;
        this.executor = executor;
        this.table = table;
        this.gateway = gateway;
        this.config = config;
        this.userBySipUser = userBySipUser;
    }

    /** {@code account} registered: subscribe to its mailbox, unless it is subscribed already or has none to. */
    public void registered(SipAccount account) {
        if (account.user() == null || subscriptions.containsKey(account.user())) {
            return;
        }
        Optional<String> mailbox = config.mailboxOf(account.user(), account.aor());
        if (mailbox.isEmpty()) {
            return;
        }
        Address.External from = (Address.External) Address.parse(mailbox.get()).orElseThrow();
        Subscription subscription = new Subscription(endpoint, executor, table, account, mailbox.get(),
                List.of(EventPackage.MESSAGE_SUMMARY), config.expires(), new Light(account.user(), from));
        subscriptions.put(account.user(), subscription);
        subscription.start();
    }

    /** {@code account} no longer registers (its user's session ended, or the bridge stops): un-SUBSCRIBE. */
    public void unregistered(SipAccount account) {
        if (account.user() == null) {
            return;
        }
        Subscription subscription = subscriptions.remove(account.user());
        if (subscription != null) {
            subscription.stop();
        }
        last.remove(account.user());
    }

    /** {@code user} logged in: the light as last known. */
    public void userOnline(String user) {
        Signal.Mailbox mailbox = last.get(user);
        if (mailbox != null) {
            gateway.deliver(new Address.Local(user), mailbox);
        }
    }

    /** A message-summary NOTIFY outside any subscription, to an account's contact. */
    public void onUnsolicited(RequestEvent event, ServerTransaction transaction) {
        Request request = event.getRequest();
        String user = request.getRequestURI() instanceof SipURI uri && uri.getUser() != null ? userBySipUser.apply(uri.getUser()) : null;
        if (user == null) {
            endpoint.respond(transaction, request, Response.NOT_FOUND, null);
            return;
        }
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        EventPackage p = EventPackage.MESSAGE_SUMMARY;
        if (type == null || !type.getContentType().equalsIgnoreCase(p.type) || !type.getContentSubType().equalsIgnoreCase(p.subtype)) {
            endpoint.respond(transaction, request, Response.UNSUPPORTED_MEDIA_TYPE, null);
            return;
        }
        MessageSummary summary;
        try {
            summary = MessageSummary.parse(SipCall.body(request));
        } catch (MalformedBody e) {
            malformed.occurred(e.getMessage());
            endpoint.respond(transaction, request, Response.BAD_REQUEST, null);
            return;
        }
        endpoint.respond(transaction, request, Response.OK, null);
        Address.External to = toAddress(request);
        show(user, summary, to);
    }

    CompletableFuture<Void> stopAll() {
        List<CompletableFuture<Void>> ends = new ArrayList<>();
        subscriptions.values().forEach(subscription -> ends.add(subscription.stop()));
        subscriptions.clear();
        return CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new));
    }

    /** The To of an unsolicited NOTIFY (the account's address of record), the mailbox's address when the body names none. */
    private static Address.External toAddress(Request request) {
        javax.sip.header.ToHeader to = (javax.sip.header.ToHeader) request.getHeader(javax.sip.header.ToHeader.NAME);
        if (to != null && to.getAddress().getURI() instanceof SipURI uri) {
            String text = (uri.isSecure() ? "sips:" : "sip:") + (uri.getUser() != null ? uri.getUser() + "@" : "") + uri.getHost()
                    + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
            Optional<Address> parsed = Address.parse(text);
            if (parsed.isPresent() && parsed.get() instanceof Address.External external) {
                return external;
            }
        }
        return null;
    }

    private void show(String user, MessageSummary summary, Address.External mailbox) {
        Address.External from = summary.account().flatMap(Address::parse)
                .filter(Address.External.class::isInstance).map(Address.External.class::cast)
                .filter(a -> !a.scheme().equals("xmpp"))
                .orElse(mailbox);
        if (from == null) {
            log.debug("message summary for {} without an address to show it from; dropped", user);
            return;
        }
        Signal.Mailbox mailboxSignal = new Signal.Mailbox(from, summary.newMessages(), summary.oldMessages());
        if (mailboxSignal.equals(last.put(user, mailboxSignal))) {
            return; // a refresh's NOTIFY repeats the summary: the browser hears of changes
        }
        gateway.deliver(new Address.Local(user), mailboxSignal);
    }

    /** One account's message-summary subscription: its NOTIFYs light the user's lamp. */
    private final class Light implements Subscription.Owner {
        private final String user;
        private final Address.External mailbox;

        Light(String user, Address.External mailbox) {
            this.user = user;
            this.mailbox = mailbox;
        }

        @Override
        public void onBody(EventPackage eventPackage, String body) throws MalformedBody {
            show(user, MessageSummary.parse(body), mailbox);
        }

        @Override
        public void onUnavailable(String why, boolean retrying) {
            if (!retrying) {
                log.info("{}: no message-waiting subscription ({}); the voice-mail light follows the PBX's unsolicited NOTIFYs only",
                        user, why);
            }
        }
    }
}
