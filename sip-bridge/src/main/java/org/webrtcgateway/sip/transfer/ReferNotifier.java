package org.webrtcgateway.sip.transfer;

import java.text.ParseException;

import javax.sip.Dialog;
import javax.sip.DialogState;
import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.EventHeader;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.message.Request;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.sip.stack.ClientHandler;
import org.webrtcgateway.sip.stack.SipEndpoint;

/**
 * The implicit subscription of a REFER the gateway accepted (RFC 3515 2.4.4): NOTIFYs in the referring dialog that
 * tell the referrer how the call it asked for went, each a {@code message/sipfrag} status line. Once the referrer
 * says the subscription is gone (481) or stops answering, nothing more is sent. Bridge thread only.
 */
final class ReferNotifier {

    private static final Logger log = LoggerFactory.getLogger(ReferNotifier.class);

    private final SipEndpoint endpoint;
    private final Dialog dialog;
    /** RFC 3515 2.4.6: the Event header's id is the REFER's CSeq, so that several REFERs in one dialog stay apart. */
    private final long referCseq;
    private boolean gone;
    private boolean terminated;

    ReferNotifier(SipEndpoint endpoint, Dialog dialog, long referCseq) {
        this.endpoint = endpoint;
        this.dialog = dialog;
        this.referCseq = referCseq;
    }

    /** Reports the referred call's progress; the subscription stays active for {@code expiresSeconds}. */
    void progress(int status, int expiresSeconds) {
        send(status, expiresSeconds);
    }

    /** Reports the referred call's final status (or why there is none) and ends the subscription. */
    void finish(int status) {
        send(status, -1);
        terminated = true;
    }

    boolean isTerminated() {
        return terminated;
    }

    private void send(int status, int expiresSeconds) {
        if (terminated || gone || dialog.getState() == null || dialog.getState() == DialogState.TERMINATED) {
            log.debug("refer subscription {} over: no NOTIFY for {}", referCseq, status);
            return;
        }
        try {
            Request notify = endpoint.inDialog(dialog, Request.NOTIFY);
            EventHeader event = endpoint.headers().createEventHeader("refer");
            event.setEventId(Long.toString(referCseq));
            notify.addHeader(event);
            SubscriptionStateHeader state;
            if (expiresSeconds >= 0) {
                state = endpoint.headers().createSubscriptionStateHeader(SubscriptionStateHeader.ACTIVE);
                state.setExpires(expiresSeconds);
            } else {
                state = endpoint.headers().createSubscriptionStateHeader(SubscriptionStateHeader.TERMINATED);
                state.setReasonCode(SubscriptionStateHeader.NO_RESOURCE);
            }
            notify.addHeader(state);
            ContentTypeHeader type = endpoint.headers().createContentTypeHeader("message", Sipfrag.SUBTYPE);
            type.setParameter("version", "2.0");
            notify.setContent(Sipfrag.of(status), type);
            endpoint.sendInDialog(dialog, notify, new Answered(status));
        } catch (SipException | ParseException | InvalidArgumentException e) {
            log.debug("cannot NOTIFY {} for refer {}", status, referCseq, e);
        }
    }

    private final class Answered implements ClientHandler {
        private final int status;

        Answered(int status) {
            this.status = status;
        }

        @Override
        public void onResponse(ResponseEvent event) {
            int answer = event.getResponse().getStatusCode();
            if (answer == 481 || answer == 408) {
                gone = true; // RFC 6665 4.1.3: the subscriber no longer has it
            }
            if (answer >= 300) {
                log.debug("NOTIFY {} for refer {} answered {}", status, referCseq, answer);
            }
        }

        @Override
        public void onFailure(String reason) {
            gone = true;
            log.debug("NOTIFY {} for refer {}: {}", status, referCseq, reason);
        }
    }
}
