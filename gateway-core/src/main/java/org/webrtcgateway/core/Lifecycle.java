package org.webrtcgateway.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.protocol.Frontend;

/**
 * Starts and stops the whole gateway in one known order. Start: core and bridges, then frontends.
 * Stop: frontends stop accepting, the core ends every session (clients get a going-away close,
 * SIP and XMPP peers their BYE), bridges stop, frontends close what is left.
 */
@Singleton
public final class Lifecycle {

    private static final Logger log = LoggerFactory.getLogger(Lifecycle.class);

    private final CoreGateway gateway;
    private final List<Frontend> frontends;
    private boolean running;

    @Inject
    public Lifecycle(CoreGateway gateway, Set<Frontend> frontends) {
        this.gateway = gateway;
        this.frontends = List.copyOf(frontends);
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
            started.forEach(Frontend::stop);
            gateway.stop();
            throw e;
        }
        running = true;
    }

    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        frontends.forEach(Frontend::stopAccepting);
        gateway.stop();
        frontends.forEach(Frontend::stop);
        log.info("stopped");
    }
}
