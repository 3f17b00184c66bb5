package org.webrtcgateway.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class RepeatedConditionTest {

    private final RecordingLogger log = new RecordingLogger();
    private final AtomicLong now = new AtomicLong(1_000);
    private final RepeatedCondition tls = new RepeatedCondition(log, Level.WARN, "TLS handshakes failed",
            Duration.ofMinutes(1), now::get);

    @Test
    void theFirstOccurrenceIsWrittenAtOnceAtItsLevel() {
        assertThat(tls.occurred("127.0.0.1: not an SSL/TLS record")).isTrue();

        assertThat(log.lines).containsExactly("WARN TLS handshakes failed: 127.0.0.1: not an SSL/TLS record");
    }

    @Test
    void occurrencesWithinTheIntervalGoOutAtDebugOnly() {
        tls.occurred("first");
        for (int i = 0; i < 36; i++) {
            now.addAndGet(Duration.ofSeconds(1).toNanos());
            assertThat(tls.occurred("again " + i)).isFalse();
        }

        assertThat(log.lines).filteredOn(line -> line.startsWith("WARN")).hasSize(1);
        assertThat(log.lines).filteredOn(line -> line.startsWith("DEBUG")).hasSize(36)
                .last().isEqualTo("DEBUG TLS handshakes failed: again 35");
    }

    @Test
    void theFirstOccurrenceAfterTheIntervalSaysHowManyHappenedSinceTheLastLineAndTheLastDetail() {
        tls.occurred("first");
        for (int i = 0; i < 36; i++) {
            tls.occurred("again " + i);
        }
        now.addAndGet(Duration.ofSeconds(61).toNanos());

        assertThat(tls.occurred("127.0.0.1: plain HTTP")).isTrue();

        assertThat(log.lines).last().isEqualTo("WARN TLS handshakes failed: 37 in the last 61 s (last: 127.0.0.1: plain HTTP)");
    }

    @Test
    void aConditionThatWasQuietForAnIntervalIsWrittenAsAFirstOccurrenceAgain() {
        tls.occurred("first");
        now.addAndGet(Duration.ofMinutes(5).toNanos());

        tls.occurred("second");

        assertThat(log.lines).containsExactly("WARN TLS handshakes failed: first", "WARN TLS handshakes failed: second");
    }

    @Test
    void aClearedConditionIsWrittenAtOnceWhenItHappensAgainWithinTheInterval() {
        tls.occurred("first");
        tls.occurred("second");
        tls.clear();
        now.addAndGet(Duration.ofSeconds(1).toNanos());

        assertThat(tls.occurred("third")).isTrue();

        assertThat(log.lines).containsExactly("WARN TLS handshakes failed: first", "DEBUG TLS handshakes failed: second",
                "WARN TLS handshakes failed: third");
    }

    @Test
    void aBugsStackTraceGoesOutWithTheWrittenLineOnly() {
        RepeatedCondition bug = new RepeatedCondition(log, Level.ERROR, "a task failed", Duration.ofMinutes(1), now::get);

        bug.occurred("NullPointerException", new NullPointerException());
        bug.occurred("NullPointerException", new NullPointerException());

        assertThat(log.lines).containsExactly("ERROR a task failed: NullPointerException", "DEBUG a task failed: NullPointerException");
        assertThat(log.throwables).containsExactly(true, false);
    }

    @Test
    void controlCharactersFromAPeerCannotForgeALine() {
        tls.occurred("x\nERROR forged");

        assertThat(log.lines).containsExactly("WARN TLS handshakes failed: x?ERROR forged");
    }

    @Test
    void c1ControlsAndUnicodeLineSeparatorsCannotForgeALineOrDriveATerminalEither() {
        tls.occurred("a\u0085b\u009B2Jc\u2028d\u2029e\u007Ff");

        assertThat(log.lines).containsExactly("WARN TLS handshakes failed: a?b?2Jc?d?e?f");
    }

    @Test
    void manyThreadsAtOnceGetOneLineAndNoOccurrenceIsLost() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        try {
            for (int t = 0; t < 8; t++) {
                threads.execute(() -> {
                    await(go);
                    for (int i = 0; i < 1000; i++) {
                        tls.occurred("x");
                    }
                });
            }
            go.countDown();
        } finally {
            threads.shutdown();
            assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        now.addAndGet(Duration.ofMinutes(1).toNanos());

        tls.occurred("x");

        assertThat(log.lines).filteredOn(line -> line.startsWith("WARN"))
                .containsExactly("WARN TLS handshakes failed: x", "WARN TLS handshakes failed: 8000 in the last 60 s (last: x)");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
