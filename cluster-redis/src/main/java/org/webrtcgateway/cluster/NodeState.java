package org.webrtcgateway.cluster;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.webrtcgateway.core.presence.PresenceService;
import org.webrtcgateway.core.room.RoomService;
import org.webrtcgateway.core.session.Session;
import org.webrtcgateway.core.session.SessionRegistry;

/** What this node holds, for registering it again in a Redis that lost it (restarted empty, or took the node for dead). */
@Singleton
final class NodeState {

    private final SessionRegistry sessions;
    private final RoomService rooms;
    private final PresenceService presence;

    @Inject
    NodeState(SessionRegistry sessions, RoomService rooms, PresenceService presence) {
        this.sessions = sessions;
        this.rooms = rooms;
        this.presence = presence;
    }

    Collection<Session> sessions() {
        return List.copyOf(sessions.all());
    }

    /** The capacity of {@code room} as this node knows it, or {@code fallback}. */
    int capacity(String room, int fallback) {
        return rooms.snapshot().stream().filter(view -> view.name().equals(room)).mapToInt(RoomService.RoomView::capacity)
                .findFirst().orElse(fallback);
    }

    Set<String> followedNames() {
        return presence.followedNames();
    }
}
