package org.webrtcgateway.core.config;

import java.time.Duration;
import java.util.List;

/** How the gateway stops: the {@code shutdown.*} keys. */
public record ShutdownConfig(Duration timeout) {

    public static final Setting<Duration> TIMEOUT = Setting.duration("shutdown.timeout", Duration.ofSeconds(10),
            "at SIGTERM, how long the gateway may spend saying goodbye (BYE, CANCEL, un-REGISTER, session-terminate,"
                    + " unavailable presence) and waiting for the answers before it exits anyway; keep it below the"
                    + " service manager's stop timeout (systemd TimeoutStopSec)");

    public static final List<Setting<?>> SETTINGS = List.of(TIMEOUT);

    public ShutdownConfig {
        if (timeout.isNegative()) {
            throw new ConfigException(TIMEOUT.key() + " cannot be negative");
        }
    }

    public static ShutdownConfig from(Settings s) {
        return new ShutdownConfig(s.get(TIMEOUT));
    }
}
