package org.webrtcgateway.core.room;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.webrtcgateway.core.Outcome;
import org.webrtcgateway.core.access.AccessPolicy;
import org.webrtcgateway.core.access.AccessRefusals;
import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.api.RawJson;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.core.cluster.Cluster;
import org.webrtcgateway.core.config.CoreConfig;
import org.webrtcgateway.core.protocol.ClientMessage;
import org.webrtcgateway.core.protocol.ServerMessage.JoinResult;
import org.webrtcgateway.core.session.Session;

/**
 * Rooms: create-or-join with a capacity, leave, and relay to the other members. A room exists while
 * it has members. Membership changes happen atomically per room (inside {@code compute}), and the
 * notifications go out after, outside the map's lock.
 */
@Singleton
public final class RoomService {

    private final ConcurrentHashMap<String, Room> rooms = new ConcurrentHashMap<>();
    private final CoreConfig config;
    private final AccessRefusals refusals;
    private final Cluster cluster;

    @Inject
    public RoomService(CoreConfig config, AccessRefusals refusals, Cluster cluster) {
        this.cluster = cluster;
        this.refusals = refusals;
        this.config = config;
    }

    public Outcome join(Session session, ClientMessage.Join join) {
        Integer asked = join.capacity();
        if (asked != null && asked > config.maxRoomCapacity()) {
            return Outcome.failed(ErrorCode.BAD_MESSAGE, "'capacity' is above this gateway's limit of "
                    + config.maxRoomCapacity() + " (room.max-capacity)");
        }
        if (!session.rooms().contains(join.room()) && session.rooms().size() >= config.maxRoomsPerConnection()) {
            return Outcome.failed(ErrorCode.FORBIDDEN, "you are in " + config.maxRoomsPerConnection()
                    + " rooms already (room.max-per-connection)");
        }
        if (cluster.isShared()) {
            return joinShared(session, join);
        }
        AccessPolicy access = session.access();
        String[] refusedBy = new String[1];
        JoinResult[] joined = new JoinResult[1];
        boolean[] alreadyIn = new boolean[1];
        rooms.compute(join.room(), (name, room) -> {
            if (room == null) {
                refusedBy[0] = !access.rooms() ? "rooms: false"
                        : asked != null && asked > access.roomMaxCapacity() ? "room_max_capacity " + access.roomMaxCapacity()
                        : null;
                if (refusedBy[0] != null) {
                    return null;
                }
            }
            // A creator who asks for no capacity gets the default, but never more than it may create.
            Room target = room != null ? room
                    : new Room(asked != null ? asked : Math.min(config.defaultRoomCapacity(), access.roomMaxCapacity()));
            List<Session> others = target.others(session);
            alreadyIn[0] = target.contains(session);
            if (!alreadyIn[0] && target.isFull()) {
                return room;
            }
            target.add(session);
            joined[0] = new JoinResult(name, others.stream().map(Session::name).toList(), room == null, target.capacity());
            return target;
        });
        if (refusedBy[0] != null) {
            return refusals.refuse(session, AccessRefusals.What.ROOM, "creating room '" + join.room() + "'"
                    + (asked != null ? " for " + asked : ""), refusedBy[0]);
        }
        if (joined[0] == null) {
            return Outcome.failed(ErrorCode.ROOM_FULL, "room '" + join.room() + "' is full");
        }
        if (!alreadyIn[0]) {
            session.addRoom(join.room());
            announce(session, join.room(), new Signal.PeerJoined(session.address(), join.room()));
        }
        return Outcome.always(joined[0]);
    }

    /**
     * A join in a cluster: the seat is taken cluster-wide first (the capacity holds across nodes), then the member
     * joins this node's part of the room, which is what relays to it.
     */
    private Outcome joinShared(Session session, ClientMessage.Join join) {
        return cluster.inRoom(join.room(), () -> seatShared(session, join));
    }

    private Outcome seatShared(Session session, ClientMessage.Join join) {
        Integer asked = join.capacity();
        AccessPolicy access = session.access();
        String creationRefusal = !access.rooms() ? "rooms: false"
                : asked != null && asked > access.roomMaxCapacity() ? "room_max_capacity " + access.roomMaxCapacity()
                : null;
        int capacity = asked != null ? asked : Math.min(config.defaultRoomCapacity(), access.roomMaxCapacity());
        Cluster.Seat seat = cluster.join(join.room(), session, capacity, creationRefusal);
        if (seat instanceof Cluster.Unavailable unavailable) {
            return Outcome.failed(unavailable.code(), unavailable.message());
        }
        if (seat instanceof Cluster.CreationRefused refused) {
            return refusals.refuse(session, AccessRefusals.What.ROOM, "creating room '" + join.room() + "'"
                    + (asked != null ? " for " + asked : ""), refused.rule());
        }
        if (seat instanceof Cluster.Full) {
            return Outcome.failed(ErrorCode.ROOM_FULL, "room '" + join.room() + "' is full");
        }
        Cluster.Seated seated = (Cluster.Seated) seat;
        if (!seated.alreadyIn()) {
            Room local = rooms.compute(join.room(), (name, room) -> {
                Room target = room != null ? room : new Room(seated.capacity());
                target.add(session);
                return target;
            });
            session.addRoom(join.room());
            // This node's members only: the seat announced the member to the other nodes' (Cluster.join).
            Signal joined = new Signal.PeerJoined(session.address(), join.room());
            local.others(session).forEach(member -> member.deliver(joined));
        }
        return Outcome.always(new JoinResult(join.room(), seated.others(), seated.created(), seated.capacity()));
    }

    public Outcome leave(Session session, ClientMessage.Leave leave) {
        return cluster.inRoom(leave.room(), () -> leaveNow(session, leave));
    }

    private Outcome leaveNow(Session session, ClientMessage.Leave leave) {
        if (session.removeRoom(leave.room())) {
            List<Session> remaining = removeMember(session, leave.room());
            Signal left = new Signal.PeerLeft(session.address(), leave.room());
            remaining.forEach(member -> member.deliver(left));
            if (cluster.isShared()) {
                cluster.left(leave.room(), session);
                cluster.toRoom(leave.room(), left);
            }
        }
        return Outcome.ok();
    }

    /**
     * A member whose session moved here from another node of a cluster: it is in {@code roomName} again on this
     * node, without a word to the others (for them it never left).
     */
    public void movedIn(Session session, String roomName, int capacity) {
        rooms.compute(roomName, (name, room) -> {
            Room target = room != null ? room : new Room(capacity);
            target.add(session);
            return target;
        });
        session.addRoom(roomName);
    }

    /** A member whose session moved to another node: this node relays its rooms to it no more, silently. */
    public void movedOut(Session session) {
        for (String room : session.rooms()) {
            removeMember(session, room);
        }
    }

    /**
     * A room signal from a member on another node ({@code peer-joined}, {@code peer-left}, a message): this node's
     * members of the room get it, those {@code recipient} accepts (the cluster knows who heard of a member already).
     */
    public void fromOtherNode(String roomName, Signal signal, java.util.function.Predicate<Session> recipient) {
        Room room = rooms.get(roomName);
        if (room != null) {
            room.others(null).stream().filter(recipient).forEach(member -> member.deliver(signal));
        }
    }

    /** A {@code message} to a room: everyone else in it gets it, with {@code room} set. */
    public Outcome message(Session session, String roomName, RawJson data) {
        if (!session.rooms().contains(roomName)) {
            return Outcome.failed(ErrorCode.FORBIDDEN, "you are not in room '" + roomName + "'");
        }
        announce(session, roomName, new Signal.Text(session.address(), roomName, data));
        return Outcome.ok();
    }

    /** Takes a session that ended out of all its rooms; the others get {@code peer-left}. */
    public void leaveAll(Session session) {
        for (String room : List.copyOf(session.rooms())) {
            leave(session, new ClientMessage.Leave(room));
        }
    }

    /** A room as the admin API shows it: its members in joining order. */
    public record RoomView(String name, int capacity, List<String> members) {
    }

    /** Every room now, by name; any thread. */
    public List<RoomView> snapshot() {
        return rooms.entrySet().stream()
                .map(e -> new RoomView(e.getKey(), e.getValue().capacity(),
                        e.getValue().others(null).stream().map(Session::name).toList()))
                .sorted(java.util.Comparator.comparing(RoomView::name))
                .toList();
    }

    private void announce(Session session, String roomName, Signal signal) {
        Room room = rooms.get(roomName);
        if (room != null) {
            room.others(session).forEach(member -> member.deliver(signal));
        }
        if (cluster.isShared()) {
            cluster.toRoom(roomName, signal);
        }
    }

    /** Rooms that have members. */
    public int roomCount() {
        return rooms.size();
    }

    /** Members of all rooms together (a user in two rooms counts twice); walks the rooms, for a scrape, not a hot path. */
    public int memberCount() {
        int members = 0;
        for (Room room : rooms.values()) {
            members += room.size();
        }
        return members;
    }

    private List<Session> removeMember(Session session, String roomName) {
        @SuppressWarnings("unchecked")
        List<Session>[] remaining = new List[] {List.of()};
        rooms.computeIfPresent(roomName, (name, room) -> {
            room.remove(session);
            remaining[0] = room.others(session);
            return room.isEmpty() ? null : room;
        });
        return remaining[0];
    }
}
