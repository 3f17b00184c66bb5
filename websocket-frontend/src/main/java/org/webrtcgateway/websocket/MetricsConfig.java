package org.webrtcgateway.websocket;

import java.util.List;

import org.webrtcgateway.core.config.Setting;
import org.webrtcgateway.core.config.Settings;

/**
 * Where the Prometheus metrics are served: the {@code metrics.*} keys. Port 0 serves them at
 * {@code /metrics} on the main HTTP port; another port serves them there only, on {@code metrics.bind},
 * and no longer on the main port (which may face the Internet).
 */
public record MetricsConfig(boolean enabled, String bind, int port) {

    public static final Setting<Boolean> ENABLED = Setting.bool("metrics.enabled", true,
            "serve Prometheus metrics at GET /metrics (false: no /metrics and nothing is measured)");
    public static final Setting<String> BIND = Setting.string("metrics.bind", "127.0.0.1",
            "address of the separate metrics port (metrics.port); keep it on loopback or a management network");
    public static final Setting<Integer> PORT = Setting.integer("metrics.port", 0, 0, 65535,
            "0 = /metrics on the main port (websocket.port); another port = /metrics there only, on metrics.bind");

    public static final List<Setting<?>> SETTINGS = List.of(ENABLED, BIND, PORT);

    public static MetricsConfig from(Settings s) {
        return new MetricsConfig(s.get(ENABLED), s.get(BIND), s.get(PORT));
    }

    /** True when /metrics is answered on the main HTTP port. */
    public boolean onMainPort() {
        return enabled && port == 0;
    }

    /** True when a port of its own serves /metrics. */
    public boolean onOwnPort() {
        return enabled && port != 0;
    }
}
