package org.webrtcgateway.core;

import java.util.EnumMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sessions ended, by how (the session log's {@code end=}): a wave of {@code too-slow} is clients that
 * do not read what they are sent, or all queues together at their share of the heap; of {@code dropped},
 * connections lost and never resumed.
 */
@Singleton
final class SessionEndMeters {

    private final Map<SessionEnd, Counter> ended = new EnumMap<>(SessionEnd.class);

    @Inject
    SessionEndMeters(MeterRegistry registry) {
        for (SessionEnd how : SessionEnd.values()) {
            ended.put(how, Counter.builder("gateway.sessions.ended").description("Sessions ended, by how (the session log's end=)")
                    .tag("end", how.label()).register(registry));
        }
    }

    void ended(SessionEnd how) {
        ended.get(how).increment();
    }
}
