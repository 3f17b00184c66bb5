package org.webrtcgateway.sip;

import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.header.CSeqHeader;
import javax.sip.header.EventHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.sip.call.IncomingCall;
import org.webrtcgateway.sip.call.IncomingCalls;
import org.webrtcgateway.sip.call.SipCall;
import org.webrtcgateway.sip.call.SipCalls;
import org.webrtcgateway.sip.message.SipMessages;
import org.webrtcgateway.sip.stack.SipDispatcher;
import org.webrtcgateway.sip.stack.SipEndpoint;
import org.webrtcgateway.sip.subscribe.SipSubscriptions;
import org.webrtcgateway.sip.transfer.Transfers;

/**
 * Hands each request from SIP to the handler of its kind: a new INVITE to {@link IncomingCalls}, a
 * MESSAGE to {@link SipMessages}, a request within a dialog (and CANCEL, ACK) to the call it belongs
 * to (481 when there is none), a REFER to {@link Transfers}, a NOTIFY by its event package ({@link #onNotify}), an
 * out-of-dialog OPTIONS gets 200 and anything else 405. On the bridge
 * thread ({@link SipDispatcher} puts it there). It lives beside {@link SipBridge}, not in
 * {@code routing}, because it needs both {@code call} and {@code message}, and they need {@code routing}.
 */
final class IncomingRequests implements SipDispatcher.RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(IncomingRequests.class);

    private final SipEndpoint endpoint;
    private final SipCalls calls;
    private final IncomingCalls incoming;
    private final SipMessages messages;
    private final SipSubscriptions subscriptions;
    private final Transfers transfers;

    IncomingRequests(SipEndpoint endpoint, SipCalls calls, IncomingCalls incoming, SipMessages messages,
                     SipSubscriptions subscriptions, Transfers transfers) {
        this.endpoint = endpoint;
        this.calls = calls;
        this.incoming = incoming;
        this.messages = messages;
        this.subscriptions = subscriptions;
        this.transfers = transfers;
    }

    @Override
    public void onRequest(RequestEvent event) {
        Request request = event.getRequest();
        String method = request.getMethod();
        if (method.equals(Request.ACK)) {
            SipCall call = calls.find(request);
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
                if (calls.find(request) instanceof IncomingCall call) {
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
            case Request.REFER -> {
                SipCall call = inDialog ? calls.find(request) : null;
                if (!inDialog) {
                    transfers.onOutOfDialogRefer(transaction, request);
                } else if (call != null) {
                    transfers.onRefer(call, event, transaction);
                } else {
                    endpoint.respond(transaction, request, 481, null);
                }
            }
            case Request.NOTIFY -> onNotify(event, transaction);
            default -> endpoint.respond(transaction, request, 405, null);
        }
    }

    /**
     * NOTIFYs go by their event package (RFC 6665 8.2.1), here and only here: a REFER's progress to {@link Transfers},
     * busy lamps and voice-mail lights to {@link SipSubscriptions}; a package the bridge never subscribes to gets 489.
     */
    private void onNotify(RequestEvent event, ServerTransaction transaction) {
        Request request = event.getRequest();
        String eventPackage = request.getHeader(EventHeader.NAME) instanceof EventHeader header && header.getEventType() != null
                ? header.getEventType().toLowerCase(java.util.Locale.ROOT) : "";
        switch (eventPackage) {
            case "refer" -> transfers.onNotify(calls.find(request), event, transaction);
            case "dialog", "presence", "message-summary" -> subscriptions.onNotify(event, transaction);
            case "" -> endpoint.respond(transaction, request, 400, null); // RFC 6665 requires Event
            default -> endpoint.respond(transaction, request, 489, null);
        }
    }

    private void inDialog(RequestEvent event, ServerTransaction transaction) {
        SipCall call = calls.find(event.getRequest());
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
}
