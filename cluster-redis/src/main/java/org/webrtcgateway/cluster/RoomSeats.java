package org.webrtcgateway.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Who of this node's room members has heard of whom (ADR 0025, "Rooms joined at the same moment"). A join's seat
 * answers with the others seated before it; every later seat or leave reaches this node's inbox after the
 * position the seat recorded. So a {@code peer-joined} or {@code peer-left} from the inbox is for a member of this
 * node only if it came past that member's position. Joins, leaves and those signals of one room are handled one at
 * a time on this node (a lock per room, striped), so no member is half in a room when one arrives.
 */
final class RoomSeats {

    private static final int STRIPES = 64;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
    /** Inbox position at the seat, by room and session id, until an entry past it has come. */
    private final Map<String, String> positions = new ConcurrentHashMap<>();

    RoomSeats() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** Runs {@code work} holding {@code room}'s lock. */
    <T> T inRoom(String room, Supplier<T> work) {
        ReentrantLock lock = locks[Math.floorMod(room.hashCode(), STRIPES)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /** {@code session} was seated in {@code room} when this node's inbox ended at {@code position}. */
    void seated(String room, String session, String position) {
        positions.put(key(room, session), position);
    }

    /** {@code session} is out of {@code room}. */
    void left(String room, String session) {
        positions.remove(key(room, session));
    }

    /**
     * Whether a membership signal read from the inbox at {@code entry} is news to {@code session}: it came after the
     * member's seat. Called with the room's lock held.
     */
    boolean isNews(String room, String session, String entry) {
        String key = key(room, session);
        String position = positions.get(key);
        if (position == null) {
            return true;
        }
        if (StreamIds.compare(entry, position) > 0) {
            positions.remove(key, position); // every later entry is past it too
            return true;
        }
        return false;
    }

    private static String key(String room, String session) {
        return session + '\n' + room;
    }
}
