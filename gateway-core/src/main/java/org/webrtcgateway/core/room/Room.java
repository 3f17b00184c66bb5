package org.webrtcgateway.core.room;

import java.util.ArrayList;
import java.util.List;

import org.webrtcgateway.core.session.Session;

/**
 * A named room: its capacity, set by its creator, and its members in the order they joined.
 * Members change only inside {@link RoomService}'s per-room {@code compute}; readers take the
 * copy-on-write list without a lock, so relaying to a room never waits for a join.
 */
final class Room {

    private final int capacity;
    private volatile List<Session> members = List.of();

    Room(int capacity) {
        this.capacity = capacity;
    }

    int capacity() {
        return capacity;
    }

    boolean isFull() {
        return members.size() >= capacity;
    }

    boolean isEmpty() {
        return members.isEmpty();
    }

    boolean contains(Session session) {
        return members.contains(session);
    }

    void add(Session session) {
        List<Session> copy = new ArrayList<>(members);
        copy.add(session);
        members = List.copyOf(copy);
    }

    void remove(Session session) {
        List<Session> copy = new ArrayList<>(members);
        copy.remove(session);
        members = List.copyOf(copy);
    }

    /** Everyone but {@code session}, in joining order. */
    List<Session> others(Session session) {
        List<Session> snapshot = members;
        List<Session> others = new ArrayList<>(snapshot.size());
        for (Session member : snapshot) {
            if (member != session) {
                others.add(member);
            }
        }
        return others;
    }

    /** Members now. */
    int size() {
        return members.size();
    }
}
