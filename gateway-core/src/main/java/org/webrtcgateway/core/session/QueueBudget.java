package org.webrtcgateway.core.session;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes that the queues of all sessions together may hold: a share of the heap. Each session's
 * queue has its own bound, but an attacker with many dropped sessions could still fill the heap one
 * bounded queue at a time; this bound holds for all of them at once. Thread-safe.
 */
public final class QueueBudget {

    private final long limit;
    private final AtomicLong used = new AtomicLong();

    public QueueBudget(long limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        this.limit = limit;
    }

    /** A budget of {@code percent} % of the largest heap this JVM may have. */
    public static QueueBudget ofHeapPercent(int percent) {
        return new QueueBudget(Runtime.getRuntime().maxMemory() / 100 * percent);
    }

    /** Takes {@code bytes} from the budget, or nothing (false) when they would pass the limit. */
    public boolean tryReserve(long bytes) {
        long current;
        do {
            current = used.get();
            if (current + bytes > limit) {
                return false;
            }
        } while (!used.compareAndSet(current, current + bytes));
        return true;
    }

    /** Gives back bytes taken by {@link #tryReserve}. */
    public void release(long bytes) {
        used.addAndGet(-bytes);
    }

    public long used() {
        return used.get();
    }

    public long limit() {
        return limit;
    }
}
