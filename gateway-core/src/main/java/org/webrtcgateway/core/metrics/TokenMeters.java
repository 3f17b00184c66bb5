package org.webrtcgateway.core.metrics;

import java.util.EnumMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.webrtcgateway.core.auth.TokenRefusal;

/**
 * Refused login tokens by reason: a wave of {@code signature} or {@code unknown-key} is someone trying
 * tokens or a key rotation gone wrong, {@code expired} a clock or a client that does not renew.
 */
@Singleton
public final class TokenMeters {

    static final String REFUSED = "gateway.login.tokens.refused";

    private final Map<TokenRefusal, Counter> refused = new EnumMap<>(TokenRefusal.class);

    @Inject
    public TokenMeters(MeterRegistry registry) {
        for (TokenRefusal reason : TokenRefusal.values()) {
            refused.put(reason, Counter.builder(REFUSED).description("Login tokens refused, by reason")
                    .tag("reason", reason.label()).register(registry));
        }
    }

    public void refused(TokenRefusal reason) {
        refused.get(reason).increment();
    }
}
