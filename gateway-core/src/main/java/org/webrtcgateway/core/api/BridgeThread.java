package org.webrtcgateway.core.api;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.log.RepeatedCondition;

/**
 * The one thread a bridge's work runs on, in order: its stack's events, the signals the gateway hands
 * it, its timers. One thread keeps a bridge's state free of locks, and {@link Bridge#send} (called on
 * network event loops, which must not block) only hands work over. A task that throws is a bug: it is
 * logged with its stack trace, where a scheduled executor would keep the exception in a future nobody
 * reads, and the thread goes on with the next task.
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
}
