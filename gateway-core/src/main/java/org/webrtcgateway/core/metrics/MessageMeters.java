package org.webrtcgateway.core.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.core.protocol.ClientMessage;
import org.webrtcgateway.core.protocol.ServerMessage;

/**
 * Messages in and out by protocol type, and error replies by code. On the relay's hot path: each
 * counter is found by a map look-up on the message's class (or its constant type string), never by
 * building a name; the label values are the protocol's own closed sets.
 */
@Singleton
public final class MessageMeters {

    static final String RECEIVED = "gateway.messages.received";
    static final String SENT = "gateway.messages.sent";
    static final String ERRORS = "gateway.errors";
    /** The type of a frame that was no valid request (bad JSON, unknown type): its own value, never the client's text. */
    static final String INVALID = "invalid";

    private final MeterRegistry registry;
    private final Map<String, Counter> received = new ConcurrentHashMap<>();
    private final Counter receivedInvalid;
    private final ClassValue<Counter> sent;
    private final Map<ErrorCode, Counter> errors = new EnumMap<>(ErrorCode.class);

    @Inject
    public MessageMeters(MeterRegistry registry) {
        this.registry = registry;
        this.receivedInvalid = receivedCounter(INVALID);
        for (ErrorCode code : ErrorCode.values()) {
            errors.put(code, Counter.builder(ERRORS).description("Error replies sent to clients, by error code")
                    .tag("code", code.wireName()).register(registry));
        }
        this.sent = new ClassValue<>() {
            @Override
            protected Counter computeValue(Class<?> type) {
                return Counter.builder(SENT).description("Messages sent to clients, by protocol type")
                        .tag("type", wireType(type)).register(registry);
            }
        };
    }

    /** A well-formed request; its {@code type()} is one of the protocol's constant strings. */
    public void received(ClientMessage message) {
        Counter counter = received.get(message.type());
        if (counter == null) {
            counter = received.computeIfAbsent(message.type(), this::receivedCounter);
        }
        counter.increment();
    }

    /** A frame that was no valid request. */
    public void receivedInvalid() {
        receivedInvalid.increment();
    }

    /** A message that a connection took for its client. */
    public void sent(ServerMessage message) {
        if (message instanceof ServerMessage.Delivery delivery) {
            sent.get(delivery.signal().getClass()).increment();
        } else {
            sent.get(message.getClass()).increment();
            if (message instanceof ServerMessage.Error error) {
                errors.get(error.code()).increment();
            }
        }
    }

    private Counter receivedCounter(String type) {
        return Counter.builder(RECEIVED).description("Requests received from clients, by protocol type")
                .tag("type", type).register(registry);
    }

    /** The protocol's {@code type} of a server message or of a delivered signal's class (PROTOCOL.md). */
    static String wireType(Class<?> type) {
        if (type == ServerMessage.Ok.class) {
            return "ok";
        } else if (type == ServerMessage.Error.class) {
            return "error";
        } else if (type == ServerMessage.Pong.class) {
            return "pong";
        } else if (type == ServerMessage.FreshIceServers.class) {
            return "ice-servers";
        } else if (type == Signal.Offer.class) {
            return "offer";
        } else if (type == Signal.Answer.class) {
            return "answer";
        } else if (type == Signal.Candidate.class) {
            return "candidate";
        } else if (type == Signal.Ringing.class) {
            return "ringing";
        } else if (type == Signal.Bye.class) {
            return "bye";
        } else if (type == Signal.Dtmf.class) {
            return "dtmf";
        } else if (type == Signal.Transfer.class) {
            return "transfer";
        } else if (type == Signal.TransferResult.class) {
            return "transfer-result";
        } else if (type == Signal.Mailbox.class) {
            return "mailbox";
        } else if (type == Signal.Text.class) {
            return "message";
        } else if (type == Signal.Presence.class) {
            return "presence";
        } else if (type == Signal.Subscription.class) {
            return "subscription";
        } else if (type == Signal.PeerJoined.class) {
            return "peer-joined";
        } else if (type == Signal.PeerLeft.class) {
            return "peer-left";
        }
        return "other";
    }
}
