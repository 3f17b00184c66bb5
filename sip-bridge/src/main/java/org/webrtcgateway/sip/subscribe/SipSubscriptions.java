package org.webrtcgateway.sip.subscribe;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.header.CallIdHeader;
import javax.sip.header.EventHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.webrtcgateway.core.api.BridgeContext;
import org.webrtcgateway.sip.stack.SipEndpoint;

/**
 * The bridge's subscriptions (busy lamps and voice-mail lights) and where their NOTIFYs go: to the
 * subscription whose dialog they are in, an unsolicited message-summary to {@link MessageWaiting}, and
 * anything else 481. Bridge thread, except {@link BusyLamps#reserve}.
 */
public final class SipSubscriptions {

    private final SipEndpoint endpoint;
    private final SubscriptionTable table = new SubscriptionTable();
    private final BusyLamps busyLamps;
    private final MessageWaiting messageWaiting;

    /** @param userBySipUser the gateway user whose account has this user part, or null */
    public SipSubscriptions(SipEndpoint endpoint, ScheduledExecutorService executor, BridgeContext gateway, SubscribeConfig config,
                            Function<String, String> userBySipUser) {
        this.endpoint = endpoint;
        this.busyLamps = new BusyLamps(endpoint, executor, table, gateway, config);
        this.messageWaiting = new MessageWaiting(endpoint, executor, table, gateway, config, userBySipUser);
    }

    public BusyLamps busyLamps() {
        return busyLamps;
    }

    public MessageWaiting messageWaiting() {
        return messageWaiting;
    }

    /** A NOTIFY of the dialog, presence or message-summary package. */
    public void onNotify(RequestEvent event, ServerTransaction transaction) {
        Request request = event.getRequest();
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        String toTag = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag();
        Subscription subscription = table.find(callId, toTag);
        if (subscription != null) {
            subscription.onNotify(event, transaction);
            return;
        }
        EventHeader eventHeader = (EventHeader) request.getHeader(EventHeader.NAME);
        if (toTag == null && EventPackage.named(eventHeader.getEventType()).orElse(null) == EventPackage.MESSAGE_SUMMARY) {
            messageWaiting.onUnsolicited(event, transaction);
            return;
        }
        endpoint.respond(transaction, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
    }

    /** A user's session ended: their busy lamps go out. */
    public void userOffline(String user) {
        busyLamps.userGone(user);
    }

    /** Ends every subscription; completes when every notifier answered or gave up. */
    public CompletableFuture<Void> stopAll() {
        return CompletableFuture.allOf(busyLamps.stopAll(), messageWaiting.stopAll());
    }

    /** Subscriptions with a live dialog (for tests and operators). Bridge thread. */
    public int live() {
        return table.size();
    }
}
