package org.webrtcgateway.core;

/**
 * A way in for clients (the WebSocket server). Frontends are bound with a multibinder and started
 * and stopped by {@link Lifecycle}, around the core.
 */
public interface Frontend {

    /** Starts listening; called after the core and its bridges started. */
    void start() throws Exception;

    /** Stops taking new connections; existing ones stay until {@link #stop}. */
    void stopAccepting();

    /** Closes what is left and releases threads; called after the core ended every session. */
    void stop();
}
