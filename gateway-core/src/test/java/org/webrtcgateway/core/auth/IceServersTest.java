package org.webrtcgateway.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.webrtcgateway.core.api.IceServer;
import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.core.config.IceConfig;

/** {@link IceServers}: the TURN REST API credentials (the form coturn's {@code use-auth-secret} checks). */
class IceServersTest {

    private static final Clock NOV_2023 = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);

    @Test
    void hmacSha1MatchesRfc2202TestCase2() {
        // RFC 2202 section 3, test case 2: digest effcdf6ae5eb2fa2d27416d5f184df9c259a7c79, here in base64.
        assertThat(IceServers.hmacSha1("Jefe", "what do ya want for nothing?")).isEqualTo("7/zfauXrL6LSdBbV8YTfnCWafHk=");
    }

    @Test
    void turnCredentialsAreExpiryColonNameAndTheBase64HmacOfIt() {
        IceServers servers = new IceServers(new IceConfig(List.of(), List.of("turn:turn.example.org:3478"), "s3cret", null, null,
                Duration.ofHours(12)), NOV_2023);

        List<IceServer> forAlice = servers.forUser("alice");

        // Expected credential computed independently:
        //   printf '1700043200:alice' | openssl dgst -sha1 -hmac s3cret -binary | base64
        assertThat(forAlice).containsExactly(
                new IceServer(List.of("turn:turn.example.org:3478"), "1700043200:alice", "QwoaCWsbGyBTwZodZx/QxKnSykI="));
    }

    @Test
    void theExpiryFollowsTheConfiguredTtl() {
        IceServers servers = new IceServers(new IceConfig(List.of(), List.of("turn:t"), "s3cret", null, null,
                Duration.ofMinutes(5)), NOV_2023);

        assertThat(servers.forUser("bob").get(0).username()).isEqualTo("1700000300:bob");
    }

    @Test
    void stunServersComeFirstAndWithoutCredentials() {
        IceServers servers = new IceServers(new IceConfig(List.of("stun:a:3478", "stun:b:3478"), List.of("turn:t:3478"),
                "s3cret", null, null, Duration.ofHours(1)), NOV_2023);

        List<IceServer> list = servers.forUser("alice");

        assertThat(list).hasSize(2);
        assertThat(list.get(0)).isEqualTo(new IceServer(List.of("stun:a:3478", "stun:b:3478"), null, null));
        assertThat(list.get(1).urls()).containsExactly("turn:t:3478");
    }

    @Test
    void withoutASecretTheFixedTurnCredentialsAreHandedOut() {
        IceServers servers = new IceServers(new IceConfig(List.of(), List.of("turn:t:3478"), null, "user", "pass",
                Duration.ofHours(1)), NOV_2023);

        assertThat(servers.forUser("alice")).containsExactly(new IceServer(List.of("turn:t:3478"), "user", "pass"));
    }

    @Test
    void aTtlUnderOneSecondIsRefusedAtStartNamingTheKey() {
        // The expiry is in whole seconds: 500 ms could round to credentials good for a few milliseconds only.
        assertThatThrownBy(() -> new IceConfig(List.of(), List.of("turn:t:3478"), "s3cret", null, null, Duration.ofMillis(500)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ice.turn-ttl must be at least 1s, got 500 ms");
    }

    @Test
    void withNothingConfiguredTheListIsEmpty() {
        IceServers servers = new IceServers(new IceConfig(List.of(), List.of(), null, null, null, Duration.ofHours(1)), NOV_2023);

        assertThat(servers.forUser("alice")).isEmpty();
    }
}
