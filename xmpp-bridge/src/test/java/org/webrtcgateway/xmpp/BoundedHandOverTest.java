package org.webrtcgateway.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a connection's reader may pile up for the bridge's thread: a bounded number of stanzas. */
class BoundedHandOverTest {

    private final ExecutorService bridgeThread = Executors.newSingleThreadExecutor();
    private final ExecutorService reader = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        bridgeThread.shutdownNow();
        reader.shutdownNow();
    }

    @Test
    void pastTheLimitTheReaderWaitsUntilTheBridgeThreadTakesOne() throws Exception {
        CountDownLatch bridgeBusy = new CountDownLatch(1);
        BoundedHandOver handOver = new BoundedHandOver(bridgeThread, 3);
        List<Integer> ran = new ArrayList<>();
        handOver.execute(() -> awaitQuietly(bridgeBusy)); // the bridge thread is busy with this one
        handOver.execute(() -> ran.add(1));
        handOver.execute(() -> ran.add(2));

        Future<?> fourth = reader.submit(() -> handOver.execute(() -> ran.add(3)));

        try {
            fourth.get(300, TimeUnit.MILLISECONDS);
            throw new AssertionError("the fourth hand-over should wait while three are waiting");
        } catch (TimeoutException expected) {
            // the reader waits
        }
        bridgeBusy.countDown();
        fourth.get(5, TimeUnit.SECONDS);
        bridgeThread.submit(() -> { }).get(5, TimeUnit.SECONDS);
        assertThat(ran).containsExactly(1, 2, 3);
    }

    @Test
    void workHandedOverAfterTheBridgeStoppedIsDroppedWithoutHoldingRoom() {
        BoundedHandOver handOver = new BoundedHandOver(bridgeThread, 1);
        bridgeThread.shutdown();

        handOver.execute(() -> { });
        handOver.execute(() -> { }); // would wait for ever had the first kept its room
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
