package org.webrtcgateway.core;

import static java.util.Objects.requireNonNull;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.log.RepeatedCondition;
import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.protocol.ClientConnection;
import org.webrtcgateway.core.protocol.ClientLink;
import org.webrtcgateway.core.protocol.ClientMessage;
import org.webrtcgateway.core.protocol.DisconnectKind;
import org.webrtcgateway.core.protocol.Inbound;
import org.webrtcgateway.core.protocol.RequestId;
import org.webrtcgateway.core.protocol.ServerMessage;
import org.webrtcgateway.core.session.Session;

/**
 * One client connection as the core sees it: before login it takes only {@code login} (anything
 * else, {@code ping} included, gets {@code not-logged-in}); after, it dispatches each request to the
 * service that handles its type and replies.
 * A frontend calls it from the connection's own thread, one frame at a time.
 */
final class ConnectedClient implements ClientLink {

    private static final Logger log = LoggerFactory.getLogger(ConnectedClient.class);
    /** Bugs of ours that a client may hit with every request: each stack trace once a minute. */
    private static final RepeatedCondition failedLogins = RepeatedCondition.error(log, "logins failed");
    private static final RepeatedCondition failedRequests = RepeatedCondition.error(log, "requests failed");

    private final ClientConnection connection;
    private final String handshakeToken;
    private final CoreServices services;
    private volatile Session session;

    ConnectedClient(ClientConnection connection, String handshakeToken, CoreServices services) {
        this.connection = requireNonNull(connection, "connection");
        this.handshakeToken = handshakeToken;
        this.services = services;
    }

    /** The session this connection is logged in to, or null. */
    public Session session() {
        return session;
    }

    @Override
    public void receive(Inbound inbound) {
        if (inbound instanceof Inbound.Malformed malformed) {
            if (malformed.code() != ErrorCode.RATE_LIMITED) { // a refused frame is the frontend's count, not a request
                services.messageMeters().receivedInvalid();
            }
            send(new ServerMessage.Error(malformed.id(), malformed.code(), malformed.message()));
            return;
        }
        Inbound.Request request = (Inbound.Request) inbound;
        ClientMessage message = request.message();
        services.messageMeters().received(message);
        if (message instanceof ClientMessage.Login login) {
            try {
                login(login, request.id());
            } catch (RuntimeException e) {
                failedLogins.occurred(connection.remoteAddress() + ": " + e, e);
                services.loginMeters().refused(ErrorCode.INTERNAL);
                reply(request.id(), Outcome.failed(ErrorCode.INTERNAL, "the gateway failed on this request; it was logged"));
            }
            return;
        }
        Session current = session;
        if (current == null) {
            // PROTOCOL.md: nothing but login works before login, ping included.
            reply(request.id(), Outcome.failed(ErrorCode.NOT_LOGGED_IN, "log in first"));
            return;
        }
        if (message instanceof ClientMessage.Ping) {
            send(new ServerMessage.Pong(request.id()));
            return;
        }
        if (!current.isAttachedTo(connection)) {
            return; // the session moved to a newer connection (or ended); this one is being closed
        }
        // What other threads send this session while the request is handled follows its reply (Session.requestThread).
        current.requestBegins();
        try {
            Outcome outcome;
            try {
                outcome = dispatch(current, message, request.id());
            } catch (RuntimeException e) {
                // A bug must cost one request, not the connection or the other users on this thread.
                failedRequests.occurred(current + " on a '" + message.type() + "' request: " + e, e);
                outcome = Outcome.failed(ErrorCode.INTERNAL, "the gateway failed on this request; it was logged");
            }
            reply(request.id(), outcome);
        } finally {
            current.requestEnded();
        }
    }

    @Override
    public void writable() {
        Session current = session;
        if (current != null) {
            current.writable(connection);
        }
    }

    /**
     * The connection ended; see {@link DisconnectKind} for what that means for the session. The
     * connection is released at once, unless its dropped session holds it while waiting for a resume.
     */
    @Override
    public void disconnected(DisconnectKind kind, int closeCode) {
        Session current = session;
        boolean heldBySession = false;
        if (current != null) {
            switch (kind) {
                case CLOSED -> {
                    if (current.isAttachedTo(connection)) {
                        services.lifecycle().endAsClosed(current, closeCode);
                    }
                }
                case DROPPED -> heldBySession = services.lifecycle().dropped(current, connection);
            }
        }
        if (!heldBySession) {
            connection.released();
        }
    }

    private void login(ClientMessage.Login login, RequestId id) {
        if (session != null) {
            services.loginMeters().refused(ErrorCode.BAD_MESSAGE);
            reply(id, Outcome.failed(ErrorCode.BAD_MESSAGE, "already logged in as '" + session.name() + "'"));
            return;
        }
        LoginService.Result result = services.login().login(connection, handshakeToken, login, id);
        if (result instanceof LoginService.LoggedIn loggedIn) {
            session = loggedIn.session();
            services.loginMeters().loggedIn(login.resume() != null);
        } else {
            LoginService.Refused refused = (LoginService.Refused) result;
            services.loginMeters().refused(refused.code());
            reply(id, Outcome.failed(refused.code(), refused.message()));
        }
    }

    private Outcome dispatch(Session from, ClientMessage message, RequestId id) {
        if (message instanceof ClientMessage.Offer offer) {
            return services.calls().offer(from, offer);
        } else if (message instanceof ClientMessage.Answer answer) {
            return services.calls().answer(from, answer);
        } else if (message instanceof ClientMessage.Candidate candidate) {
            return services.calls().candidate(from, candidate);
        } else if (message instanceof ClientMessage.Ringing ringing) {
            return services.calls().ringing(from, ringing);
        } else if (message instanceof ClientMessage.Reject reject) {
            return services.calls().reject(from, reject);
        } else if (message instanceof ClientMessage.Bye bye) {
            return services.calls().bye(from, bye);
        } else if (message instanceof ClientMessage.Dtmf dtmf) {
            return services.calls().dtmf(from, dtmf);
        } else if (message instanceof ClientMessage.Transfer transfer) {
            return services.calls().transfer(from, transfer, id);
        } else if (message instanceof ClientMessage.Join join) {
            return services.rooms().join(from, join);
        } else if (message instanceof ClientMessage.Leave leave) {
            return services.rooms().leave(from, leave);
        } else if (message instanceof ClientMessage.Message text) {
            return services.messages().message(from, text);
        } else if (message instanceof ClientMessage.SetPresence presence) {
            return services.presence().set(from, presence);
        } else if (message instanceof ClientMessage.Subscribe subscribe) {
            return services.presence().subscribe(from, subscribe);
        } else if (message instanceof ClientMessage.Unsubscribe unsubscribe) {
            return services.presence().unsubscribe(from, unsubscribe);
        }
        throw new IllegalStateException("no handler for " + message.type());
    }

    private void reply(RequestId id, Outcome outcome) {
        if (outcome == Outcome.deferred()) {
            return; // the service that deferred it replies
        }
        if (outcome instanceof Outcome.Failed failed) {
            send(new ServerMessage.Error(id, failed.code(), failed.message()));
        } else {
            Outcome.Done done = (Outcome.Done) outcome;
            if (id != null || done.evenWithoutId()) {
                send(new ServerMessage.Ok(id, done.result()));
            }
        }
    }

    /**
     * A reply goes through the session once there is one: behind what waits for a slow client, in
     * order, and within the session's bounds. Before login the connection takes it directly.
     */
    private void send(ServerMessage message) {
        Session current = session;
        if (current == null || !current.reply(connection, message)) {
            connection.send(message);
        }
    }
}
