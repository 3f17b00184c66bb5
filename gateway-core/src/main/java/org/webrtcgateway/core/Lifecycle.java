package org.webrtcgateway.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.api.Deadline;
import org.webrtcgateway.core.config.ShutdownConfig;
import org.webrtcgateway.core.protocol.Frontend;

/**
 * Starts and stops the whole gateway in one known order. Start: core and bridges, then frontends.
 * Stop, within {@code shutdown.timeout} overall: frontends stop accepting, the core ends every session
 * (clients get a going-away close, bridged peers their goodbyes), bridges stop and wait for those goodbyes
 * to be answered, frontends close what is left. The deadline is passed down rather than each part having
 * its own wait; {@link #hurry} (a second SIGTERM) ends every wait at once.
 */
@Singleton
public final class Lifecycle {

    private static final Logger log = LoggerFactory.getLogger(Lifecycle.class);

    private final CoreGateway gateway;
    private final List<Frontend> frontends;
    private final Duration timeout;
    private boolean running;
    /** The stop under way, for {@link #hurry} from another thread; null before it. */
    private volatile Deadline stopping;

    @Inject
    public Lifecycle(CoreGateway gateway, Set<Frontend> frontends, ShutdownConfig config) {
        this.gateway = gateway;
        this.frontends = List.copyOf(frontends);
        this.timeout = config.timeout();
    }

    public synchronized void start() throws Exception {
        if (running) {
            return;
        }
        List<Frontend> started = new ArrayList<>();
        try {
            gateway.start();
            for (Frontend frontend : frontends) {
                frontend.start();
                started.add(frontend);
            }
        } catch (Exception e) {
            // A start that failed (a port in use...) releases what it opened: the failure reaches the
            // caller as it is, and no bridge or event loop thread is left to keep the JVM alive.
            Deadline deadline = Deadline.in(timeout);
            started.forEach(frontend -> frontend.stop(deadline.remaining()));
            gateway.stop(deadline);
            throw e;
        }
        running = true;
    }

    /**
     * Stops within {@code shutdown.timeout}; returns once stopped. Idempotent.
     *
     * @return what was left undone (a bridge's unanswered goodbyes, when the timeout or {@link #hurry} cut the
     *         wait short), empty when everything went out and was answered or there was nothing to stop
     */
    public synchronized List<String> stop() {
        if (!running) {
            return List.of();
        }
        running = false;
        long began = System.nanoTime();
        Deadline deadline = Deadline.in(timeout);
        stopping = deadline;
        log.info("stopping: {} sessions, {} calls; up to {}", gateway.sessionCount(), gateway.callCount(), asSetting(timeout));
        frontends.forEach(Frontend::stopAccepting);
        List<String> undone = new ArrayList<>(gateway.stop(deadline));
        for (Frontend frontend : frontends) {
            try {
                frontend.stop(deadline.remaining());
            } catch (RuntimeException e) {
                undone.add("frontend " + frontend + ": failed (" + e + ")");
            }
        }
        if (!undone.isEmpty()) {
            log.warn("stop {}, left undone: {}", deadline.wasCutShort() ? "cut short by a second signal" : "past shutdown.timeout",
                    String.join("; ", undone));
        }
        log.info("stopped in {}", String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - began) / 1e9));
        return List.copyOf(undone);
    }

    /**
     * Ends the stop's waits now (a second SIGTERM): what is still unanswered is logged and left. Any thread,
     * never blocks; nothing happens before a stop began.
     */
    public void hurry() {
        Deadline current = stopping;
        if (current != null) {
            current.cutShort();
        }
    }

    /** As the setting is written: 10s, 1500ms. */
    private static String asSetting(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }
}
