package org.webrtcgateway.core.call;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.Outcome;
import org.webrtcgateway.core.access.AccessRefusals;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.Bridge;
import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.core.cluster.Cluster;
import org.webrtcgateway.core.config.CoreConfig;
import org.webrtcgateway.core.log.RepeatedCondition;
import org.webrtcgateway.core.protocol.ClientMessage;
import org.webrtcgateway.core.protocol.RequestId;
import org.webrtcgateway.core.protocol.ServerMessage.CallResult;
import org.webrtcgateway.core.routing.Route;
import org.webrtcgateway.core.routing.Router;
import org.webrtcgateway.core.session.Session;
import org.webrtcgateway.core.session.SessionRegistry;

/**
 * Calls: set-up, negotiation relay and tear-down, between two local users or a local user and an
 * address behind a bridge. Relayed signals keep their order because each sender's requests are
 * handled one after another on its connection's thread.
 */
@Singleton
public final class CallService {

    /** The {@code reason} of a {@code bye} sent for a party whose session ended. */
    public static final String REASON_GONE = "gone";
    /** The {@code reason} of the {@code bye} that ends a call its far side was transferred from. */
    public static final String REASON_TRANSFERRED = "transferred";

    private static final Logger log = LoggerFactory.getLogger(CallService.class);
    /** One line a minute with the last user refused, whatever the number of refusals. */
    private final RepeatedCondition tooManyAttempts = RepeatedCondition.warn(log,
            "new calls refused over call.attempts-per-minute");

    private final Router router;
    private final SessionRegistry sessions;
    private final CoreConfig config;
    private final CallMeters meters;
    private final AccessRefusals refusals;
    private final Cluster cluster;

    @Inject
    CallService(Router router, SessionRegistry sessions, CoreConfig config, CallMeters meters, AccessRefusals refusals,
                Cluster cluster) {
        this.cluster = cluster;
        this.refusals = refusals;
        this.router = router;
        this.sessions = sessions;
        this.config = config;
        this.meters = meters;
    }

    // ------------------------------------------------------------------ from a local user

    public Outcome offer(Session caller, ClientMessage.Offer offer) {
        if (config.sdpTooLong(offer.sdp().length() - 2) && config.sdpTooLong(offer.sdp().text().length())) {
            return sdpTooLarge();
        }
        if (offer.call() != null) {
            Call existing = caller.call(offer.call());
            if (existing != null) {
                return Outcome.of(relay(caller, existing, new Signal.Offer(caller.address(), existing.id(), offer.sdp())));
            }
            if (offer.to() == null) {
                return Outcome.failed(ErrorCode.UNKNOWN_CALL, "no call '" + offer.call() + "' to renegotiate; a new call needs 'to'");
            }
        }
        if (offer.to().equals(caller.address())) {
            return Outcome.failed(ErrorCode.BAD_MESSAGE, "a user cannot call itself");
        }
        // Counted before the access rules: probing for a number that gets through is attempts too.
        if (!caller.tryCallAttempt(config.callAttemptsPerMinute(), System.nanoTime())) {
            tooManyAttempts.occurred(caller.name());
            return Outcome.failed(ErrorCode.RATE_LIMITED, "more than " + config.callAttemptsPerMinute()
                    + " new calls a minute (call.attempts-per-minute); try again in a moment");
        }
        String refusal = caller.access().refusesCall(offer.to());
        if (refusal != null) {
            return refusals.refuse(caller, AccessRefusals.What.CALL, "a call to " + offer.to(), refusal);
        }
        if (!caller.mayStartACall()) {
            return Outcome.failed(ErrorCode.BUSY, "you are in " + caller.access().maxCalls()
                    + " calls already (call.max-per-user, access.default.max-calls or the token's max_calls)");
        }
        Route route = router.resolve(offer.to());
        if (route instanceof Route.Refused refused) {
            return Outcome.failed(refused.code(), refused.message());
        }
        CallParty callee = ((Route.Reached) route).party();
        // Refused before it is accepted: an 'ok' followed by a bye would tell the caller the call had begun.
        RouteResult admitted = callee.admitsNewCall();
        if (!admitted.isAccepted()) {
            return Outcome.of(admitted);
        }
        String id = offer.call() != null ? offer.call() : sessions.newCallId();
        Call call = new Call(id, caller, callee);
        RouteResult placed = place(call, new Signal.Offer(caller.address(), id, offer.sdp()));
        if (!placed.isAccepted()) {
            return Outcome.of(placed);
        }
        // An offer without a call id must learn the id the gateway chose, even without a request id.
        return offer.call() == null ? Outcome.always(new CallResult(id)) : Outcome.ok(new CallResult(id));
    }

    public Outcome answer(Session from, ClientMessage.Answer answer) {
        if (config.sdpTooLong(answer.sdp().length() - 2) && config.sdpTooLong(answer.sdp().text().length())) {
            return sdpTooLarge();
        }
        return find(from, answer.call(), answer.to()).map(call -> {
            RouteResult relayed = relay(from, call, new Signal.Answer(from.address(), call.id(), answer.sdp()));
            if (relayed.isAccepted()) {
                meters.answered(call);
            }
            return Outcome.of(relayed);
        });
    }

    public Outcome candidate(Session from, ClientMessage.Candidate candidate) {
        return find(from, candidate.call(), candidate.to())
                .map(call -> Outcome.of(relay(from, call, new Signal.Candidate(from.address(), call.id(), candidate.candidate()))));
    }

    public Outcome ringing(Session from, ClientMessage.Ringing ringing) {
        return find(from, ringing.call(), null).map(call -> Outcome.of(relay(from, call, new Signal.Ringing(from.address(), call.id()))));
    }

    public Outcome reject(Session from, ClientMessage.Reject reject) {
        String reason = reject.reason() != null ? reject.reason() : "decline";
        return find(from, reject.call(), null).map(call -> {
            end(call, from, reason);
            return Outcome.ok();
        });
    }

    public Outcome bye(Session from, ClientMessage.Bye bye) {
        return find(from, bye.call(), bye.to()).map(call -> {
            end(call, from, bye.reason());
            return Outcome.ok();
        });
    }

    public Outcome dtmf(Session from, ClientMessage.Dtmf dtmf) {
        int duration = dtmf.duration() != null ? dtmf.duration() : config.defaultDtmfDuration();
        return find(from, dtmf.call(), null)
                .map(call -> Outcome.of(relay(from, call, new Signal.Dtmf(from.address(), call.id(), dtmf.tones(), duration))));
    }

    /**
     * A blind transfer of {@code call} to {@code to}. A browser on the other side gets {@code transfer} and acts on it
     * itself, so the reply is {@code ok} once it has it; a bridged party asks its network (SIP REFER), and the reply
     * waits for the {@link Signal.TransferResult} its bridge sends back (or for the call's end). The target is held to
     * the caller's access rules: a transfer must not reach what a call may not.
     */
    public Outcome transfer(Session from, ClientMessage.Transfer transfer, RequestId id) {
        if (transfer.to().equals(from.address())) {
            return Outcome.failed(ErrorCode.BAD_MESSAGE, "a call cannot be transferred to yourself");
        }
        String refusal = from.access().refusesCall(transfer.to());
        if (refusal != null) {
            return refusals.refuse(from, AccessRefusals.What.CALL, "a transfer to " + transfer.to(), refusal);
        }
        return find(from, transfer.call(), null).map(call -> {
            Signal.Transfer signal = new Signal.Transfer(from.address(), call.id(), transfer.to());
            if (!call.other(from).answersTransfers()) {
                return Outcome.of(relay(from, call, signal));
            }
            if (!call.startTransfer(new PendingTransfer(from, id))) {
                return Outcome.failed(ErrorCode.BAD_MESSAGE, "a transfer of call '" + call.id() + "' is under way already");
            }
            RouteResult relayed = relay(from, call, signal);
            if (!relayed.isAccepted()) {
                call.finishTransfer();
                return Outcome.of(relayed);
            }
            return Outcome.deferred();
        });
    }

    /** Ends every call of a session that is going away; the other sides get {@code bye} with reason {@code gone}. */
    public void endAll(Session session) {
        for (Call call : session.calls()) {
            end(call, session, REASON_GONE);
        }
    }

    // ------------------------------------------------------------------ from a bridge

    /** A call signal a bridge delivers to a local user, from the address {@code signal.from()} behind {@code bridge}. */
    public RouteResult fromBridge(Bridge bridge, Session to, Signal.CallSignal signal) {
        return fromFarParty(router.bridgedParty(signal.from(), bridge), to, signal);
    }

    /**
     * A call signal for a local user from a party this node does not hold ({@code far}: an address behind a bridge,
     * or, in a cluster, a user or a bridged call on another node). An offer for a call the user does not have is an
     * incoming call from {@code far}; anything else must belong to a call between {@code far} and the user.
     */
    public RouteResult fromFarParty(CallParty far, Session to, Signal.CallSignal signal) {
        Call call = to.call(signal.call());
        if (call == null) {
            if (signal instanceof Signal.Offer offer) {
                return incoming(far, to, offer);
            }
            return RouteResult.rejected(ErrorCode.UNKNOWN_CALL, to.name() + " has no call '" + signal.call() + "'");
        }
        CallParty party = call.partyAt(signal.from());
        // A user who moved to another node of a cluster is still the session object in the calls of this node.
        boolean same = party != null && (party.equals(far) || party instanceof Session moved && moved.hasMovedAway());
        if (!same || call.other(party) != to) {
            return RouteResult.rejected(ErrorCode.UNKNOWN_CALL, "call '" + signal.call() + "' is not between "
                    + signal.from() + " and " + to.name());
        }
        if (signal instanceof Signal.Bye bye) {
            end(call, party, bye.reason());
            return RouteResult.accepted();
        }
        if (signal instanceof Signal.TransferResult result) {
            PendingTransfer pending = call.finishTransfer();
            if (pending == null) {
                return RouteResult.rejected(ErrorCode.UNKNOWN_CALL, "no transfer of call '" + call.id() + "' is under way");
            }
            pending.answer(result.result());
            return RouteResult.accepted();
        }
        RouteResult delivered = relay(party, call, signal);
        if (signal instanceof Signal.Answer && delivered.isAccepted()) {
            meters.answered(call);
        }
        return delivered;
    }

    private RouteResult incoming(CallParty caller, Session callee, Signal.Offer offer) {
        RouteResult admitted = callee.admitsNewCall();
        if (!admitted.isAccepted()) {
            return admitted;
        }
        return place(new Call(offer.call(), caller, callee), offer);
    }

    // ------------------------------------------------------------------ shared

    private Outcome sdpTooLarge() {
        return Outcome.failed(ErrorCode.TOO_LARGE, "'sdp' is longer than " + config.maxSdpSize() + " characters (call.max-sdp-size)");
    }

    /**
     * Registers a new call with both parties and hands the callee the offer; undoes it all when refused.
     * From here on, what is done for the call on any thread carries its correlation id.
     */
    private RouteResult place(Call call, Signal.Offer offer) {
        try (var scope = call.logScope()) {
            return placeInScope(call, offer);
        }
    }

    private RouteResult placeInScope(Call call, Signal.Offer offer) {
        CallParty caller = call.caller();
        CallParty callee = call.callee();
        if (!caller.addCall(call)) {
            return RouteResult.rejected(ErrorCode.BAD_MESSAGE, "call id '" + call.id() + "' is already in use");
        }
        if (!callee.addCall(call)) {
            caller.removeCall(call);
            return RouteResult.rejected(ErrorCode.BAD_MESSAGE, "call id '" + call.id() + "' is in use by "
                    + callee.address() + "; choose another");
        }
        meters.placing(call);
        RouteResult delivered = callee.deliver(offer);
        meters.placed(call, delivered.isAccepted());
        if (!delivered.isAccepted()) {
            call.end();
            caller.removeCall(call);
            callee.removeCall(call);
        } else {
            for (CallParty party : List.of(caller, callee)) {
                if (party instanceof Session session) {
                    session.callPlaced();
                    cluster.callChanged(session, call, true);
                }
            }
            log.debug("{} placed: {} to {}", call, caller.address(), callee.address());
        }
        return delivered;
    }

    private static RouteResult relay(CallParty from, Call call, Signal signal) {
        try (var scope = call.logScope()) {
            RouteResult relayed = call.other(from).deliver(signal);
            log.debug("{} {} from {}: {}", call, signal.getClass().getSimpleName(), from.address(), relayed);
            return relayed;
        }
    }

    /** Ends {@code call} once: both parties forget it and the other one gets {@code bye}. */
    public void end(Call call, CallParty by, String reason) {
        if (!call.end()) {
            return;
        }
        meters.ended(call, reason);
        try (var scope = call.logScope()) {
            forget(call, reason);
            RouteResult told = call.other(by).deliver(new Signal.Bye(by.address(), call.id(), reason));
            log.debug("{} ended by {} ({}): {}", call, by.address(), reason, told);
        }
    }

    /**
     * Ends {@code call} for the gateway's operator (the admin API): both parties forget it and <em>each</em> gets
     * {@code bye} with {@code reason}, as if the other had hung up, so a browser hears {@code bye} and a bridged
     * peer gets its protocol's goodbye (SIP BYE or CANCEL, Jingle session-terminate) just as when a browser hangs up.
     *
     * @return false when the call had ended already
     */
    public boolean endByOperator(Call call, String reason) {
        if (!call.end()) {
            return false;
        }
        forget(call, reason);
        meters.ended(call, reason);
        try (var scope = call.logScope()) {
            RouteResult toCallee = call.callee().deliver(new Signal.Bye(call.caller().address(), call.id(), reason));
            RouteResult toCaller = call.caller().deliver(new Signal.Bye(call.callee().address(), call.id(), reason));
            log.info("{} ended by the operator: callee {}, caller {}", call, toCallee, toCaller);
        }
        return true;
    }

    /**
     * Both parties of an ended call forget it; in a cluster, the record kept for a resume elsewhere goes too. A
     * transfer still under way is answered: the call's end ({@code reason}) decides how it went.
     */
    private void forget(Call call, String reason) {
        PendingTransfer pending = call.finishTransfer();
        if (pending != null) {
            pending.answerEnded(reason);
        }
        for (CallParty party : List.of(call.caller(), call.callee())) {
            party.removeCall(call);
            if (party instanceof Session session) {
                cluster.callChanged(session, call, false);
            }
        }
    }

    /** Finds the call a request means: by {@code call}, or by {@code to} when this session has exactly one call with it. */
    private static Lookup find(Session session, String callId, Address to) {
        if (callId != null) {
            Call call = session.call(callId);
            return call != null ? new Lookup(call, null)
                    : new Lookup(null, Outcome.failed(ErrorCode.UNKNOWN_CALL, "you have no call '" + callId + "'"));
        }
        List<Call> withPeer = session.calls().stream().filter(c -> c.other(session).address().equals(to)).toList();
        if (withPeer.isEmpty()) {
            return new Lookup(null, Outcome.failed(ErrorCode.UNKNOWN_CALL, "you have no call with " + to));
        }
        if (withPeer.size() > 1) {
            return new Lookup(null, Outcome.failed(ErrorCode.BAD_MESSAGE, "you have " + withPeer.size()
                    + " calls with " + to + "; say which with 'call'"));
        }
        return new Lookup(withPeer.get(0), null);
    }

    private record Lookup(Call call, Outcome failure) {
        Outcome map(java.util.function.Function<Call, Outcome> action) {
            return call != null ? action.apply(call) : failure;
        }
    }
}
