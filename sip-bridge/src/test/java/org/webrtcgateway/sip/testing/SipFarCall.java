package org.webrtcgateway.sip.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import javax.sip.Dialog;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.webrtcgateway.testing.contract.FarCall;

/**
 * One call of a {@link SipFarSide}, from either end: an INVITE the gateway sent it (answered here with
 * 180, 200 with SDP, 486 or 603) or one it sent the gateway (ACKed here). It does not trickle ICE over
 * SIP: its candidates go into its answer as {@code a=candidate} lines, and the browser's are those in
 * the INVITE's SDP. Events from SIP ({@link #acked}, {@link #ended}) come on JAIN-SIP's thread.
 */
public final class SipFarCall implements FarCall {

    private enum Event { ACKED, ENDED }

    private final SipAgent agent;
    private final String sipCallId;
    /** The gateway's INVITE to this side, or null when this side called. */
    private final ServerTransaction incoming;
    /** This side's INVITE to the gateway, or null when the gateway called. */
    private final SipAgent.Sent outgoing;
    private final String offer;
    private final String toTag = Long.toHexString(System.nanoTime());
    private final List<String> candidates = new ArrayList<>();
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private volatile Dialog dialog;
    private boolean acked;

    private SipFarCall(SipAgent agent, String sipCallId, ServerTransaction incoming, SipAgent.Sent outgoing, String offer) {
        this.agent = agent;
        this.sipCallId = sipCallId;
        this.incoming = incoming;
        this.outgoing = outgoing;
        this.offer = offer;
    }

    /** The gateway's INVITE, already answered with 100 Trying. */
    static SipFarCall answering(SipAgent agent, String sipCallId, ServerTransaction invite) {
        return new SipFarCall(agent, sipCallId, invite, null, SipAgent.body(invite.getRequest()));
    }

    /** This side's INVITE with {@code offer}, sent. */
    static SipFarCall calling(SipAgent agent, String sipCallId, SipAgent.Sent invite, String offer) {
        return new SipFarCall(agent, sipCallId, null, invite, offer);
    }

    public String sipCallId() {
        return sipCallId;
    }

    // ------------------------------------------------------------------ a call the gateway placed

    @Override
    public String offer() {
        return offer;
    }

    @Override
    public void ringing() {
        agent.respond(incoming(), Response.RINGING, toTag, null);
    }

    @Override
    public void answer(String sdp) {
        agent.respond(incoming(), Response.OK, toTag, withCandidates(sdp));
        dialog = incoming.getDialog();
    }

    @Override
    public void reject(String reason) {
        int status = switch (reason) {
            case "busy" -> Response.BUSY_HERE;
            case "decline" -> Response.DECLINE;
            default -> throw new IllegalArgumentException("no SIP status for the reason " + reason);
        };
        agent.respond(incoming(), status, toTag, null);
    }

    /** Without trickle over SIP a candidate can only go in the answer; a later one would be lost. */
    @Override
    public void candidate(String candidateLine) {
        if (dialog != null) {
            throw new IllegalStateException("this SIP side does not trickle: a candidate after the answer cannot reach the browser");
        }
        candidates.add(candidateLine);
    }

    /** The INVITE's SDP holds every browser candidate this side will get: the bridge gathered them before sending it. */
    @Override
    public void awaitCandidate(String candidateLine) {
        if (offer == null || offer.lines().noneMatch(line -> line.equals("a=" + candidateLine))) {
            throw new AssertionError("the INVITE's SDP has no a=" + candidateLine + ":\n" + offer);
        }
    }

    /** {@code sdp} with this side's candidates as {@code a=candidate} lines of its first (the contract's only) media section. */
    private String withCandidates(String sdp) {
        if (candidates.isEmpty()) {
            return sdp;
        }
        String eol = "\r\n";
        StringBuilder out = new StringBuilder();
        boolean inFirstSection = false;
        boolean added = false;
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("m=") && inFirstSection && !added) {
                candidates.forEach(c -> out.append("a=").append(c).append(eol));
                added = true;
            }
            inFirstSection |= line.startsWith("m=");
            out.append(line).append(eol);
        }
        if (!added) {
            candidates.forEach(c -> out.append("a=").append(c).append(eol));
        }
        return out.toString();
    }

    // ------------------------------------------------------------------ a call this side placed

    @Override
    public String awaitAnswer() {
        if (outgoing == null) {
            throw new IllegalStateException("the gateway placed this call; it answers nothing");
        }
        ResponseEvent ok = outgoing.await("the 200 OK with the browser's answer", response -> response.getStatusCode() / 100 == 2);
        agent.ack(ok);
        dialog = ok.getDialog();
        acked = true;
        return SipAgent.body(ok.getResponse());
    }

    // ------------------------------------------------------------------ either way

    @Override
    public void hangUp() {
        if (dialog == null) {
            throw new IllegalStateException("not established: nothing to hang up");
        }
        if (!acked) {
            // A BYE sent before the gateway's ACK arrived could overtake it at the proxy.
            awaitEvent(Event.ACKED, "the gateway's ACK to our 200 OK");
        }
        agent.sendInDialog(dialog, Request.BYE).awaitSuccess();
    }

    @Override
    public void awaitEnded() {
        awaitEvent(Event.ENDED, "the gateway's BYE or CANCEL");
    }

    private synchronized void awaitEvent(Event wanted, String what) {
        while (true) {
            Event event = SipAgent.take(events, what + " in call " + sipCallId);
            if (event == Event.ACKED) {
                acked = true;
            }
            if (event == wanted) {
                return;
            }
        }
    }

    // ------------------------------------------------------------------ from SIP (JAIN-SIP's thread)

    void acked() {
        events.add(Event.ACKED);
    }

    /** The gateway's BYE (already answered 200). */
    void ended() {
        events.add(Event.ENDED);
    }

    /** The gateway's CANCEL (already answered 200): the INVITE ends with 487, as RFC 3261 9.2 says. */
    void cancelled() {
        if (incoming != null) {
            agent.respond(incoming, Response.REQUEST_TERMINATED, toTag, null);
        }
        events.add(Event.ENDED);
    }

    private ServerTransaction incoming() {
        if (incoming == null) {
            throw new IllegalStateException("this side placed the call; only the gateway's INVITE is answered here");
        }
        return incoming;
    }

    @Override
    public String toString() {
        return "SIP call " + sipCallId + (incoming != null ? " from the gateway" : " to the gateway");
    }
}
