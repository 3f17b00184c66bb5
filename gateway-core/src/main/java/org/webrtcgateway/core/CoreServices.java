package org.webrtcgateway.core;

import org.webrtcgateway.core.call.CallService;
import org.webrtcgateway.core.metrics.LoginMeters;
import org.webrtcgateway.core.metrics.MessageMeters;
import org.webrtcgateway.core.presence.PresenceService;
import org.webrtcgateway.core.room.RoomService;

/** The services a {@link ConnectedClient} dispatches a client's requests to. */
record CoreServices(LoginService login, CallService calls, RoomService rooms, MessageService messages,
                    PresenceService presence, SessionLifecycle lifecycle,
                    MessageMeters messageMeters, LoginMeters loginMeters) {
}
