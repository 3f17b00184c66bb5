package org.webrtcgateway.core.log;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * A condition that can happen many times a minute (plain HTTP on the TLS port, a PBX that is down, a
 * bug hit on every message): the journal gets one line for the first occurrence, then at most one
 * line per interval saying how many happened since and the last one's detail, e.g. {@code TLS
 * handshakes failed: 37 in the last 61 s (last: 127.0.0.1: not an SSL/TLS record)}. Every other
 * occurrence goes out at DEBUG, one line each.
 *
 * <p>Thread-safe. It has no thread of its own: the count of a quiet interval is written with the
 * next occurrence, so a condition that stopped leaves nothing pending.
 */
public final class RepeatedCondition {

    /** The interval operators get: one line per condition per minute. */
    public static final Duration MINUTE = Duration.ofMinutes(1);

    private final Logger log;
    private final Level level;
    private final String what;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private boolean written;
    private long lastWrittenAt;
    private int since;

    /**
     * @param level     WARN for a condition an operator should look at, ERROR for a bug of ours
     * @param what      the condition, as the line starts: {@code "TLS handshakes failed"}
     * @param nanoClock {@link System#nanoTime} but in tests
     */
    public RepeatedCondition(Logger log, Level level, String what, Duration interval, LongSupplier nanoClock) {
        this.log = requireNonNull(log, "log");
        this.level = requireNonNull(level, "level");
        this.what = requireNonNull(what, "what");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        this.intervalNanos = interval.toNanos();
        this.nanoClock = requireNonNull(nanoClock, "nanoClock");
    }

    /** A condition written at WARN at most once a minute. */
    public static RepeatedCondition warn(Logger log, String what) {
        return new RepeatedCondition(log, Level.WARN, what, MINUTE, System::nanoTime);
    }

    /** A bug of ours (an unexpected exception) written at ERROR, with its stack trace, at most once a minute. */
    public static RepeatedCondition error(Logger log, String what) {
        return new RepeatedCondition(log, Level.ERROR, what, MINUTE, System::nanoTime);
    }

    /**
     * One occurrence. {@code detail} is quoted as is but for control characters (it may come from a
     * peer: no forged log lines).
     *
     * @return whether this occurrence was written at the condition's level (else at DEBUG)
     */
    public boolean occurred(String detail) {
        return occurred(detail, null);
    }

    /**
     * One occurrence of a bug: the stack trace goes out with the line at the condition's level, so once
     * per interval at most; the DEBUG lines in between carry none either.
     */
    public boolean occurred(String detail, Throwable bug) {
        String clean = oneLine(detail);
        String line;
        synchronized (this) {
            long now = nanoClock.getAsLong();
            since++;
            if (written && now - lastWrittenAt < intervalNanos) {
                line = null;
            } else {
                line = !written || since == 1 ? what + ": " + clean
                        : what + ": " + since + " in the last " + Duration.ofNanos(now - lastWrittenAt).toSeconds()
                        + " s (last: " + clean + ")";
                written = true;
                lastWrittenAt = now;
                since = 0;
            }
        }
        if (line == null) {
            log.debug("{}: {}", what, clean);
            return false;
        }
        if (bug == null) {
            log.atLevel(level).log(line);
        } else {
            log.atLevel(level).setCause(bug).log(line);
        }
        return true;
    }

    /**
     * The condition is over (the registrar answered, the peer is back): the next occurrence is written
     * at once, as a first one, whatever the interval. Occurrences not yet counted in a line are dropped:
     * the line saying it is over (e.g. "registered") is the caller's.
     */
    public synchronized void clear() {
        written = false;
        since = 0;
    }

    /** Whatever breaks a log line or drives a terminal, C1 controls (ASCII's {@code \\p{Cntrl}} misses them) included. */
    private static final java.util.regex.Pattern UNSAFE_IN_A_LOG_LINE = java.util.regex.Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}]");

    /** {@code text} as one log line: each control character, C1 and Unicode line separators included, made '?'. */
    public static String oneLine(Object text) {
        return UNSAFE_IN_A_LOG_LINE.matcher(String.valueOf(text)).replaceAll("?");
    }


    @Override
    public String toString() {
        return what;
    }
}
