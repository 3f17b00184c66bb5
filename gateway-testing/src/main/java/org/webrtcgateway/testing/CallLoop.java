package org.webrtcgateway.testing;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Two legitimate users who keep calling each other while a test attacks the gateway, each a whole
 * {@link LegitimatePair#call}. Every step must arrive within
 * {@link TestClient#WAIT}; the first call that does not stops the loop and is kept as its failure.
 * Calls start {@code pause} apart, which keeps both users well inside the default rate limit.
 */
public final class CallLoop implements AutoCloseable {

    private final LegitimatePair pair;
    private final ScheduledExecutorService loop;
    private final Object progress = new Object();
    private int completed;
    private Throwable failure;
    private long slowestNanos;

    private CallLoop(URI websocket, Duration pause) {
        TestClient caller = TestClient.connect(websocket);
        TestClient callee = TestClient.connect(websocket);
        caller.login("legit-caller");
        callee.login("legit-callee");
        pair = LegitimatePair.of(caller, callee);
        loop = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "legit-calls");
            thread.setDaemon(true);
            return thread;
        });
        loop.scheduleWithFixedDelay(this::oneCall, 0, pause.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Logs the two users in (two sessions) and starts calling. */
    public static CallLoop start(URI websocket, Duration pause) {
        return new CallLoop(websocket, pause);
    }

    private void oneCall() {
        synchronized (progress) {
            if (failure != null) {
                return;
            }
        }
        long start = System.nanoTime();
        try {
            pair.call();
        } catch (Throwable e) {
            synchronized (progress) {
                failure = new AssertionError("legitimate call " + (completed + 1) + " did not complete after "
                        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms: " + e.getMessage(), e);
                progress.notifyAll();
            }
            return;
        }
        synchronized (progress) {
            completed++;
            slowestNanos = Math.max(slowestNanos, System.nanoTime() - start);
            progress.notifyAll();
        }
    }

    /** Calls completed so far. */
    public int completed() {
        synchronized (progress) {
            return completed;
        }
    }

    /** The slowest completed call so far, from offer to the callee's bye. */
    public Duration slowest() {
        synchronized (progress) {
            return Duration.ofNanos(slowestNanos);
        }
    }

    /**
     * Waits until {@code calls} more calls have completed, at most {@code bound}; throws the failed call's
     * error when one failed, and an error saying so when the calls did not come.
     */
    public void awaitMoreCalls(int calls, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        synchronized (progress) {
            int target = completed + calls;
            while (failure == null && completed < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("legitimate calls stalled: " + (target - completed) + " of " + calls
                            + " more calls did not complete within " + bound + " (" + completed + " in all)");
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
            if (failure != null) {
                throw new AssertionError(failure.getMessage(), failure);
            }
        }
    }

    /** Stops calling (waiting for a call under way to finish); the two users stay logged in. */
    public void stop() throws InterruptedException {
        loop.shutdown();
        if (!loop.awaitTermination(4 * TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            loop.shutdownNow();
        }
    }

    /** Stops calling and logs both users out (close frames: their sessions end at once). */
    @Override
    public void close() throws InterruptedException {
        stop();
        for (TestClient user : new TestClient[] {pair.caller(), pair.callee()}) {
            try {
                user.closeNormally();
            } catch (RuntimeException e) {
                user.close(); // the gateway is gone or does not answer: just drop the connection
            }
        }
    }

    @Override
    public String toString() {
        synchronized (progress) {
            return completed + " legitimate calls completed, the slowest in " + TimeUnit.NANOSECONDS.toMillis(slowestNanos)
                    + " ms" + (failure != null ? ", then one failed: " + failure.getMessage() : "");
        }
    }
}
