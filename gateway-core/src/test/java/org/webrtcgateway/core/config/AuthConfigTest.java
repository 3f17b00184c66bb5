package org.webrtcgateway.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webrtcgateway.core.auth.TokenVerifier;

/** The auth.jwks-* and auth.require-exp settings, and what an operator is told when they are wrong. */
class AuthConfigTest {

    @TempDir
    Path dir;

    @Test
    void expiryIsRequiredAndJwksAreRefreshedEveryFiveMinutesByDefault() {
        AuthConfig auth = AuthConfig.from(Settings.of(Map.of()));

        assertThat(auth.requireExp()).isTrue();
        assertThat(auth.jwksRefresh()).isEqualTo(Duration.ofMinutes(5));
        assertThat(auth.tokensRequired()).isFalse();
    }

    @Test
    void aJwksUrlMakesTokensRequiredAndMustBeHttpOrHttps() {
        assertThat(AuthConfig.from(Settings.of(Map.of("auth.jwks-url", "https://login.example.org/jwks"))).jwksUrl())
                .isEqualTo(URI.create("https://login.example.org/jwks"));
        assertThat(AuthConfig.from(Settings.of(Map.of("auth.jwks-url", "http://127.0.0.1:8080/jwks"))).tokensRequired()).isTrue();

        assertThatThrownBy(() -> AuthConfig.from(Settings.of(Map.of("auth.jwks-url", "file:///etc/passwd"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("auth.jwks-url: expected an http:// or https:// URL");
        assertThatThrownBy(() -> AuthConfig.from(Settings.of(Map.of("auth.jwks-url", "not a url"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("auth.jwks-url: expected an http:// or https:// URL");
    }

    @Test
    void aJwksRefreshOfZeroIsRefused() {
        assertThatThrownBy(() -> AuthConfig.from(Settings.of(Map.of("auth.jwks-refresh", "0"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("auth.jwks-refresh must be positive");
    }

    @Test
    void aJwksFileThatIsNoJwkSetStopsTheStartWithTheSettingsName() throws IOException {
        Path notJson = Files.writeString(dir.resolve("jwks.json"), "-----BEGIN PUBLIC KEY-----");
        Path noKeys = Files.writeString(dir.resolve("empty.json"), "{\"keys\":\"none\"}");

        assertThatThrownBy(() -> new TokenVerifier(AuthConfig.from(Settings.of(Map.of("auth.jwks-file", notJson.toString())))))
                .isInstanceOf(ConfigException.class).hasMessage("auth.jwks-file: " + notJson + " is not JSON");
        assertThatThrownBy(() -> new TokenVerifier(AuthConfig.from(Settings.of(Map.of("auth.jwks-file", noKeys.toString())))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("auth.jwks-file: " + noKeys + " is not a JWK Set (a JSON object with a \"keys\" array)");
    }
}
