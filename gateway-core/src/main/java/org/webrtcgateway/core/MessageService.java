package org.webrtcgateway.core;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.core.config.CoreConfig;
import org.webrtcgateway.core.protocol.ClientMessage;
import org.webrtcgateway.core.room.RoomService;
import org.webrtcgateway.core.routing.Destination;
import org.webrtcgateway.core.routing.Router;
import org.webrtcgateway.core.session.Session;

/** {@code message}: to one address, or to the other members of a room. */
@Singleton
public final class MessageService {

    private final Router router;
    private final RoomService rooms;
    private final CoreConfig config;

    @Inject
    public MessageService(Router router, RoomService rooms, CoreConfig config) {
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
        Signal.Text text = new Signal.Text(from.address(), null, message.data());
        Destination destination = router.resolve(message.to());
        if (destination instanceof Destination.LocalUser user) {
            return Outcome.of(user.session().deliver(text));
        }
        if (destination instanceof Destination.Bridged bridged) {
            return Outcome.of(bridged.bridge().send(message.to(), text));
        }
        Destination.Nowhere nowhere = (Destination.Nowhere) destination;
        return Outcome.failed(nowhere.code(), nowhere.message());
    }
}
