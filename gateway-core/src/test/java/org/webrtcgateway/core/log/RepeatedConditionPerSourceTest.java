package org.webrtcgateway.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class RepeatedConditionPerSourceTest {

    private final RecordingLogger log = new RecordingLogger();
    private final AtomicLong now = new AtomicLong(1_000);
    private final RepeatedConditionPerSource violations = new RepeatedConditionPerSource(log, Level.WARN,
            "protocol violations", Duration.ofMinutes(1), 2, now::get);

    @Test
    void anOffenderAgainAndAgainGetsOneLineAnIntervalWithTheCountSince() {
        for (int i = 0; i < 20; i++) {
            violations.occurred(ip("192.0.2.1"), "1002 reserved opcode " + i);
        }
        now.addAndGet(Duration.ofSeconds(61).toNanos());
        violations.occurred(ip("192.0.2.1"), "1007 not UTF-8");

        assertThat(log.lines).filteredOn(line -> line.startsWith("WARN")).containsExactly(
                "WARN protocol violations from 192.0.2.1: 1002 reserved opcode 0",
                "WARN protocol violations from 192.0.2.1: 20 in the last 61 s (last: 1007 not UTF-8)");
    }

    @Test
    void oneOffenderDoesNotHideAnother() {
        violations.occurred(ip("192.0.2.1"), "first");
        violations.occurred(ip("192.0.2.1"), "again");
        violations.occurred(ip("192.0.2.2"), "first");

        assertThat(log.lines).filteredOn(line -> line.startsWith("WARN")).containsExactly(
                "WARN protocol violations from 192.0.2.1: first", "WARN protocol violations from 192.0.2.2: first");
    }

    @Test
    void sourcesBeyondTheFollowedOnesShareOneLineAnInterval() {
        violations.occurred(ip("192.0.2.1"), "x");
        violations.occurred(ip("192.0.2.2"), "x");
        for (int i = 3; i < 50; i++) {
            violations.occurred(ip("192.0.2." + i), "x");
        }

        assertThat(log.lines).filteredOn(line -> line.startsWith("WARN")).containsExactly(
                "WARN protocol violations from 192.0.2.1: x", "WARN protocol violations from 192.0.2.2: x",
                "WARN protocol violations from further sources: 192.0.2.3: x");
    }

    @Test
    void aSourceQuietForAnIntervalMakesRoomForANewOne() {
        violations.occurred(ip("192.0.2.1"), "x");
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        violations.occurred(ip("192.0.2.2"), "x");
        now.addAndGet(Duration.ofSeconds(31).toNanos()); // .1 quiet for 61 s, .2 for 31 s

        violations.occurred(ip("192.0.2.3"), "x");
        violations.occurred(ip("192.0.2.4"), "x");

        assertThat(log.lines).filteredOn(line -> line.startsWith("WARN")).containsExactly(
                "WARN protocol violations from 192.0.2.1: x", "WARN protocol violations from 192.0.2.2: x",
                "WARN protocol violations from 192.0.2.3: x", "WARN protocol violations from further sources: 192.0.2.4: x");
    }

    @Test
    void anOccurrenceWithoutAKnownSourceIsStillWritten() {
        violations.occurred(null, "connection already gone");

        assertThat(log.lines).containsExactly("WARN protocol violations from an unknown address: connection already gone");
    }

    private static InetAddress ip(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }
}
