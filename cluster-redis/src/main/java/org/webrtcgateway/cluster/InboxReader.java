package org.webrtcgateway.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.log.RepeatedCondition;

/**
 * Reads this node's inbox, a Redis stream, on a thread and a connection of its own, and hands each entry to
 * {@link InboxDispatcher} in the stream's order. A stream keeps entries, unlike Pub/Sub: when the connection drops
 * and comes back, reading goes on from the last entry read, so nothing sent meanwhile is lost.
 */
final class InboxReader implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(InboxReader.class);
    private final RepeatedCondition readFailures = RepeatedCondition.warn(log, "reading this node's inbox failed; retrying");

    private final RedisStore store;
    private final String inbox;
    private final InboxDispatcher dispatcher;
    private final ClusterMeters meters;
    private final Thread thread;
    /** How long one read waits for entries: well within the command timeout, so a quiet inbox is no failure. */
    private final Duration block;
    private volatile boolean running = true;
    /** Set by {@link #pause}; guarded by this. */
    private boolean paused;
    /** The last entry handed on: where reading goes on, and what the heartbeat commits. */
    private volatile String lastRead;

    InboxReader(RedisStore store, String inbox, InboxDispatcher dispatcher, ClusterMeters meters, String startAfter,
                Duration commandTimeout) {
        this.block = Duration.ofMillis(Math.max(1, Math.min(500, commandTimeout.toMillis() / 2)));
        this.store = store;
        this.inbox = inbox;
        this.dispatcher = dispatcher;
        this.meters = meters;
        this.lastRead = startAfter;
        this.thread = new Thread(this, "cluster-inbox");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** The last entry read, for the heartbeat to commit (a dead node's inbox is re-read from there). */
    String lastRead() {
        return lastRead;
    }

    @Override
    public void run() {
        while (running) {
            try {
                List<StreamMessage<String, String>> entries = store.readerSync()
                        .xread(XReadArgs.Builder.block(block).count(200), XReadArgs.StreamOffset.from(inbox, lastRead));
                if (entries == null || waitedWhilePaused()) {
                    continue; // read again from lastRead: a batch read while paused is not handed on
                }
                for (StreamMessage<String, String> entry : entries) {
                    lastRead = entry.getId();
                    meters.received();
                    dispatch(entry.getBody(), entry.getId());
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                readFailures.occurred(e.getMessage());
                waitBeforeRetrying();
            }
        }
    }

    private void dispatch(Map<String, String> entry, String id) {
        try {
            dispatcher.dispatch(entry, id);
        } catch (RuntimeException e) {
            // One bad entry (a node of another version, a bug) must not stop the node's inbox.
            log.warn("an inbox entry could not be handled: {}", entry, e);
        }
    }

    /**
     * Stops handing entries on until {@link #resume}: they stay in the inbox, unread, as they would behind a node
     * that cannot keep up. For tests in one JVM (readiness while the inbox is behind).
     */
    synchronized void pause() {
        paused = true;
    }

    synchronized void resume() {
        paused = false;
        notifyAll();
    }

    /** Waits while paused; true when it did (what was read meanwhile is read again). */
    private synchronized boolean waitedWhilePaused() {
        boolean waited = false;
        while (paused && running) {
            waited = true;
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
        return waited;
    }

    /** After a failed read (Redis away): wait a little before the next, without spinning. */
    private void waitBeforeRetrying() {
        synchronized (this) {
            try {
                wait(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    void stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(block.toMillis() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
