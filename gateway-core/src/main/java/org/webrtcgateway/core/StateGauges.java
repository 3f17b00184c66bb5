package org.webrtcgateway.core;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.webrtcgateway.core.health.HeapPressure;
import org.webrtcgateway.core.protocol.Gateway;
import org.webrtcgateway.core.room.RoomService;
import org.webrtcgateway.core.session.QueueBudget;
import org.webrtcgateway.core.session.SessionRegistry;

/** The core's state, read when scraped: sessions, rooms and their members, the overload state, readiness, the queues' bytes. */
final class StateGauges {

    private StateGauges() {
    }

    static void register(MeterRegistry registry, SessionRegistry sessions, RoomService rooms, HeapPressure heap, Gateway gateway,
                         QueueBudget queues) {
        Gauge.builder("gateway.sessions", sessions, SessionRegistry::size)
                .description("Sessions (logged-in users), those waiting to be resumed included").register(registry);
        Gauge.builder("gateway.rooms", rooms, RoomService::roomCount).description("Rooms that have members").register(registry);
        Gauge.builder("gateway.room.members", rooms, RoomService::memberCount)
                .description("Members of all rooms together").register(registry);
        Gauge.builder("gateway.overloaded", heap, pressure -> pressure.isHigh() ? 1 : 0)
                .description("1 while the heap is over bridge.heap-limit-percent and new bridged calls are refused, else 0")
                .register(registry);
        // What /readyz says, for alerting on it (prometheus-alerts.yaml, GatewayNotReady) without a probe of its own.
        Gauge.builder("gateway.ready", gateway, g -> g.notReady().isEmpty() ? 1 : 0)
                .description("1 while every enabled bridge is in working order (as /readyz says), else 0").register(registry);
        // How close the clients that do not read (or were dropped) bring all queues to session.queues-heap-percent.
        Gauge.builder("gateway.session.queues.used", queues, QueueBudget::used)
                .description("Bytes held by the message queues of all sessions").baseUnit("bytes").register(registry);
    }
}
