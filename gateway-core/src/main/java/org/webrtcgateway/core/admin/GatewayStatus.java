package org.webrtcgateway.core.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.SessionLifecycle;
import org.webrtcgateway.core.api.Bridge;
import org.webrtcgateway.core.api.BridgeLeg;
import org.webrtcgateway.core.call.BridgedParty;
import org.webrtcgateway.core.call.Call;
import org.webrtcgateway.core.call.CallParty;
import org.webrtcgateway.core.call.CallService;
import org.webrtcgateway.core.protocol.CloseReason;
import org.webrtcgateway.core.room.RoomService;
import org.webrtcgateway.core.room.RoomService.RoomView;
import org.webrtcgateway.core.routing.BridgeRegistry;
import org.webrtcgateway.core.session.Session;
import org.webrtcgateway.core.session.SessionRegistry;

/**
 * What the admin API shows and does: snapshots of the users, rooms and calls, and the two actions (disconnect a
 * user, end a call), done the way the gateway does them for a client. Any thread but an event loop: listing the
 * calls asks the bridges for their legs, which may wait for a bridge's thread.
 */
@Singleton
public final class GatewayStatus {

    private static final Logger log = LoggerFactory.getLogger(GatewayStatus.class);
    /** The {@code reason} of the {@code bye}s of a call the operator ended. */
    public static final String REASON_OPERATOR = "ended-by-operator";

    /** A logged-in user. {@code remote} is null once its connection is gone; {@code connected} false while it waits for a resume. */
    public record UserView(String name, String remote, boolean connected, Instant since, List<String> rooms,
                           List<String> calls, List<String> bridges) {
    }

    /** One side of a call: a gateway user ({@code bridge} null) or an address behind a bridge. */
    public record PartyView(String address, String bridge) {
    }

    /**
     * One leg of a call: {@code kind} is {@code "browser"} for a gateway user's side, else the bridge's name with
     * the call's id in that protocol (SIP Call-ID, Jingle sid) and its state there.
     */
    public record LegView(String kind, String user, String call, String protocolId, String state) {
    }

    /**
     * A call under way. {@code correlation} is the call's correlation id in the logs (grep for it).
     */
    public record CallView(String id, String correlation, String state, Instant since, PartyView caller, PartyView callee,
                           List<LegView> legs) {
    }

    public record Snapshot(List<UserView> users, List<RoomView> rooms, List<CallView> calls) {
    }

    /** What an action did: done, or not with why (the call or user is not there, or a call id is ambiguous). */
    public record Result(Kind kind, String message) {
        public enum Kind { DONE, NOT_FOUND, AMBIGUOUS }
    }

    private final SessionRegistry sessions;
    private final RoomService rooms;
    private final CallService calls;
    private final SessionLifecycle lifecycle;
    private final BridgeRegistry bridges;

    @Inject
    public GatewayStatus(SessionRegistry sessions, RoomService rooms, CallService calls, SessionLifecycle lifecycle,
                         BridgeRegistry bridges) {
        this.sessions = sessions;
        this.rooms = rooms;
        this.calls = calls;
        this.lifecycle = lifecycle;
        this.bridges = bridges;
    }

    public Snapshot snapshot() {
        return new Snapshot(users(), rooms(), calls());
    }

    public List<UserView> users() {
        List<UserView> users = new ArrayList<>();
        for (Session session : sessions.all()) {
            List<Call> sessionCalls = session.calls();
            TreeSet<String> bridgesInUse = new TreeSet<>();
            for (Call call : sessionCalls) {
                if (call.other(session) instanceof BridgedParty bridged) {
                    bridgesInUse.add(bridged.bridge().name());
                }
            }
            String remote = withoutHostName(session.remoteAddress());
            users.add(new UserView(session.name(), remote, session.isConnected(), session.startedAt(),
                    session.rooms().stream().sorted().toList(), sessionCalls.stream().map(Call::id).sorted().toList(),
                    List.copyOf(bridgesInUse)));
        }
        users.sort(Comparator.comparing(UserView::name));
        return users;
    }

    /** {@code 127.0.0.1:5432} of an InetSocketAddress's {@code /127.0.0.1:5432} (or {@code host/127.0.0.1:5432}). */
    private static String withoutHostName(String remote) {
        return remote == null ? null : remote.substring(remote.indexOf('/') + 1);
    }

    public List<RoomView> rooms() {
        return rooms.snapshot();
    }

    public List<CallView> calls() {
        Map<Bridge, List<BridgeLeg>> legsByBridge = new HashMap<>();
        List<CallView> views = new ArrayList<>();
        for (Call call : allCalls()) {
            List<LegView> legs = new ArrayList<>();
            leg(call, call.caller(), call.callee(), legsByBridge, legs);
            leg(call, call.callee(), call.caller(), legsByBridge, legs);
            views.add(new CallView(call.id(), call.correlationId(), call.state(), call.started(), party(call.caller()), party(call.callee()),
                    legs));
        }
        views.sort(Comparator.comparing(CallView::since).thenComparing(CallView::id));
        return views;
    }

    /** The leg of {@code party}: a browser's, or the bridge's leg towards the gateway user {@code other}. */
    private void leg(Call call, CallParty party, CallParty other, Map<Bridge, List<BridgeLeg>> legsByBridge, List<LegView> legs) {
        if (party instanceof Session session) {
            legs.add(new LegView("browser", session.name(), call.id(), null, call.state()));
        } else if (party instanceof BridgedParty bridged) {
            String user = other.address().toString();
            List<BridgeLeg> known = legsByBridge.computeIfAbsent(bridged.bridge(), GatewayStatus::legsOf);
            Optional<BridgeLeg> leg = known.stream()
                    .filter(l -> l.call().equals(call.id()) && other instanceof Session s && l.user().equals(s.name()))
                    .findFirst();
            legs.add(new LegView(bridged.bridge().name(), other instanceof Session s ? s.name() : user, call.id(),
                    leg.map(BridgeLeg::protocolId).orElse(null), leg.map(BridgeLeg::state).orElse("unknown")));
        }
    }

    private static List<BridgeLeg> legsOf(Bridge bridge) {
        try {
            return bridge.legs();
        } catch (RuntimeException e) {
            log.warn("bridge '{}' could not list its calls: {}", bridge.name(), e.toString());
            return List.of();
        }
    }

    private static PartyView party(CallParty party) {
        return new PartyView(party.address().toString(), party instanceof BridgedParty bridged ? bridged.bridge().name() : null);
    }

    /** Every call once, in no particular order; a call between two users is in both sessions. */
    private List<Call> allCalls() {
        Map<Call, Boolean> seen = new LinkedHashMap<>();
        for (Session session : sessions.all()) {
            session.calls().forEach(call -> seen.put(call, Boolean.TRUE));
        }
        return List.copyOf(seen.keySet());
    }

    /** Ends a user's session as a logout would; its connection is closed with 4003. */
    public Result disconnect(String name) {
        Session session = sessions.byName(name);
        if (session == null) {
            return new Result(Result.Kind.NOT_FOUND, "no user '" + name + "' is logged in");
        }
        lifecycle.end(session, "disconnected by the operator (admin API)", CloseReason.DISCONNECTED);
        return new Result(Result.Kind.DONE, "disconnected " + name);
    }

    /**
     * Ends a call: browsers get {@code bye} (reason {@value #REASON_OPERATOR}), a bridged peer its protocol's goodbye.
     * Call ids are chosen per user, so two calls may share one: {@code user} (may be null) says whose is meant.
     */
    public Result endCall(String id, String user) {
        List<Call> matching = allCalls().stream().filter(call -> call.id().equals(id))
                .filter(call -> user == null || isIn(call, user)).toList();
        if (matching.isEmpty()) {
            return new Result(Result.Kind.NOT_FOUND, "no call '" + id + "'" + (user == null ? "" : " of " + user));
        }
        if (matching.size() > 1) {
            return new Result(Result.Kind.AMBIGUOUS, matching.size() + " calls have the id '" + id + "'; say whose with ?user=NAME");
        }
        calls.endByOperator(matching.get(0), REASON_OPERATOR);
        return new Result(Result.Kind.DONE, "ended call " + id);
    }

    private static boolean isIn(Call call, String user) {
        return call.caller() instanceof Session a && a.name().equals(user)
                || call.callee() instanceof Session b && b.name().equals(user);
    }
}
