package org.webrtcgateway.core;

import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.access.AccessPolicy;
import org.webrtcgateway.core.access.AccessRules;
import org.slf4j.event.Level;
import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.api.Names;
import org.webrtcgateway.core.auth.IceServers;
import org.webrtcgateway.core.auth.TokenVerifier;
import org.webrtcgateway.core.call.Call;
import org.webrtcgateway.core.cluster.Cluster;
import org.webrtcgateway.core.cluster.MovedSessions;
import org.webrtcgateway.core.log.RepeatedCondition;
import org.webrtcgateway.core.metrics.TokenMeters;
import org.webrtcgateway.core.presence.PresenceService;
import org.webrtcgateway.core.routing.BridgeRegistry;
import org.webrtcgateway.core.protocol.ClientMessage;
import org.webrtcgateway.core.protocol.RequestId;
import org.webrtcgateway.core.protocol.ServerMessage;
import org.webrtcgateway.core.protocol.ClientConnection;
import org.webrtcgateway.core.protocol.CloseReason;
import org.webrtcgateway.core.session.Session;
import org.webrtcgateway.core.session.SessionRegistry;

/** {@code login}: a fresh session under a free name, or a resumed one (PROTOCOL.md, Resuming). */
@Singleton
public final class LoginService {

    private static final Logger log = LoggerFactory.getLogger(LoginService.class);

    private final SessionRegistry sessions;
    private final SessionLifecycle lifecycle;
    private final PresenceService presence;
    private final TokenVerifier tokens;
    private final IceServers iceServers;
    private final BridgeRegistry bridges;
    private final AccessRules accessRules;
    private final TokenMeters tokenMeters;
    private final TurnCredentialRenewal turnRenewal;
    private final Cluster cluster;
    private final MovedSessions movedSessions;
    // A client retrying with a stale token, or someone trying tokens, must not write a line per try.
    private final RepeatedCondition refusedTokens = new RepeatedCondition(log, Level.INFO, "login tokens refused",
            RepeatedCondition.MINUTE, System::nanoTime);
    private final RepeatedCondition refusedResumes = new RepeatedCondition(log, Level.INFO, "resumes refused",
            RepeatedCondition.MINUTE, System::nanoTime);

    @Inject
    public LoginService(SessionRegistry sessions, SessionLifecycle lifecycle, PresenceService presence,
                        TokenVerifier tokens, IceServers iceServers, BridgeRegistry bridges, AccessRules accessRules,
                        TokenMeters tokenMeters, TurnCredentialRenewal turnRenewal, Cluster cluster,
                        MovedSessions movedSessions) {
        this.cluster = cluster;
        this.movedSessions = movedSessions;
        this.accessRules = accessRules;
        this.sessions = sessions;
        this.lifecycle = lifecycle;
        this.presence = presence;
        this.tokens = tokens;
        this.iceServers = iceServers;
        this.bridges = bridges;
        this.tokenMeters = tokenMeters;
        this.turnRenewal = turnRenewal;
    }

    /** The session logged in (its {@code ok} already sent), or why not. */
    public sealed interface Result {
    }

    public record LoggedIn(Session session) implements Result {
    }

    public record Refused(ErrorCode code, String message) implements Result {
    }

    /**
     * Logs {@code connection} in. {@code handshakeToken} is a token from the WebSocket handshake
     * ({@code ?token=} or {@code Authorization: Bearer}); one in the {@code login} message wins over it.
     */
    public Result login(ClientConnection connection, String handshakeToken, ClientMessage.Login login, RequestId id) {
        TokenVerifier.Identity identity = null;
        if (tokens.tokensRequired()) {
            TokenVerifier.Result verified = tokens.verify(login.token() != null ? login.token() : handshakeToken);
            if (verified.identity().isEmpty()) {
                refusedTokens.occurred(connection.remoteAddress() + ": " + verified.refusal());
                tokenMeters.refused(verified.reason());
                return new Refused(ErrorCode.UNAUTHORIZED, verified.refusal());
            }
            identity = verified.identity().get();
        }
        if (login.resume() != null) {
            return resume(connection, login, id, identity);
        }
        String name = login.name() != null ? login.name() : identity != null ? identity.subject() : sessions.newGuestName();
        if (!Names.isValidName(name)) {
            return new Refused(ErrorCode.BAD_NAME, "a name is 1 to 64 of A-Za-z0-9._-@+");
        }
        if (identity != null && !identity.subject().equals(name)) {
            return new Refused(ErrorCode.FORBIDDEN, "the token is for '" + identity.subject() + "', not '" + name + "'");
        }
        return fresh(connection, name, identity, id);
    }

    /**
     * A new session for {@code name}. With a token for the name ({@code identity}) the login proved it is that user's,
     * so a session holding the name (here or on another node) ends and this one wins; without, the name is taken.
     */
    private Result fresh(ClientConnection connection, String name, TokenVerifier.Identity identity, RequestId id) {
        boolean replace = identity != null;
        AccessPolicy access;
        try {
            access = identity != null ? accessRules.forClaims(identity.token().getClaims()) : accessRules.anonymous();
        } catch (IllegalArgumentException e) {
            return new Refused(ErrorCode.UNAUTHORIZED, e.getMessage());
        }
        Session session = lifecycle.newSession(name, access);
        Session holder = sessions.register(session);
        if (holder != null) {
            if (!replace) {
                return new Refused(ErrorCode.NAME_TAKEN, "'" + name + "' is taken");
            }
            // The token proves this is the same user (a reloaded page, a second device): the newest login wins.
            lifecycle.end(holder, "replaced by a new login with a token for the same name", CloseReason.SESSION_ENDED,
                    SessionEnd.REPLACED);
            if (sessions.register(session) != null) {
                return new Refused(ErrorCode.NAME_TAKEN, "'" + name + "' was taken again at the same moment");
            }
        }
        if (cluster.isShared()) {
            Refused refused = claimInCluster(session, replace);
            if (refused != null) {
                sessions.remove(session);
                return refused;
            }
        }
        session.attach(connection, ok(id, session, false));
        turnRenewal.loggedIn(session);
        presence.loggedIn(session);
        bridges.userOnline(session.address(), identity != null ? claims(identity) : Map.of());
        // Routine, and thousands a second on a busy gateway: DEBUG. Drops, resumes and odd ends are INFO.
        log.debug("{} logged in from {}", session, connection.remoteAddress());
        SessionLog.started(session, false);
        return new LoggedIn(session);
    }

    /** Null when the name is this session's cluster-wide, else why the login is refused. */
    private Refused claimInCluster(Session session, boolean replace) {
        Cluster.Claim claim = cluster.claim(session, replace);
        if (claim instanceof Cluster.Taken) {
            return new Refused(ErrorCode.NAME_TAKEN, "'" + session.name() + "' is taken");
        }
        if (claim instanceof Cluster.Unavailable unavailable) {
            return new Refused(unavailable.code(), unavailable.message());
        }
        return null;
    }

    private Result resume(ClientConnection connection, ClientMessage.Login login, RequestId id, TokenVerifier.Identity identity) {
        Session session = sessions.byResumeToken(login.resume());
        if (session == null && cluster.isShared()) {
            Optional<String> elsewhere = cluster.holderOfResumeToken(login.resume());
            if (elsewhere.isPresent() && (login.name() == null || login.name().equals(elsewhere.get()))
                    && (identity == null || identity.subject().equals(elsewhere.get()))) {
                return moveIn(connection, login.resume(), id);
            }
        }
        if (session == null) {
            refusedResumes.occurred(connection.remoteAddress() + ": no session has that resume token");
            return new Refused(ErrorCode.UNAUTHORIZED, "no session to resume: the token is wrong or the session has ended");
        }
        if (identity != null && !identity.subject().equals(session.name())) {
            return new Refused(ErrorCode.UNAUTHORIZED, "the login token and the session are not the same user");
        }
        if (login.name() != null && !login.name().equals(session.name())) {
            return new Refused(ErrorCode.UNAUTHORIZED, "that session is not '" + login.name() + "'");
        }
        if (sessions.rotateResumeToken(session, login.resume()) == null) {
            refusedResumes.occurred(connection.remoteAddress() + ": a resume token of " + session + " spent by a resume at the same moment");
            return new Refused(ErrorCode.UNAUTHORIZED, "no session to resume: the token has just been used by another resume");
        }
        Session.ResumeResult resumed = session.resume(connection, ok(id, session, true));
        if (!resumed.succeeded()) {
            return new Refused(ErrorCode.UNAUTHORIZED, "no session to resume: it has just ended");
        }
        if (resumed.replaced() != null) {
            resumed.replaced().close(CloseReason.RESUMED_ELSEWHERE);
        }
        cluster.resumeTokenChanged(session);
        log.debug("{} resumed from {}", session, connection.remoteAddress()); // the session log's start line says it at INFO
        SessionLog.started(session, true);
        return new LoggedIn(session);
    }

    /** The session another node holds comes here, with its rooms, calls and queue (PROTOCOL.md, Resuming). */
    private Result moveIn(ClientConnection connection, String token, RequestId id) {
        String fresh = sessions.newResumeToken();
        String sessionId = Session.newId();
        Optional<Cluster.Takeover> takeover;
        try {
            takeover = cluster.takeOver(token, fresh, sessionId);
        } catch (Cluster.UnavailableException e) {
            return new Refused(ErrorCode.UNREACHABLE, e.getMessage());
        }
        if (takeover.isEmpty()) {
            refusedResumes.occurred(connection.remoteAddress() + ": a resume token spent by another resume at the same moment");
            return new Refused(ErrorCode.UNAUTHORIZED, "no session to resume: the token has just been used by another resume");
        }
        Session session = movedSessions.moveIn(takeover.get(), sessionId, fresh);
        session.resume(connection, ok(id, session, true, takeover.get().interrupted()));
        turnRenewal.loggedIn(session);
        log.info("{} resumed from {}, taken over from another node{}", session, connection.remoteAddress(),
                takeover.get().interrupted() ? " that died (interrupted)" : "");
        SessionLog.started(session, true);
        return new LoggedIn(session);
    }

    private static Map<String, Object> claims(TokenVerifier.Identity identity) {
        Map<String, Object> claims = new java.util.LinkedHashMap<>();
        identity.token().getClaims().forEach((name, claim) -> {
            Object value = claim.as(Object.class);
            if (value != null) {
                claims.put(name, value);
            }
        });
        return claims;
    }

    private ServerMessage ok(RequestId id, Session session, boolean resumed) {
        return ok(id, session, resumed, false);
    }

    private ServerMessage ok(RequestId id, Session session, boolean resumed, boolean interrupted) {
        return new ServerMessage.Ok(id, new ServerMessage.LoginResult(session.name(), iceServers.forUser(session.name()),
                session.resumeToken(), resumed, session.rooms().stream().sorted().toList(),
                session.calls().stream().map(Call::id).sorted().toList(), interrupted));
    }
}
