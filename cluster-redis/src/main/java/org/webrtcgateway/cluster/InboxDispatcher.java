package org.webrtcgateway.cluster;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.core.call.CallParty;
import org.webrtcgateway.core.cluster.ClusterInbound;

/**
 * Hands one inbox entry to the core ({@link ClusterInbound}), with the far end as this node's calls hold it: the
 * user on the sending node, or the address behind that node's bridge. An offer that is refused here (the user is
 * busy, gone, in too many calls) goes back as {@code bye} with the refusal's code as reason, since the sender's
 * request was answered before the offer got here.
 */
final class InboxDispatcher {

    private static final Logger log = LoggerFactory.getLogger(InboxDispatcher.class);

    private final ClusterInbound inbound;
    private final Outbound outbound;
    private final MovesInProgress moves;
    private final RoomNodes roomNodes;
    private final RoomSeats seats;

    InboxDispatcher(ClusterInbound inbound, Outbound outbound, MovesInProgress moves, RoomNodes roomNodes, RoomSeats seats) {
        this.inbound = inbound;
        this.outbound = outbound;
        this.moves = moves;
        this.roomNodes = roomNodes;
        this.seats = seats;
    }

    /**
     * An entry from the inbox, read at {@code id}: held while its user's session is being taken over here, else
     * handled now.
     */
    void dispatch(Map<String, String> entry, String id) {
        if (Outbound.USER.equals(entry.get("k")) && moves.holdIfMoving(entry.get("to"), entry)) {
            return;
        }
        handle(entry, id);
    }

    /** Handles an entry now; {@code id} is where it was read in the inbox (null: it came another way). */
    void handle(Map<String, String> entry, String id) {
        String kind = entry.get("k");
        String to = entry.get("to");
        if (Outbound.REPLACED.equals(kind)) {
            inbound.replaced(new Address.Local(to), entry.get("session"));
            return;
        }
        if (Outbound.HANDOVER.equals(kind)) {
            handOver(new Address.Local(to), entry.get("session"), entry.get("node"));
            return;
        }
        if (Outbound.HANDED_OVER.equals(kind)) {
            moves.handedOver(to, queued(entry.get("q")));
            return;
        }
        if (Outbound.ENCODED.equals(kind)) {
            inbound.encodedToUser(new Address.Local(to), entry.get("json"));
            return;
        }
        Signal signal = SignalCodec.decode(entry.get("s"));
        switch (kind) {
            case Outbound.USER -> {
                CallParty far = farParty(signal.from(), entry.get("node"));
                Address.Local user = new Address.Local(to);
                refused(inbound.toUser(user, signal, far), signal, far, user);
            }
            case Outbound.BRIDGED -> {
                Address.External address = (Address.External) SignalCodec.address(to);
                RouteResult result = inbound.toBridged(address, signal);
                if (signal.from() instanceof Address.Local user) {
                    refused(result, signal, new RemoteUser(user, outbound), address);
                }
            }
            case Outbound.ROOM -> toRoom(to, signal, id);
            case Outbound.PRESENCE -> inbound.toFollowers((Signal.Presence) signal);
            default -> log.warn("an inbox entry of unknown kind '{}' was skipped", kind);
        }
    }

    /**
     * A room's message goes to its members here; who joined or left, to those it is news to (RoomSeats), while no
     * join or leave of the room is half done here.
     */
    private void toRoom(String room, Signal signal, String id) {
        if (id != null && (signal instanceof Signal.PeerJoined || signal instanceof Signal.PeerLeft)) {
            seats.inRoom(room, () -> {
                inbound.toRoom(room, signal, member -> seats.isNews(room, member.id(), id));
                return null;
            });
        } else {
            inbound.toRoom(room, signal, member -> true);
        }
    }

    /**
     * Another node took over {@code user}'s session: it leaves this node and the messages that waited for its client
     * go to that node, after everything this node was sent for the user before (the inbox's order).
     */
    private void handOver(Address.Local user, String sessionId, String newNode) {
        var handover = inbound.handOver(user, sessionId, new RemoteUser(user, outbound));
        handover.ifPresent(moved -> moved.rooms().forEach(room -> roomNodes.moved(room, -1)));
        outbound.handedOver(newNode, user.name(), handover.map(moved -> moved.queued()).orElse(List.of()));
    }

    private static List<String> queued(String json) {
        List<String> queued = new java.util.ArrayList<>();
        try {
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).forEach(message -> queued.add(message.asText()));
        } catch (java.io.IOException e) {
            log.warn("a handover's messages could not be read: {}", e.getMessage());
        }
        return queued;
    }

    /** The sender as this node's calls hold it. */
    private CallParty farParty(Address from, String node) {
        return from instanceof Address.Local user ? new RemoteUser(user, outbound)
                : new RemoteBridged((Address.External) from, node, outbound);
    }

    /**
     * An offer refused here ends the call at the sender's: {@code sender} gets {@code bye} from {@code to}, the
     * address the offer was for, with the refusal's code as reason.
     */
    private static void refused(RouteResult result, Signal signal, CallParty sender, Address to) {
        if (result instanceof RouteResult.Rejected rejected && signal instanceof Signal.Offer offer) {
            log.debug("offer {} from {} to {} refused here: {}", offer.call(), sender.address(), to, rejected.message());
            sender.deliver(new Signal.Bye(to, offer.call(), rejected.code().wireName()));
        }
    }
}
