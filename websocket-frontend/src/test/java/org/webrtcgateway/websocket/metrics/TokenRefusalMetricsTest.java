package org.webrtcgateway.websocket.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.metrics.Exposition;

/** gateway_login_tokens_refused_total: refused login tokens counted by a reason from a closed set. */
class TokenRefusalMetricsTest {

    private static final String SECRET = "a-test-secret-that-is-long-enough-for-hs512-0123456789abcdef";

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension().with("auth.jwt-secret", SECRET);

    @Test
    void refusedTokensAreCountedByReason() {
        String expired = JWT.create().withSubject("alice").withExpiresAt(Instant.now().minusSeconds(3600))
                .sign(Algorithm.HMAC256(SECRET));
        String forged = JWT.create().withSubject("alice").withExpiresAt(Instant.now().plusSeconds(300))
                .sign(Algorithm.HMAC256("another-secret-of-some-length-0123456789"));
        String unsigned = JWT.create().withSubject("alice").withExpiresAt(Instant.now().plusSeconds(300)).sign(Algorithm.none());

        gateway.client().requestError("unauthorized", "type", "login", "token", expired);
        gateway.client().requestError("unauthorized", "type", "login", "token", expired);
        gateway.client().requestError("unauthorized", "type", "login", "token", forged);
        gateway.client().requestError("unauthorized", "type", "login", "token", unsigned);
        gateway.client().requestError("unauthorized", "type", "login", "token", forged + "=");

        Exposition metrics = Exposition.scrape(gateway.httpUri("/metrics"));
        assertThat(metrics.value("gateway_login_tokens_refused_total", "reason", "expired")).isEqualTo(2);
        assertThat(metrics.value("gateway_login_tokens_refused_total", "reason", "signature")).isEqualTo(1);
        assertThat(metrics.value("gateway_login_tokens_refused_total", "reason", "algorithm")).isEqualTo(1);
        assertThat(metrics.value("gateway_login_tokens_refused_total", "reason", "malformed")).isEqualTo(1);
        assertThat(metrics.value("gateway_login_tokens_refused_total", "reason", "unknown-key")).isZero();
        assertThat(metrics.value("gateway_logins_total", "result", "unauthorized")).isEqualTo(5);
    }
}
