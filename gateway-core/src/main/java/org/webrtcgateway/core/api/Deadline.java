package org.webrtcgateway.core.api;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * When a stop must be over: a point on the monotonic clock ({@link System#nanoTime}), which an operator can
 * also end early ({@link #cutShort}, a second SIGTERM). Passed down from the lifecycle to the bridges and
 * frontends, so the whole stop has one bound rather than a fixed wait per part; a {@link #share} of it is a
 * nearer deadline that is cut short with it.
 */
public final class Deadline {

    private final long endNanos;
    /** Completes when the stop must end now, whatever time is left: shared by a deadline and its shares. */
    private final CompletableFuture<Void> cut;

    private Deadline(long endNanos, CompletableFuture<Void> cut) {
        this.endNanos = endNanos;
        this.cut = cut;
    }

    /** A deadline {@code timeout} from now. */
    public static Deadline in(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos(), new CompletableFuture<>());
    }

    /** Time left, zero once passed or cut short. */
    public Duration remaining() {
        if (cut.isDone()) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    public boolean passed() {
        return remaining().isZero();
    }

    /** Ends the wait now, for this deadline and every share of it (a second SIGTERM). Any thread. */
    public void cutShort() {
        cut.complete(null);
    }

    public boolean wasCutShort() {
        return cut.isDone();
    }

    /**
     * One of {@code parts} equal parts of the time left, starting now: what one of {@code parts} parts that
     * stop one after another may spend, so that one that does not answer leaves the others theirs.
     */
    public Deadline share(int parts) {
        long left = remaining().toNanos();
        return new Deadline(System.nanoTime() + left / Math.max(1, parts), cut);
    }

    /**
     * A deadline {@code reserve} before this one (now, when less is left), cut short with it: for waiting while
     * keeping time for what must follow the wait, such as a stack's own stop.
     */
    public Deadline earlier(Duration reserve) {
        return new Deadline(Math.max(System.nanoTime(), endNanos - reserve.toNanos()), cut);
    }

    /**
     * At most {@code grace} from now (not past this deadline) and not ended by {@link #cutShort}: for work that
     * takes milliseconds and should not be dropped by a second SIGTERM, such as handing goodbyes to the network;
     * the waits for their answers are what a cut ends.
     */
    public Deadline uncutFor(Duration grace) {
        long now = System.nanoTime();
        return new Deadline(Math.min(endNanos, now + grace.toNanos()), new CompletableFuture<>());
    }

    /**
     * Waits for {@code work} until it completes, this deadline passes or it is cut short; true when the work
     * completed (normally or not) in time. Keeps the thread's interrupt status and returns false on interrupt.
     */
    public boolean await(CompletionStage<?> work) {
        CompletableFuture<?> future = work.toCompletableFuture();
        CompletableFuture<Object> either = CompletableFuture.anyOf(future, cut);
        try {
            either.get(remaining().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            // failed work is done work; a timeout is judged below
        }
        return future.isDone();
    }

    @Override
    public String toString() {
        return "Deadline[" + remaining().toMillis() + " ms left" + (cut.isDone() ? ", cut short" : "") + "]";
    }
}
