package org.webrtcgateway.core.log;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * A {@link RepeatedCondition} per source address, for what one peer can do again and again, from a new
 * connection each time (break the WebSocket protocol, send what it may not): each offender gets its own line
 * at most once per interval, with the count since, so one offender cannot fill the journal and cannot hide
 * another either. E.g. {@code WebSocket protocol violations from 203.0.113.9: 12 in the last 60 s (last: 1002 ...)}.
 *
 * <p>It follows at most {@code maxSources} sources. A source quiet for a whole interval is forgotten to make room
 * for a new one: its next occurrence is written as a first one, so it still gets no more than a line per
 * interval (what it did since its last line is only in the DEBUG lines). While every followed source is busy,
 * further sources share one condition: the journal gets at most {@code maxSources + 1} lines per interval,
 * whatever the number of senders. Thread-safe.
 */
public final class RepeatedConditionPerSource {

    private final Logger log;
    private final Level level;
    private final String what;
    private final Duration interval;
    private final int maxSources;
    private final LongSupplier nanoClock;
    private final Map<InetAddress, Followed> bySource = new HashMap<>();
    private final RepeatedCondition furtherSources;

    /** A followed source: its condition, and when it last occurred (to tell a quiet one). */
    private static final class Followed {
        final RepeatedCondition condition;
        long lastOccurredAt;

        Followed(RepeatedCondition condition) {
            this.condition = condition;
        }
    }

    /**
     * @param what       the condition, as each line starts before " from ADDRESS": {@code "WebSocket protocol violations"}
     * @param maxSources how many sources get lines of their own at once
     * @param nanoClock  {@link System#nanoTime} but in tests
     */
    public RepeatedConditionPerSource(Logger log, Level level, String what, Duration interval, int maxSources,
                                      LongSupplier nanoClock) {
        this.log = requireNonNull(log, "log");
        this.level = requireNonNull(level, "level");
        this.what = requireNonNull(what, "what");
        this.interval = requireNonNull(interval, "interval");
        this.nanoClock = requireNonNull(nanoClock, "nanoClock");
        if (maxSources < 1) {
            throw new IllegalArgumentException("maxSources must be at least 1, got " + maxSources);
        }
        this.maxSources = maxSources;
        this.furtherSources = new RepeatedCondition(log, level, what + " from further sources", interval, nanoClock);
    }

    /** Written at WARN, at most once a minute per source. */
    public static RepeatedConditionPerSource warn(Logger log, String what, int maxSources) {
        return new RepeatedConditionPerSource(log, Level.WARN, what, RepeatedCondition.MINUTE, maxSources, System::nanoTime);
    }

    /**
     * One occurrence from {@code source} (null: an unknown one, e.g. a connection already gone). {@code detail} is
     * written as {@link RepeatedCondition#occurred(String)} writes it, control characters replaced.
     *
     * @return whether this occurrence was written at the condition's level (else at DEBUG)
     */
    public boolean occurred(InetAddress source, String detail) {
        Followed followed;
        synchronized (bySource) {
            long now = nanoClock.getAsLong();
            followed = bySource.get(source);
            if (followed == null) {
                if (bySource.size() >= maxSources) {
                    forgetQuietSources(now);
                }
                if (bySource.size() < maxSources) {
                    followed = new Followed(new RepeatedCondition(log, level, what + " from " + addressOf(source),
                            interval, nanoClock));
                    bySource.put(source, followed);
                }
            }
            if (followed != null) {
                followed.lastOccurredAt = now;
            }
        }
        return followed != null ? followed.condition.occurred(detail)
                : furtherSources.occurred(addressOf(source) + ": " + detail);
    }

    private void forgetQuietSources(long now) {
        long quietFor = interval.toNanos();
        bySource.values().removeIf(followed -> now - followed.lastOccurredAt >= quietFor);
    }

    private static String addressOf(InetAddress source) {
        return source == null ? "an unknown address" : source.getHostAddress();
    }

    @Override
    public String toString() {
        return what;
    }
}
