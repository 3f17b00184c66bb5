package org.webrtcgateway.core.protocol;

import static java.util.Objects.requireNonNull;

import java.util.List;

import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.api.IceServer;
import org.webrtcgateway.core.api.PresenceStatus;
import org.webrtcgateway.core.api.Signal;

/** What the gateway sends a client: replies ({@code ok}, {@code error}, {@code pong}), delivered signals and fresh TURN credentials. */
public sealed interface ServerMessage {

    /** {@code ok} with the result fields of the request it answers. */
    record Ok(RequestId id, Result result) implements ServerMessage {
        public Ok {
            requireNonNull(result, "result");
        }
    }

    record Error(RequestId id, ErrorCode code, String message) implements ServerMessage {
        public Error {
            requireNonNull(code, "code");
            requireNonNull(message, "message");
        }
    }

    record Pong(RequestId id) implements ServerMessage {
    }

    /** A signal delivered to this client; its {@code from} is set. */
    record Delivery(Signal signal) implements ServerMessage {
        public Delivery {
            requireNonNull(signal, "signal");
        }
    }

    /**
     * {@code ice-servers}: TURN credentials minted anew for a session that has held its last ones for half their
     * lifetime, so the client can still gather relay candidates for new calls and ICE restarts after those expire.
     */
    record FreshIceServers(List<IceServer> iceServers) implements ServerMessage {
        public FreshIceServers {
            iceServers = List.copyOf(iceServers);
        }
    }

    /**
     * A message encoded already, by the node that held the session before it moved to this one (a cluster): it
     * goes to the client as it is.
     */
    record Encoded(String json) implements ServerMessage {
        public Encoded {
            java.util.Objects.requireNonNull(json, "json");
        }
    }

    /** The result fields an {@code ok} carries. */
    sealed interface Result {
    }

    /** No fields beyond {@code type} and {@code id}. */
    record NoResult() implements Result {
        public static final NoResult INSTANCE = new NoResult();
    }

    /**
     * Reply to {@code login}; {@code resumed} says the session (rooms, calls) was taken over; {@code interrupted},
     * that its node died meanwhile (a cluster), so messages around that moment may be missing or repeated.
     */
    record LoginResult(String name, List<IceServer> iceServers, String session, boolean resumed,
                       List<String> rooms, List<String> calls, boolean interrupted) implements Result {
        public LoginResult(String name, List<IceServer> iceServers, String session, boolean resumed,
                           List<String> rooms, List<String> calls) {
            this(name, iceServers, session, resumed, rooms, calls, false);
        }

        public LoginResult {
            iceServers = List.copyOf(iceServers);
            rooms = List.copyOf(rooms);
            calls = List.copyOf(calls);
        }
    }

    record JoinResult(String room, List<String> peers, boolean initiator, int capacity) implements Result {
        public JoinResult {
            peers = List.copyOf(peers);
        }
    }

    /** Reply to an {@code offer}: the call id, assigned by the gateway when the offer had none. */
    record CallResult(String call) implements Result {
    }

    /** Reply to {@code subscribe}: the followed address's presence now. */
    record PresenceResult(String to, PresenceStatus status, String note) implements Result {
    }
}
