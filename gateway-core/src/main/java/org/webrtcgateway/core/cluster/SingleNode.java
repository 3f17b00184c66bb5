package org.webrtcgateway.core.cluster;

import java.util.List;

import jakarta.inject.Singleton;

import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.PresenceStatus;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.core.call.Call;
import org.webrtcgateway.core.session.Session;

/**
 * A gateway alone, the default: no other node, nothing shared, no store. The services ask
 * {@link #isShared()} and go no further, so what follows only answers as a node alone would.
 */
@Singleton
public final class SingleNode implements Cluster {

    @Override
    public boolean isShared() {
        return false;
    }

    @Override
    public String nodeId() {
        return "single";
    }

    @Override
    public Claim claim(Session session, boolean replace) {
        return new Claimed();
    }

    @Override
    public void released(Session session) {
    }

    @Override
    public java.util.Optional<String> holderOfResumeToken(String resumeToken) {
        return java.util.Optional.empty();
    }

    @Override
    public void resumeTokenChanged(Session session) {
    }

    @Override
    public java.util.Optional<Takeover> takeOver(String resumeToken, String newResumeToken, String newSessionId) {
        return java.util.Optional.empty();
    }

    @Override
    public Located locate(String name) {
        return new Nobody();
    }

    @Override
    public Seat join(String room, Session member, int capacityIfCreated, String creationRefusal) {
        throw new IllegalStateException("a gateway alone keeps its rooms itself");
    }

    @Override
    public void left(String room, Session member) {
    }

    @Override
    public void toRoom(String room, Signal signal) {
    }

    @Override
    public void following(Address.Local user) {
    }

    @Override
    public void notFollowing(Address.Local user) {
    }

    @Override
    public Signal.Presence presenceOf(Address.Local user) {
        return new Signal.Presence(user, PresenceStatus.OFFLINE, null);
    }

    @Override
    public void presenceChanged(Session session, Signal.Presence presence) {
    }

    @Override
    public void callChanged(Session session, Call call, boolean ongoing) {
    }

    @Override
    public void followChanged(Session session, Address address, boolean follows) {
    }

    @Override
    public List<String> notReady() {
        return List.of();
    }
}
