package org.webrtcgateway.sip.call;

import java.util.ArrayDeque;
import java.util.Queue;

import javax.sip.Dialog;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.message.Request;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.sip.stack.ClientHandler;
import org.webrtcgateway.sip.stack.SipEndpoint;

/**
 * INFO requests of one dialog (DTMF tones, trickled candidates), one at a time: the next goes when
 * the previous one has its final response. A proxy with several workers may otherwise deliver
 * them out of order, and a tone sequence or an end-of-candidates must arrive last. Bridge thread only.
 */
final class InfoQueue implements ClientHandler {

    private static final Logger log = LoggerFactory.getLogger(InfoQueue.class);
    private static final int MAX_WAITING = 256;

    /** Builds the INFO when its turn comes (the dialog's CSeq is taken then). */
    interface Body {
        void fill(Request info) throws SipException, java.text.ParseException;
    }

    private final SipEndpoint endpoint;
    private final Dialog dialog;
    private final Queue<Body> waiting = new ArrayDeque<>();
    private boolean inFlight;

    InfoQueue(SipEndpoint endpoint, Dialog dialog) {
        this.endpoint = endpoint;
        this.dialog = dialog;
    }

    void send(Body body) {
        if (waiting.size() >= MAX_WAITING) {
            log.info("more than {} INFO requests waiting in one dialog; dropping one", MAX_WAITING);
            return;
        }
        waiting.add(body);
        if (!inFlight) {
            next();
        }
    }

    private void next() {
        Body body = waiting.poll();
        if (body == null) {
            inFlight = false;
            return;
        }
        inFlight = true;
        try {
            Request info = endpoint.inDialog(dialog, Request.INFO);
            body.fill(info);
            if (endpoint.sendInDialog(dialog, info, this) == null) {
                return; // onFailure already moved on
            }
        } catch (SipException | java.text.ParseException e) {
            log.debug("cannot send INFO", e);
            next();
        }
    }

    @Override
    public void onResponse(ResponseEvent event) {
        if (event.getResponse().getStatusCode() >= 200) {
            next();
        }
    }

    @Override
    public void onFailure(String reason) {
        next();
    }
}
