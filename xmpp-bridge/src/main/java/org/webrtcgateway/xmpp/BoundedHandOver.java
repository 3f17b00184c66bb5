package org.webrtcgateway.xmpp;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;

/**
 * Hands work from a connection's reader to the bridge's thread, at most {@code limit} tasks waiting at a
 * time: past that the reader waits, Smack stops reading the socket, and TCP slows the server down. A
 * flood of stanzas from XMPP thus cannot grow memory without bound, and the bridge's thread never waits.
 * Work handed over after the bridge's thread stopped is dropped.
 */
public final class BoundedHandOver implements Executor {

    private final Executor thread;
    private final Semaphore room;

    public BoundedHandOver(Executor thread, int limit) {
        this.thread = thread;
        this.room = new Semaphore(limit);
    }

    @Override
    public void execute(Runnable task) {
        room.acquireUninterruptibly();
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } finally {
                    room.release();
                }
            });
        } catch (RejectedExecutionException stopped) {
            room.release(); // the bridge is stopping: nothing more to do with it
        }
    }
}
