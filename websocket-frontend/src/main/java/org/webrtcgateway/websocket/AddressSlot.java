package org.webrtcgateway.websocket;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A connection's place in its IP address's count ({@code websocket.max-connections-per-address}). An
 * HTTP connection gives it back when it closes; a WebSocket connection when the core lets it go, which
 * for a dropped session is when the session ends or is resumed: a dropped session still counts against
 * its address, so an attacker cannot hold more sessions (and their queues) than connections.
 */
final class AddressSlot {

    private final Runnable giveBack;
    private final AtomicBoolean released = new AtomicBoolean();

    AddressSlot(Runnable giveBack) {
        this.giveBack = giveBack;
    }

    /** Gives the place back; later calls do nothing. */
    void release() {
        if (released.compareAndSet(false, true)) {
            giveBack.run();
        }
    }
}
