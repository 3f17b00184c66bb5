package org.webrtcgateway.xmpp;

import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.webrtcgateway.core.api.PresenceStatus;

/** The protocol's presence and XMPP's, both ways: away and xa are away, dnd is busy. */
public final class XmppPresence {

    private XmppPresence() {
    }

    public static PresenceStatus toGateway(Presence presence) {
        if (presence.getType() != Presence.Type.available) {
            return PresenceStatus.OFFLINE;
        }
        return switch (presence.getMode()) {
            case away, xa -> PresenceStatus.AWAY;
            case dnd -> PresenceStatus.BUSY;
            case available, chat -> PresenceStatus.AVAILABLE;
        };
    }

    public static Presence fromGateway(PresenceBuilder builder, PresenceStatus status, String note) {
        if (status == PresenceStatus.OFFLINE) {
            return builder.ofType(Presence.Type.unavailable).setStatus(note).build();
        }
        Presence.Mode mode = switch (status) {
            case AWAY -> Presence.Mode.away;
            case BUSY -> Presence.Mode.dnd;
            default -> Presence.Mode.available;
        };
        return builder.ofType(Presence.Type.available).setMode(mode).setStatus(note).build();
    }
}
