package org.webrtcgateway.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import org.webrtcgateway.core.auth.IceServers;
import org.webrtcgateway.core.config.IceConfig;
import org.webrtcgateway.core.protocol.ServerMessage;
import org.webrtcgateway.core.session.Session;

/**
 * Sends each session TURN credentials minted anew ({@code ice-servers}) every half {@code ice.turn-ttl}, so a client
 * always holds credentials good for at least half the ttl more (docs/adr/0021-turn-credentials.md). Without it, a
 * page logged in for longer than the ttl could no longer allocate a relay: coturn answers an expired user name with
 * 401, so new calls and ICE restarts of users behind strict NATs would fail while signaling still worked.
 * Only with a shared secret: fixed credentials do not expire.
 */
@Singleton
public final class TurnCredentialRenewal {

    private final IceConfig config;
    private final IceServers iceServers;
    private final ScheduledExecutorService timer;
    private final Map<Session, ScheduledFuture<?>> renewals = new ConcurrentHashMap<>();

    @Inject
    public TurnCredentialRenewal(IceConfig config, IceServers iceServers,
                                 @Named(CoreModule.TIMER) ScheduledExecutorService timer) {
        this.config = config;
        this.iceServers = iceServers;
        this.timer = timer;
    }

    /** Starts renewing the credentials of a session that has just logged in (its login reply carried the first). */
    public void loggedIn(Session session) {
        if (!config.mintsTurnCredentials()) {
            return;
        }
        long period = config.turnCredentialTtl().toMillis() / 2;
        try {
            renewals.put(session, timer.scheduleAtFixedRate(() -> renew(session), period, period, TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException e) {
            return; // shutting down: the session ends with the gateway
        }
        if (session.hasEnded()) {
            ended(session); // it ended while its renewal was being scheduled, so ended() found nothing to stop
        }
    }

    /** Stops renewing the credentials of a session that has ended. */
    public void ended(Session session) {
        ScheduledFuture<?> renewal = renewals.remove(session);
        if (renewal != null) {
            renewal.cancel(false);
        }
    }

    /** How many sessions get renewed credentials now. */
    int renewing() {
        return renewals.size();
    }

    /** One renewal: what the timer runs every half ttl. */
    void renew(Session session) {
        if (session.hasEnded()) {
            ended(session);
            return;
        }
        // A detached session's resume reply brings fresh credentials anyway: queueing stale ones would only take room.
        if (session.isConnected()) {
            session.send(new ServerMessage.FreshIceServers(iceServers.forUser(session.name())));
        }
    }
}
