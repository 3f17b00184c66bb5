package org.webrtcgateway.testing;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Non-daemon threads started after a snapshot: what would keep the JVM alive once main returns, had a
 * stop left them running. Take the snapshot before the gateway starts, ask after it stopped.
 */
public final class LingeringThreads {

    private final Set<Thread> before;

    private LingeringThreads(Set<Thread> before) {
        this.before = before;
    }

    public static LingeringThreads snapshot() {
        return new LingeringThreads(Set.copyOf(Thread.getAllStackTraces().keySet()));
    }

    /**
     * The names of the non-daemon threads started since the snapshot that are still alive after waiting up to
     * {@code grace} (in all) for them to end: a pool told to stop may take a moment to finish its threads.
     */
    public List<String> after(Duration grace) throws InterruptedException {
        long end = System.nanoTime() + grace.toNanos();
        List<Thread> started = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && !thread.isDaemon() && thread != Thread.currentThread())
                .toList();
        for (Thread thread : started) {
            long left = Math.max(1, (end - System.nanoTime()) / 1_000_000);
            thread.join(left);
        }
        return started.stream().filter(Thread::isAlive).map(Thread::getName).collect(Collectors.toList());
    }
}
