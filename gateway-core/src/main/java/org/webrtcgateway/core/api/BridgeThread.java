package org.webrtcgateway.core.api;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Delayed;
import java.util.concurrent.Future;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.log.RepeatedCondition;

/**
 * The one thread a bridge's work runs on, in order: its stack's events, the signals the gateway hands
 * it, its timers. One thread keeps a bridge's state free of locks, and {@link Bridge#send} (called on
 * network event loops, which must not block) only hands work over. A task that throws is a bug: it is
 * logged with its stack trace, where a scheduled executor would keep the exception in a future nobody
 * reads, and the thread goes on with the next task.
 *
 * <p>Each task runs with the {@link CallCorrelation call correlation id} that was current where it was
 * handed over (an event loop relaying a browser's signal, a stack thread passing on a SIP event, an
 * earlier task of the same call setting a timer), and with none when there was none; the thread's
 * logging context is cleared after each task, so no id leaks into the next one.
 */
public final class BridgeThread extends ScheduledThreadPoolExecutor {

    private static final Logger log = LoggerFactory.getLogger(BridgeThread.class);

    /** A bug a peer's every message may hit: its stack trace once a minute, the count in between. */
    private final RepeatedCondition failed;

    private BridgeThread(String name) {
        super(1, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        this.failed = RepeatedCondition.error(log, "tasks of " + name + " failed");
        setRemoveOnCancelPolicy(true);
    }

    /** A started thread named {@code name} (e.g. {@code "sip-bridge"}), as an executor nobody can reconfigure. */
    public static ScheduledExecutorService start(String name) {
        return Executors.unconfigurableScheduledExecutorService(new BridgeThread(name));
    }

    /** Called on the handing-over thread, for every execute, submit and schedule: where the id is taken. */
    @Override
    protected <V> RunnableScheduledFuture<V> decorateTask(Runnable runnable, RunnableScheduledFuture<V> task) {
        return new InCallScope<>(task, CallCorrelation.current());
    }

    @Override
    protected <V> RunnableScheduledFuture<V> decorateTask(java.util.concurrent.Callable<V> callable,
                                                          RunnableScheduledFuture<V> task) {
        return new InCallScope<>(task, CallCorrelation.current());
    }

    @Override
    protected void afterExecute(Runnable task, Throwable thrown) {
        super.afterExecute(task, thrown);
        if (thrown == null && task instanceof Future<?> future && future.isDone() && !future.isCancelled()) {
            try {
                future.get();
            } catch (ExecutionException e) {
                thrown = e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (thrown != null) {
            failed.occurred(String.valueOf(thrown), thrown);
        }
    }

    /** A task that runs in the scope of the call it was handed over for. */
    private final class InCallScope<V> implements RunnableScheduledFuture<V> {

        private final RunnableScheduledFuture<V> task;
        private final String correlationId;

        InCallScope(RunnableScheduledFuture<V> task, String correlationId) {
            this.task = task;
            this.correlationId = correlationId;
        }

        @Override
        public void run() {
            try (CallCorrelation.Scope scope = CallCorrelation.open(correlationId)) {
                task.run();
            }
        }

        @Override
        public boolean isPeriodic() {
            return task.isPeriodic();
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return task.getDelay(unit);
        }

        @Override
        public int compareTo(Delayed other) {
            return task.compareTo(other instanceof InCallScope<?> scoped ? scoped.task : other);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            // The queue holds this wrapper, which the task's own remove-on-cancel does not find.
            boolean cancelled = task.cancel(mayInterruptIfRunning);
            if (cancelled) {
                remove(this);
            }
            return cancelled;
        }

        @Override
        public boolean isCancelled() {
            return task.isCancelled();
        }

        @Override
        public boolean isDone() {
            return task.isDone();
        }

        @Override
        public V get() throws InterruptedException, ExecutionException {
            return task.get();
        }

        @Override
        public V get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
            return task.get(timeout, unit);
        }
    }
}
