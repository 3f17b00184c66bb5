package org.webrtcgateway.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Login tokens (JWT): the {@code auth.*} keys. With no key configured, anyone may log in under any free name. */
public record AuthConfig(String jwtSecret, Path jwtPublicKey, String issuer, String audience, Duration leeway) {

    public static final Setting<String> JWT_SECRET = Setting.secret("auth.jwt-secret",
            "HMAC secret (HS256/384/512) that login tokens are signed with; setting it makes tokens required");
    public static final Setting<Path> JWT_PUBLIC_KEY = Setting.path("auth.jwt-public-key",
            "PEM file with the RSA or EC public key (RS256/ES256...) that login tokens are signed with; makes tokens required");
    public static final Setting<String> ISSUER = Setting.string("auth.jwt-issuer", null,
            "when set, a token's 'iss' must equal it");
    public static final Setting<String> AUDIENCE = Setting.string("auth.jwt-audience", null,
            "when set, a token's 'aud' must contain it");
    public static final Setting<Duration> LEEWAY = Setting.duration("auth.jwt-leeway", Duration.ofSeconds(30),
            "clock skew allowed when checking 'exp' and 'nbf'");

    public static final List<Setting<?>> SETTINGS = List.of(JWT_SECRET, JWT_PUBLIC_KEY, ISSUER, AUDIENCE, LEEWAY);

    public static AuthConfig from(Settings s) {
        return new AuthConfig(s.get(JWT_SECRET), s.get(JWT_PUBLIC_KEY), s.get(ISSUER), s.get(AUDIENCE), s.get(LEEWAY));
    }

    public boolean tokensRequired() {
        return jwtSecret != null || jwtPublicKey != null;
    }
}
