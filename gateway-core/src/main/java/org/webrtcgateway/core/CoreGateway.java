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
import org.webrtcgateway.core.protocol.ClientConnection;
import org.webrtcgateway.core.protocol.ClientLink;
import org.webrtcgateway.core.protocol.Gateway;
import org.webrtcgateway.core.room.RoomService;
import org.webrtcgateway.core.routing.BridgeRegistry;
import org.webrtcgateway.core.session.SessionRegistry;

/**
 * The core behind the {@link Gateway} a frontend sees, and the lifecycle of the bridges. Start before
 * the frontends listen; stop after they stopped accepting.
 */
@Singleton
public final class CoreGateway implements Gateway {

    private static final Logger log = LoggerFactory.getLogger(CoreGateway.class);

    private final CoreServices services;
    private final SessionRegistry sessions;
    private final BridgeRegistry bridges;
    private final ScheduledExecutorService timer;
    private final HeapPressure heap;
    private final List<Bridge> started = new ArrayList<>();

    @Inject
    public CoreGateway(LoginService login, CallService calls, RoomService rooms, MessageService messages,
                   PresenceService presence, SessionLifecycle lifecycle, SessionRegistry sessions,
                   BridgeRegistry bridges, @Named(CoreModule.TIMER) ScheduledExecutorService timer,
                   HeapPressure heap) {
        this.services = new CoreServices(login, calls, rooms, messages, presence, lifecycle);
        this.sessions = sessions;
        this.bridges = bridges;
        this.timer = timer;
        this.heap = heap;
    }

    @Override
    public ClientLink connect(ClientConnection connection, String handshakeToken) {
        return new ConnectedClient(connection, handshakeToken, services);
    }

    public synchronized void start() throws Exception {
        for (Bridge bridge : bridges.all()) {
            bridge.start(new BridgeInbound(bridge, sessions, services.calls(), services.presence(), heap));
            started.add(bridge);
            if (bridge.enabled()) {
                log.info("bridge '{}' started for {}", bridge.name(), bridge.schemes());
            }
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

    @Override
    public int sessionCount() {
        return sessions.size();
    }

    @Override
    public boolean overloaded() {
        return heap.isHigh();
    }
}
