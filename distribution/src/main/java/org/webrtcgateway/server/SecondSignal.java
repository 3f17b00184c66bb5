package org.webrtcgateway.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.Lifecycle;

/**
 * A second SIGTERM or SIGINT during the stop ends its waits at once. Without this the JVM ignores it: its
 * own handler would call exit again, which waits for the shutdown hooks, the stop among them, to finish.
 * Installed from the shutdown hook, so the first signal still starts the JVM's shutdown as usual.
 * {@code sun.misc.Signal} (module jdk.unsupported) is the only way a Java 17 program can handle a signal.
 */
final class SecondSignal {

    private static final Logger log = LoggerFactory.getLogger(SecondSignal.class);

    private SecondSignal() {
    }

    /** From now on, SIGTERM and SIGINT cut {@code lifecycle}'s stop short. */
    static void hurries(Lifecycle lifecycle) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    log.info("SIG{} again: no more waiting", name);
                    lifecycle.hurry();
                });
            } catch (IllegalArgumentException e) {
                log.debug("SIG{} cannot be handled here ({}); a second one will not hurry the stop", name, e.getMessage());
            }
        }
    }
}
