package org.webrtcgateway.core.admin;

import java.util.List;

import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.core.config.Setting;
import org.webrtcgateway.core.config.Settings;

/**
 * The admin API and page: the {@code admin.*} keys. Off by default; when on, it listens on loopback unless told
 * otherwise and answers only requests that carry its own bearer token.
 */
public record AdminConfig(boolean enabled, String bind, int port, String token) {

    public static final Setting<Boolean> ENABLED = Setting.bool("admin.enabled", false,
            "serve the admin API (/admin/api/...) and page (/admin/) on their own port: users, rooms, calls;"
                    + " disconnect a user, end a call; bin/gateway status reads it");
    public static final Setting<String> BIND = Setting.string("admin.bind", "127.0.0.1",
            "address the admin API listens on; keep it on loopback or a management network");
    public static final Setting<Integer> PORT = Setting.integer("admin.port", 8081, 0, 65535,
            "port of the admin API and page (0: any free port, logged at start)");
    public static final Setting<String> TOKEN = Setting.secret("admin.token",
            "bearer token the admin API requires (Authorization: Bearer TOKEN), at least 16 characters; required when"
                    + " admin.enabled");

    public static final List<Setting<?>> SETTINGS = List.of(ENABLED, BIND, PORT, TOKEN);

    /** Short tokens can be guessed; 16 characters of a random string are far beyond that. */
    static final int MIN_TOKEN_LENGTH = 16;

    public AdminConfig {
        if (enabled && (token == null || token.isBlank())) {
            throw new ConfigException(TOKEN.key() + " (or " + TOKEN.key() + Setting.FILE_SUFFIX
                    + ") is required when admin.enabled is true");
        }
        if (enabled && token.strip().length() < MIN_TOKEN_LENGTH) {
            throw new ConfigException(TOKEN.key() + ": at least " + MIN_TOKEN_LENGTH + " characters, got "
                    + token.strip().length() + "; e.g. the output of 'openssl rand -hex 16'");
        }
        token = token == null ? null : token.strip();
    }

    public static AdminConfig from(Settings s) {
        return new AdminConfig(s.get(ENABLED), s.get(BIND), s.get(PORT), s.get(TOKEN));
    }

    /** Never the token. */
    @Override
    public String toString() {
        return "admin API " + (enabled ? "on " + bind + ":" + port : "off");
    }
}
