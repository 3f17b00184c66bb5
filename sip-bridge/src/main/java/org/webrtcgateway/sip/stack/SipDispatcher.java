package org.webrtcgateway.sip.stack;

import java.net.InetAddress;
import java.text.ParseException;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;
import java.util.concurrent.RejectedExecutionException;

import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.PeerUnavailableException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.message.Message;

import gov.nist.javax.sip.message.SIPMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.webrtcgateway.core.api.CallCorrelation;
import org.webrtcgateway.core.log.RepeatedCondition;
import org.webrtcgateway.sip.edge.SourceGate;
import org.webrtcgateway.sip.edge.Verdict;

/**
 * The one {@link SipListener}: it does no SIP work itself. Requests go to a {@link RequestHandler};
 * responses and timeouts go to the {@link ClientHandler} that sent the request. Everything is
 * handed to the bridge thread, so the stack's threads never wait on the bridge and the bridge's
 * state needs no locks.
 */
public final class SipDispatcher implements SipListener {

    private static final Logger log = LoggerFactory.getLogger(SipDispatcher.class);

    /** Where requests from SIP go (on the bridge thread). */
    public interface RequestHandler {
        void onRequest(RequestEvent event);

        /** A retransmitted 2xx whose transaction is gone: re-ACK it if it belongs to a call. */
        void onStray2xx(ResponseEvent event);
    }

    /** A throttled source's token bucket refills within a second or two at any rate worth setting. */
    private static final int RETRY_AFTER_SECONDS = 1;

    /** Where refused requests are told (journal and metrics), on the stack's thread: it must not block. */
    public interface Refusals {
        /** @param request the method and Request-URI, as the peer sent them */
        void refused(InetAddress source, Verdict verdict, String request);
    }

    private final Executor bridgeThread;
    private final CallIdCorrelations correlations;
    private final RepeatedCondition transportErrors = new RepeatedCondition(log, Level.INFO, "SIP transport errors",
            RepeatedCondition.MINUTE, System::nanoTime);
    private volatile RequestHandler requests;
    /** Told the status of every response received, for the metrics. */
    private final IntConsumer responses;
    private final SourceGate gate;
    private final Refusals refusals;
    private final MessageFactory messageFactory;
    private final HeaderFactory headerFactory;

    /**
     * @param correlations the calls' correlation ids by SIP Call-ID, for the logging context of each event
     * @param responses    told the status code of every response received (metrics)
     * @param gate         which requests go on to the bridge
     * @param refusals     told of each request the gate refused, with its source
     */
    public SipDispatcher(Executor bridgeThread, CallIdCorrelations correlations, IntConsumer responses,
                         SourceGate gate, Refusals refusals) {
        this.bridgeThread = bridgeThread;
        this.correlations = correlations;
        this.responses = responses;
        this.gate = gate;
        this.refusals = refusals;
        try {
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            this.messageFactory = factory.createMessageFactory();
            this.headerFactory = factory.createHeaderFactory();
        } catch (PeerUnavailableException e) {
            throw new IllegalStateException("JAIN-SIP's reference implementation is not on the class path", e);
        }
    }

    public void setRequestHandler(RequestHandler requests) {
        this.requests = requests;
    }

    @Override
    public void processRequest(RequestEvent event) {
        InetAddress source = event.getRequest() instanceof SIPMessage m ? m.getRemoteAddress() : null;
        Verdict verdict = gate.check(source, event.getRequest().getMethod(), ofKnownDialog(event));
        if (verdict != Verdict.ACCEPT) {
            refusals.refused(source, verdict, event.getRequest().getMethod() + " " + event.getRequest().getRequestURI());
            answer(event, verdict);
            return;
        }
        RequestHandler handler = requests;
        if (handler != null) {
            run(event.getRequest(), event.getRequest().getMethod(), () -> handler.onRequest(event));
        }
    }

    /**
     * Whether the stack matched {@code event}'s request to a dialog it has (a request with a To tag: ACK, BYE,
     * re-INVITE...) or, for a CANCEL, to the INVITE transaction it cancels. A To tag alone is not enough: anyone can
     * write one.
     */
    private static boolean ofKnownDialog(RequestEvent event) {
        Request request = event.getRequest();
        if (Request.CANCEL.equals(request.getMethod())) {
            return event.getServerTransaction() != null; // the stack answers a CANCEL that matches nothing itself (481)
        }
        return event.getDialog() != null && ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null;
    }

    @Override
    public void processResponse(ResponseEvent event) {
        responses.accept(event.getResponse().getStatusCode());
        ClientHandler handler = SipEndpoint.handlerOf(event.getClientTransaction());
        String what = event.getResponse().getStatusCode() + " response";
        if (handler != null) {
            run(event.getResponse(), what, () -> handler.onResponse(event));
        } else if (event.getResponse().getStatusCode() / 100 == 2 && requests != null) {
            RequestHandler r = requests;
            run(event.getResponse(), what, () -> r.onStray2xx(event));
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (event.isServerTransaction()) {
            return;
        }
        ClientTransaction transaction = event.getClientTransaction();
        ClientHandler handler = SipEndpoint.handlerOf(transaction);
        if (handler != null) {
            run(transaction.getRequest(), "timeout", () -> handler.onFailure("no response to " + transaction.getRequest().getMethod()));
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        // The request's handler hears of it too (a failure or a timeout) and says what it means.
        transportErrors.occurred(event.getHost() + ":" + event.getPort() + " (" + event.getTransport() + ")");
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // transactions carry no state of ours beyond their handler
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // calls end on BYE, CANCEL, failure responses and keep-alive, not on the stack's dialog timers
    }

    /**
     * Answers a refused request on this stack thread, statelessly: no transaction is kept for it (a retransmission
     * is refused again, at the same small cost), and the bridge thread never sees it. A request the stack already
     * made a transaction for is answered through it: JAIN-SIP refuses to send a stateless response then ("Transaction
     * exists"), and the request would get no answer at all.
     */
    private void answer(RequestEvent event, Verdict verdict) {
        if (verdict.status == 0) {
            return;
        }
        try {
            Response response = messageFactory.createResponse(verdict.status, event.getRequest());
            ((ToHeader) response.getHeader(ToHeader.NAME)).setTag(SipEndpoint.newTag());
            if (verdict.status == Response.SERVICE_UNAVAILABLE) {
                response.addHeader(headerFactory.createRetryAfterHeader(RETRY_AFTER_SECONDS));
            }
            ServerTransaction transaction = event.getServerTransaction();
            if (transaction != null) {
                transaction.sendResponse(response);
            } else {
                ((SipProvider) event.getSource()).sendResponse(response);
            }
        } catch (ParseException | InvalidArgumentException | SipException | RuntimeException e) {
            log.debug("could not answer a refused {}: {}", event.getRequest().getMethod(), e.toString());
        }
    }

    /**
     * Hands {@code task} to the bridge thread in the scope of the call {@code message} belongs to (the bridge
     * thread's task then runs in it too), and clears it from this stack thread afterwards.
     */
    private void run(Message message, String what, Runnable task) {
        try (CallCorrelation.Scope scope = CallCorrelation.open(correlations.of(message))) {
            if (log.isDebugEnabled()) {
                log.debug("{} for Call-ID {} to the bridge thread", what, CallIdCorrelations.callIdOf(message));
            }
            bridgeThread.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("SIP event after the bridge stopped; dropped");
        }
    }
}
