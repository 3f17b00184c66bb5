package org.webrtcgateway.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The bound a stop is given: its parts wait on it, a second signal cuts it short. */
class DeadlineTest {

    @Test
    void workDoneInTimeIsReportedDone() {
        assertThat(Deadline.in(Duration.ofSeconds(10)).await(CompletableFuture.completedFuture(null))).isTrue();
        assertThat(Deadline.in(Duration.ofSeconds(10)).await(CompletableFuture.failedFuture(new IllegalStateException())))
                .as("failed work is done work: nothing more to wait for").isTrue();
    }

    @Test
    void workNotDoneWhenTheDeadlinePassesIsReportedUndone() {
        Deadline deadline = Deadline.in(Duration.ofMillis(50));

        assertThat(deadline.await(new CompletableFuture<>())).isFalse();
        assertThat(deadline.passed()).isTrue();
        assertThat(deadline.remaining()).isZero();
    }

    @Test
    void aShareIsThatPartOfTheTimeLeft() {
        Deadline deadline = Deadline.in(Duration.ofSeconds(10));

        Deadline half = deadline.share(2);

        assertThat(half.remaining()).isLessThanOrEqualTo(Duration.ofSeconds(5)).isGreaterThan(Duration.ofSeconds(4));
    }

    @Test
    void anEarlierDeadlineKeepsTimeInReserveButNeverLiesInThePast() {
        Deadline deadline = Deadline.in(Duration.ofSeconds(10));

        assertThat(deadline.earlier(Duration.ofSeconds(4)).remaining()).isLessThanOrEqualTo(Duration.ofSeconds(6))
                .isGreaterThan(Duration.ofSeconds(5));
        assertThat(deadline.earlier(Duration.ofMinutes(1)).remaining()).isZero();
    }

    @Test
    void cuttingShortEndsAWaitUnderWayAndEveryShare() throws Exception {
        Deadline deadline = Deadline.in(Duration.ofMinutes(10));
        Deadline share = deadline.share(3);
        CompletableFuture<Void> waiting = new CompletableFuture<>();
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> done = thread.submit(() -> {
                waiting.complete(null);
                return share.await(new CompletableFuture<>());
            });
            waiting.join();

            deadline.cutShort();

            assertThat(done.get(5, TimeUnit.SECONDS)).as("the wait ended, its work undone").isFalse();
            assertThat(share.passed()).isTrue();
            assertThat(share.wasCutShort()).isTrue();
        } finally {
            thread.shutdownNow();
        }
    }

    @Test
    void workThatMustNotBeDroppedIsWaitedForThroughACutButNotPastItsGraceOrTheDeadline() {
        Deadline deadline = Deadline.in(Duration.ofMinutes(10));
        deadline.cutShort();

        Deadline sending = deadline.uncutFor(Duration.ofSeconds(5));
        assertThat(sending.wasCutShort()).isFalse();
        assertThat(sending.remaining()).isGreaterThan(Duration.ofSeconds(4)).isLessThanOrEqualTo(Duration.ofSeconds(5));
        assertThat(sending.await(CompletableFuture.completedFuture(null))).isTrue();
        assertThat(Deadline.in(Duration.ofSeconds(2)).uncutFor(Duration.ofMinutes(1)).remaining())
                .as("never past the deadline itself").isLessThanOrEqualTo(Duration.ofSeconds(2));
    }
}
