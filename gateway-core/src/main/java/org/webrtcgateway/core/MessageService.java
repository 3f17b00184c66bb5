package org.webrtcgateway.core;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.webrtcgateway.core.access.AccessRefusals;
import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.core.config.CoreConfig;
import org.webrtcgateway.core.protocol.ClientMessage;
import org.webrtcgateway.core.room.RoomService;
import org.webrtcgateway.core.routing.Router;
import org.webrtcgateway.core.session.Session;

/** {@code message}: to one address, or to the other members of a room. */
@Singleton
public final class MessageService {

    private final Router router;
    private final RoomService rooms;
    private final CoreConfig config;
    private final AccessRefusals refusals;

    @Inject
    public MessageService(Router router, RoomService rooms, CoreConfig config, AccessRefusals refusals) {
        this.refusals = refusals;
        this.router = router;
        this.rooms = rooms;
        this.config = config;
    }

    public Outcome message(Session from, ClientMessage.Message message) {
        if (config.dataTooLarge(message.data().size())) {
            return Outcome.failed(ErrorCode.TOO_LARGE, "'data' is larger than " + config.maxDataSize()
                    + " bytes of JSON (message.max-data-size)");
        }
        if (message.room() != null) {
            return rooms.message(from, message.room(), message.data());
        }
        String refusal = from.access().refusesMessage(message.to());
        if (refusal != null) {
            return refusals.refuse(from, AccessRefusals.What.MESSAGE, "a message to " + message.to(), refusal);
        }
        return Outcome.of(router.resolve(message.to()).deliver(new Signal.Text(from.address(), null, message.data())));
    }
}
