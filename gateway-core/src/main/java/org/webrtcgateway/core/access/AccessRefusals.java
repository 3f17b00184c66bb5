package org.webrtcgateway.core.access;

import java.util.EnumMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.webrtcgateway.core.Outcome;
import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.session.Session;

/**
 * Refuses what a user's {@link AccessPolicy} does not allow: the client gets {@code forbidden} with the rule, the
 * journal a line per user and minute at most (a script dialling premium numbers in a loop writes one line a minute,
 * not one per attempt), and {@code gateway_access_refused_total} counts it by what was refused.
 */
@Singleton
public final class AccessRefusals {

    /** What a rule refused: the metric's {@code what} label (bounded). */
    public enum What {
        CALL, MESSAGE, ROOM;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final String METER = "gateway.access.refused";

    private final Map<What, Counter> counters = new EnumMap<>(What.class);

    @Inject
    public AccessRefusals(MeterRegistry registry) {
        for (What what : What.values()) {
            counters.put(what, Counter.builder(METER)
                    .description("Requests refused by a user's access rules (token claims or access.default.*), by what was refused")
                    .tag("what", what.label()).register(registry));
        }
    }

    /** Refuses {@code session}'s request: {@code rule} says which rule, {@code detail} what was asked. */
    public Outcome refuse(Session session, What what, String detail, String rule) {
        counters.get(what).increment();
        session.accessRefused().occurred(detail + ": refused by " + rule);
        return Outcome.failed(ErrorCode.FORBIDDEN, detail + " is not allowed for you (" + rule + ")");
    }
}
