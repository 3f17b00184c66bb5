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
            "lifetime of minted TURN credentials; a session gets fresh ones when half of it has passed");
    /** coturn's REST user names carry the expiry in whole seconds: a shorter lifetime would be no lifetime at all. */
    public static final Duration MIN_TURN_TTL = Duration.ofSeconds(1);

    public static final List<Setting<?>> SETTINGS = List.of(STUN_URLS, TURN_URLS, TURN_SECRET, TURN_USERNAME,
            TURN_PASSWORD, TURN_TTL);

    public IceConfig {
        stunUrls = List.copyOf(stunUrls);
        turnUrls = List.copyOf(turnUrls);
        if (!turnUrls.isEmpty() && turnSecret == null && (turnUsername == null || turnPassword == null)) {
            throw new ConfigException(TURN_URLS.key() + " needs either " + TURN_SECRET.key() + " or both "
                    + TURN_USERNAME.key() + " and " + TURN_PASSWORD.key());
        }
        if (turnCredentialTtl.compareTo(MIN_TURN_TTL) < 0) {
            throw new ConfigException(TURN_TTL.key() + " must be at least 1s, got " + turnCredentialTtl.toMillis() + " ms");
        }
    }

    /** True when each login gets credentials of its own (a shared secret), which expire and so are renewed. */
    public boolean mintsTurnCredentials() {
        return !turnUrls.isEmpty() && turnSecret != null;
    }

    public static IceConfig from(Settings s) {
        return new IceConfig(s.get(STUN_URLS), s.get(TURN_URLS), s.get(TURN_SECRET), s.get(TURN_USERNAME),
                s.get(TURN_PASSWORD), s.get(TURN_TTL));
    }
}
