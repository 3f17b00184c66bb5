package org.webrtcgateway.core.protocol;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * A way in for clients (the WebSocket server). Frontends are bound with a multibinder and started
 * and stopped by {@link Lifecycle}, around the core.
 */
public interface Frontend {

    /** Starts listening; called after the core and its bridges started. */
    void start() throws Exception;

    /** Stops taking new connections; existing ones stay until {@link #stop}. */
    void stopAccepting();

    /**
     * Closes what is left and releases threads; called after the core ended every session and the bridges
     * stopped. Waits for the close frames and its threads no longer than {@code within} (what is left of
     * {@code shutdown.timeout}; zero when the stop was cut short), but its threads end even when it cannot wait.
     */
    void stop(Duration within);

    /**
     * Where clients connect, e.g. {@code ws://127.0.0.1:8080/ws}, once started: what the tests' gateway
     * points its clients at without knowing which frontend is there. Empty before the start, and for a
     * frontend clients do not reach by URI.
     */
    default Optional<URI> clientUri() {
        return Optional.empty();
    }
}
