package org.webrtcgateway.core.metrics;

import java.util.EnumMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.webrtcgateway.core.api.ErrorCode;

/** Logins by result: {@code ok}, {@code resumed}, or the error code of the refusal. */
@Singleton
public final class LoginMeters {

    static final String LOGINS = "gateway.logins";

    private final Counter ok;
    private final Counter resumed;
    private final Map<ErrorCode, Counter> refused = new EnumMap<>(ErrorCode.class);

    @Inject
    public LoginMeters(MeterRegistry registry) {
        this.ok = counter(registry, "ok");
        this.resumed = counter(registry, "resumed");
        for (ErrorCode code : ErrorCode.values()) {
            refused.put(code, counter(registry, code.wireName()));
        }
    }

    private static Counter counter(MeterRegistry registry, String result) {
        return Counter.builder(LOGINS).description("Logins, by result: ok, resumed, or the error code of the refusal")
                .tag("result", result).register(registry);
    }

    public void loggedIn(boolean wasResumed) {
        (wasResumed ? resumed : ok).increment();
    }

    public void refused(ErrorCode code) {
        refused.get(code).increment();
    }
}
