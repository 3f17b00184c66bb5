package org.webrtcgateway.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Login tokens (JWT): the {@code auth.*} keys. With no key configured (secret, PEM key, JWKS file or
 * URL), anyone may log in under any free name.
 */
public record AuthConfig(String jwtSecret, Path jwtPublicKey, Path jwksFile, URI jwksUrl, Duration jwksRefresh,
                         boolean requireExp, String issuer, String audience, Duration leeway) {

    public static final Setting<String> JWT_SECRET = Setting.secret("auth.jwt-secret",
            "HMAC secret (HS256/384/512) that login tokens are signed with; setting it makes tokens required");
    public static final Setting<Path> JWT_PUBLIC_KEY = Setting.path("auth.jwt-public-key",
            "PEM file with the RSA or EC public key (RS256/ES256...) that login tokens are signed with; makes tokens required");
    public static final Setting<Path> JWKS_FILE = Setting.path("auth.jwks-file",
            "JWK Set file with the RSA and EC public keys (picked by the token's kid) that login tokens are signed with;"
                    + " read again when it changes, so keys rotate without a restart; makes tokens required");
    public static final Setting<URI> JWKS_URL = new Setting<>("auth.jwks-url", null, AuthConfig::parseUrl,
            "http(s) URL of a JWK Set (an identity provider's jwks_uri) with the keys login tokens are signed with;"
                    + " fetched again every jwks-refresh and on an unknown kid (at most once a minute); makes tokens required");
    public static final Setting<Duration> JWKS_REFRESH = Setting.duration("auth.jwks-refresh", Duration.ofMinutes(5),
            "how often the keys at jwks-url are fetched again");
    public static final Setting<Boolean> REQUIRE_EXP = Setting.bool("auth.require-exp", true,
            "refuse tokens without an expiry ('exp'); false lets never-expiring tokens in");
    public static final Setting<String> ISSUER = Setting.string("auth.jwt-issuer", null,
            "when set, a token's 'iss' must equal it");
    public static final Setting<String> AUDIENCE = Setting.string("auth.jwt-audience", null,
            "when set, a token's 'aud' must contain it");
    public static final Setting<Duration> LEEWAY = Setting.duration("auth.jwt-leeway", Duration.ofSeconds(30),
            "clock skew allowed when checking 'exp' and 'nbf'");

    public static final List<Setting<?>> SETTINGS = List.of(JWT_SECRET, JWT_PUBLIC_KEY, JWKS_FILE, JWKS_URL, JWKS_REFRESH,
            REQUIRE_EXP, ISSUER, AUDIENCE, LEEWAY);

    public AuthConfig {
        if (jwksRefresh.isNegative() || jwksRefresh.isZero()) {
            throw new ConfigException(JWKS_REFRESH.key() + " must be positive, not " + jwksRefresh);
        }
    }

    public static AuthConfig from(Settings s) {
        return new AuthConfig(s.get(JWT_SECRET), s.get(JWT_PUBLIC_KEY), s.get(JWKS_FILE), s.get(JWKS_URL), s.get(JWKS_REFRESH),
                s.get(REQUIRE_EXP), s.get(ISSUER), s.get(AUDIENCE), s.get(LEEWAY));
    }

    public boolean tokensRequired() {
        return jwtSecret != null || jwtPublicKey != null || jwksFile != null || jwksUrl != null;
    }

    private static URI parseUrl(String text) {
        try {
            URI uri = new URI(text);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("expected an http:// or https:// URL, not '" + text + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("expected an http:// or https:// URL, not '" + text + "'");
        }
    }
}
