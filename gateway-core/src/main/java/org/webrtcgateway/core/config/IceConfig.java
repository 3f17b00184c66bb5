package org.webrtcgateway.core.config;

import java.time.Duration;
import java.util.List;

/** The {@code iceServers} handed to browsers at login: the {@code ice.*} keys. */
public record IceConfig(List<String> stunUrls, List<String> turnUrls, String turnSecret, String turnUsername,
                        String turnPassword, Duration turnCredentialTtl) {

    public static final Setting<List<String>> STUN_URLS = Setting.list("ice.stun-urls",
            "STUN servers, e.g. stun:stun.example.org:3478 (comma-separated on the command line)");
    public static final Setting<List<String>> TURN_URLS = Setting.list("ice.turn-urls",
            "TURN servers, e.g. turn:turn.example.org:3478?transport=udp");
    public static final Setting<String> TURN_SECRET = Setting.secret("ice.turn-secret",
            "shared secret of a TURN server's REST API (coturn use-auth-secret): per-user credentials are minted at login");
    public static final Setting<String> TURN_USERNAME = Setting.string("ice.turn-username", null,
            "fixed TURN user name, when no turn-secret is set");
    public static final Setting<String> TURN_PASSWORD = Setting.secret("ice.turn-password",
            "fixed TURN password, when no turn-secret is set");
    public static final Setting<Duration> TURN_TTL = Setting.duration("ice.turn-ttl", Duration.ofHours(12),
            "lifetime of minted TURN credentials");

    public static final List<Setting<?>> SETTINGS = List.of(STUN_URLS, TURN_URLS, TURN_SECRET, TURN_USERNAME,
            TURN_PASSWORD, TURN_TTL);

    public IceConfig {
        stunUrls = List.copyOf(stunUrls);
        turnUrls = List.copyOf(turnUrls);
        if (!turnUrls.isEmpty() && turnSecret == null && (turnUsername == null || turnPassword == null)) {
            throw new ConfigException(TURN_URLS.key() + " needs either " + TURN_SECRET.key() + " or both "
                    + TURN_USERNAME.key() + " and " + TURN_PASSWORD.key());
        }
    }

    public static IceConfig from(Settings s) {
        return new IceConfig(s.get(STUN_URLS), s.get(TURN_URLS), s.get(TURN_SECRET), s.get(TURN_USERNAME),
                s.get(TURN_PASSWORD), s.get(TURN_TTL));
    }
}
