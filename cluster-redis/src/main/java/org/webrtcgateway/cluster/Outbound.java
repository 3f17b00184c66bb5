package org.webrtcgateway.cluster;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Provider;

import io.lettuce.core.ScriptOutputType;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.core.call.CallParty;
import org.webrtcgateway.core.cluster.Cluster;
import org.webrtcgateway.core.cluster.ClusterInbound;
import org.webrtcgateway.core.log.RepeatedCondition;

/**
 * What this node sends other nodes: entries appended to their inboxes by the scripts, on the shared connection, so
 * a sender's entries are appended in the order it sent them. Each entry has a kind ({@code k}), whom it is for
 * ({@code to}), the sending node ({@code node}) and the signal ({@code s}, {@link SignalCodec}).
 */
final class Outbound {

    static final String USER = "user";
    static final String BRIDGED = "bridged";
    static final String ROOM = "room";
    static final String PRESENCE = "presence";
    static final String REPLACED = "replaced";
    static final String HANDOVER = "handover";
    static final String HANDED_OVER = "handed-over";
    /** A message encoded as the client gets it, kept for a parked session by the node that stopped. */
    static final String ENCODED = "encoded";

    private static final Logger log = LoggerFactory.getLogger(Outbound.class);
    private final RepeatedCondition sendFailures = RepeatedCondition.warn(log, "signals to other nodes not sent: Redis failed");

    private final RedisStore store;
    private final ClusterConfig config;
    private final Provider<ClusterInbound> inbound;
    private final ClusterMeters meters;
    private final KnownRemoteNames knownRemote;

    Outbound(RedisStore store, ClusterConfig config, Provider<ClusterInbound> inbound, ClusterMeters meters,
             KnownRemoteNames knownRemote) {
        this.knownRemote = knownRemote;
        this.store = store;
        this.config = config;
        this.inbound = inbound;
        this.meters = meters;
    }

    /** Accepted while Redis is connected; {@code unreachable} at once while it is not. */
    RouteResult reachable() {
        return store.isConnected() ? RouteResult.accepted()
                : RouteResult.rejected(ErrorCode.UNREACHABLE, Cluster.Unavailable.storeUnreachable().message());
    }

    /**
     * To a user on another node, or queued for it while its node is dead and it may still resume elsewhere. When
     * nobody holds the name any more, an offer or other call signal comes back as {@code bye}, so the call ends.
     */
    RouteResult toUser(Address.Local to, Signal signal) {
        RouteResult reachable = reachable();
        if (!reachable.isAccepted()) {
            return reachable;
        }
        List<String> args = new ArrayList<>(List.of(config.keyPrefix(), to.name(), String.valueOf(config.inboxLength()),
                String.valueOf(queueLength())));
        addEntry(args, USER, to.name(), signal);
        store.<Long>run(RedisStore.Script.TO_USER, ScriptOutputType.INTEGER, args.toArray(String[]::new))
                .whenCompleteAsync((sent, error) -> {
                    if (error != null) {
                        sendFailures.occurred(to + ": " + error.getMessage());
                        bounce(new RemoteUser(to, this), signal, ErrorCode.UNREACHABLE);
                    } else if (sent == 0) {
                        knownRemote.forget(to.name());
                        bounce(new RemoteUser(to, this), signal, ErrorCode.UNKNOWN_PEER);
                    } else {
                        meters.sent();
                    }
                }, store.callbacks());
        return RouteResult.accepted();
    }

    /** To an address behind the bridge of {@code node}. */
    RouteResult toBridged(String node, Address.External to, Signal signal) {
        RouteResult reachable = reachable();
        if (!reachable.isAccepted()) {
            return reachable;
        }
        List<String> fields = new ArrayList<>();
        addEntry(fields, BRIDGED, SignalCodec.address(to), signal);
        store.async().xadd(inbox(node), io.lettuce.core.XAddArgs.Builder.maxlen(config.inboxLength()).approximateTrimming(),
                (Object[]) fields.toArray(String[]::new)).whenCompleteAsync((id, error) -> {
                    if (error != null) {
                        sendFailures.occurred(to + ": " + error.getMessage());
                        bounce(new RemoteBridged(to, node, this), signal, ErrorCode.UNREACHABLE);
                    } else {
                        meters.sent();
                    }
                }, store.callbacks());
        return RouteResult.accepted();
    }

    /** To the members of {@code room} on other nodes; {@code from} is the sending node ("" to include this one). */
    void toRoom(String room, Signal signal, String fromNode) {
        if (!store.isConnected()) {
            sendFailures.occurred("room " + room + ": Redis is not connected");
            return;
        }
        List<String> args = new ArrayList<>(List.of(config.keyPrefix(), room, fromNode, String.valueOf(config.inboxLength())));
        addEntry(args, ROOM, room, signal);
        store.<Long>run(RedisStore.Script.TO_ROOM, ScriptOutputType.INTEGER, args.toArray(String[]::new))
                .whenCompleteAsync((sent, error) -> {
                    if (error != null) {
                        sendFailures.occurred("room " + room + ": " + error.getMessage());
                    }
                }, store.callbacks());
    }

    /** The arguments that make the join script announce {@code joined} to the room's members on other nodes. */
    List<String> announcement(String room, Signal.PeerJoined joined) {
        List<String> args = new ArrayList<>(List.of(String.valueOf(config.inboxLength())));
        addEntry(args, ROOM, room, joined);
        return args;
    }

    /** A presence change of {@code sessionId}'s user, kept on its name and sent to nodes with followers of it. */
    void presence(String sessionId, Signal.Presence presence, String fromNode) {
        if (!store.isConnected()) {
            sendFailures.occurred("presence of " + presence.from() + ": Redis is not connected");
            return;
        }
        String name = ((Address.Local) presence.from()).name();
        List<String> args = new ArrayList<>(List.of(config.keyPrefix(), name, sessionId, fromNode,
                String.valueOf(config.inboxLength()), presence.status().wireName(),
                presence.note() == null ? "" : presence.note()));
        addEntry(args, PRESENCE, name, presence);
        store.<Long>run(RedisStore.Script.PRESENCE, ScriptOutputType.INTEGER, args.toArray(String[]::new))
                .whenCompleteAsync((sent, error) -> {
                    if (error != null) {
                        sendFailures.occurred("presence of " + name + ": " + error.getMessage());
                    }
                }, store.callbacks());
    }

    /** To {@code node}, which took over {@code name}'s session: the messages that waited for its client, encoded. */
    void handedOver(String node, String name, List<String> queued) {
        com.fasterxml.jackson.databind.node.ArrayNode array = new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode();
        queued.forEach(array::add);
        store.async().xadd(inbox(node), io.lettuce.core.XAddArgs.Builder.maxlen(config.inboxLength()).approximateTrimming(),
                "k", HANDED_OVER, "to", name, "node", config.nodeId(), "q", array.toString());
    }

    String inbox(String node) {
        return config.keyPrefix() + "node:" + node + ":inbox";
    }

    private int queueLength() {
        return Math.max(1, config.resumeQueue());
    }

    private void addEntry(List<String> args, String kind, String to, Signal signal) {
        args.addAll(List.of("k", kind, "to", to, "node", config.nodeId(), "s", SignalCodec.encode(signal)));
    }

    /**
     * A call signal that could not reach {@code to} ends its call: the sender (a user or a bridge of this node)
     * gets {@code bye} from {@code to} with the reason, as it would have got the refusal on one node.
     */
    void bounce(CallParty far, Signal signal, ErrorCode why) {
        meters.undeliverable();
        if (!(signal instanceof Signal.CallSignal call) || signal instanceof Signal.Bye) {
            log.debug("{} for {} not delivered: {}", signal.getClass().getSimpleName(), far.address(), why.wireName());
            return;
        }
        Signal.Bye bye = new Signal.Bye(far.address(), call.call(), why.wireName());
        if (signal.from() instanceof Address.Local sender) {
            inbound.get().toUser(sender, bye, far);
        } else {
            inbound.get().toBridged((Address.External) signal.from(), bye);
        }
    }
}
