package org.webrtcgateway.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.api.Bridge;
import org.webrtcgateway.core.api.Deadline;
import org.webrtcgateway.core.call.CallService;
import org.webrtcgateway.core.cluster.Cluster;
import org.webrtcgateway.core.health.HeapPressure;
import org.webrtcgateway.core.metrics.GatewayMeters;
import org.webrtcgateway.core.metrics.LoginMeters;
import org.webrtcgateway.core.metrics.MessageMeters;
import org.webrtcgateway.core.presence.PresenceService;
import org.webrtcgateway.core.protocol.ClientConnection;
import org.webrtcgateway.core.protocol.ClientLink;
import org.webrtcgateway.core.protocol.Gateway;
import org.webrtcgateway.core.room.RoomService;
import org.webrtcgateway.core.routing.BridgeRegistry;
import org.webrtcgateway.core.routing.Router;
import org.webrtcgateway.core.session.QueueBudget;
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
    private final GatewayMeters meters;
    private final Router router;
    private final Cluster cluster;
    private final List<Bridge> started = new ArrayList<>();
    /** Set once every bridge started, cleared when the stop begins: {@link #notReady} reads it without the monitor. */
    private volatile List<Bridge> running = List.of();

    @Inject
    public CoreGateway(LoginService login, CallService calls, RoomService rooms, MessageService messages,
                   PresenceService presence, SessionLifecycle lifecycle, SessionRegistry sessions,
                   BridgeRegistry bridges, @Named(CoreModule.TIMER) ScheduledExecutorService timer,
                   HeapPressure heap, MessageMeters messageMeters, LoginMeters loginMeters, GatewayMeters meters,
                   QueueBudget queueBudget, Router router, Cluster cluster) {
        this.router = router;
        this.cluster = cluster;
        this.services = new CoreServices(login, calls, rooms, messages, presence, lifecycle, messageMeters, loginMeters);
        this.meters = meters;
        StateGauges.register(meters.registry(), sessions, rooms, heap, this, queueBudget);
        this.sessions = sessions;
        this.bridges = bridges;
        this.timer = timer;
        this.heap = heap;
    }

    @Override
    public ClientLink connect(ClientConnection connection, String handshakeToken) {
        return new ConnectedClient(new CountedConnection(connection, services.messageMeters()), handshakeToken, services);
    }

    public synchronized void start() throws Exception {
        cluster.start();
        for (Bridge bridge : bridges.all()) {
            bridge.start(new BridgeInbound(bridge, sessions, services.calls(), services.presence(), heap, router));
            started.add(bridge);
            if (bridge.enabled()) {
                log.info("bridge '{}' started for {}", bridge.name(), bridge.schemes());
            }
        }
        running = List.copyOf(started);
    }

    /**
     * Ends every session (clients get a going-away close, bridged calls their {@code bye}), then stops the
     * bridges in the reverse order of their start, one after another, each with an equal share of the time
     * left, so a bridge whose peer does not answer leaves the others theirs.
     *
     * @return what the bridges left undone, one entry per bridge that did not finish ("sip: 2 BYEs unanswered")
     */
    public synchronized List<String> stop(Deadline deadline) {
        running = List.of();
        cluster.parkSessions();
        services.lifecycle().endAll("the gateway is shutting down");
        List<String> undone = new ArrayList<>();
        List<Bridge> toStop = reversed(started);
        for (int i = 0; i < toStop.size(); i++) {
            Bridge bridge = toStop.get(i);
            try {
                Optional<String> left = bridge.stop(deadline.share(toStop.size() - i));
                left.ifPresent(what -> undone.add(bridge.name() + ": " + what));
            } catch (RuntimeException e) {
                log.warn("bridge '{}' failed to stop cleanly", bridge.name(), e);
                undone.add(bridge.name() + ": failed (" + e + ")");
            }
        }
        started.clear();
        // After the bridges: their goodbyes to parked sessions still go through the cluster.
        cluster.stop();
        timer.shutdownNow();
        heap.close();
        meters.close();
        return undone;
    }

    /** Calls under way, between users or with a bridge. */
    public int callCount() {
        return (int) sessions.all().stream().flatMap(session -> session.calls().stream()).distinct().count();
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    @Override
    public List<String> notReady() {
        List<Bridge> bridgesNow = running;
        if (bridgesNow.isEmpty() && !bridges.all().isEmpty()) {
            return List.of("the bridges are not running (starting or stopping)");
        }
        List<String> problems = new ArrayList<>();
        for (Bridge bridge : bridgesNow) {
            if (bridge.enabled()) {
                bridge.health().problems().forEach(problem -> problems.add(bridge.name() + ": " + problem));
            }
        }
        cluster.notReady().forEach(problem -> problems.add("cluster: " + problem));
        return problems;
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
