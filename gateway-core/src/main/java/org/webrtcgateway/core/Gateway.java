package org.webrtcgateway.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.api.Bridge;
import org.webrtcgateway.core.call.CallService;
import org.webrtcgateway.core.health.HeapPressure;
import org.webrtcgateway.core.presence.PresenceService;
import org.webrtcgateway.core.room.RoomService;
import org.webrtcgateway.core.routing.BridgeRegistry;
import org.webrtcgateway.core.session.ClientConnection;
import org.webrtcgateway.core.session.SessionRegistry;

/**
 * The core as a frontend sees it: {@link #connect} a client, and the lifecycle of the bridges.
 * Start before the frontends listen; stop after they stopped accepting.
 */
@Singleton
public final class Gateway {

    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    /** The services a {@link ClientLink} dispatches to. */
    record Services(LoginService login, CallService calls, RoomService rooms, MessageService messages,
                    PresenceService presence, SessionLifecycle lifecycle) {
    }

    private final Services services;
    private final SessionRegistry sessions;
    private final BridgeRegistry bridges;
    private final ScheduledExecutorService timer;
    private final HeapPressure heap;
    private final List<Bridge> started = new ArrayList<>();

    @Inject
    public Gateway(LoginService login, CallService calls, RoomService rooms, MessageService messages,
                   PresenceService presence, SessionLifecycle lifecycle, SessionRegistry sessions,
                   BridgeRegistry bridges, @Named(CoreModule.TIMER) ScheduledExecutorService timer,
                   HeapPressure heap) {
        this.services = new Services(login, calls, rooms, messages, presence, lifecycle);
        this.sessions = sessions;
        this.bridges = bridges;
        this.timer = timer;
        this.heap = heap;
    }

    /** A new client connection; {@code handshakeToken} is a login token from the transport's handshake, or null. */
    public ClientLink connect(ClientConnection connection, String handshakeToken) {
        return new ClientLink(connection, handshakeToken, services);
    }

    public synchronized void start() throws Exception {
        for (Bridge bridge : bridges.all()) {
            bridge.start(new BridgeInbound(bridge, sessions, services.calls(), services.presence(), heap));
            started.add(bridge);
            log.info("bridge '{}' started for {}", bridge.name(), bridge.schemes());
        }
    }

    /** Ends every session (clients get a going-away close), then stops the bridges. */
    public synchronized void stop() {
        services.lifecycle().endAll("the gateway is shutting down");
        for (Bridge bridge : reversed(started)) {
            try {
                bridge.stop();
            } catch (RuntimeException e) {
                log.warn("bridge '{}' failed to stop cleanly", bridge.name(), e);
            }
        }
        started.clear();
        timer.shutdownNow();
        heap.close();
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    public int sessionCount() {
        return sessions.size();
    }

    /** Whether bridges are refusing new calls for want of memory ({@code bridge.heap-limit-percent}). */
    public boolean overloaded() {
        return heap.isHigh();
    }
}
