package org.webrtcgateway.websocket;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.netty.util.internal.PlatformDependent;

/**
 * The bytes that the write buffers of all connections hold together, against a bound
 * ({@code websocket.write-buffers-total}). Each connection's buffer is bounded by
 * {@code websocket.write-buffer-limit}, but many clients that read nothing (one attacker's thousand
 * connections) could still fill the direct memory the buffers live in, and then no write succeeds for
 * anybody. Past the bound, a connection with more than {@link #shareWhenFull} unread bytes takes no more
 * messages (they wait in its session's queue, which has bounds of its own): clients that keep up are
 * not slowed, those that do not read stop growing. Thread-safe.
 */
@Singleton
public final class WriteBuffers {

    /** What a connection may have unread while the buffers are full: a few messages, enough for a client that reads. */
    static final long SHARE_WHEN_FULL = 64 * 1024;

    private final long limit;
    private final long shareWhenFull;
    private final AtomicLong used = new AtomicLong();

    @Inject
    public WriteBuffers(WebSocketConfig config) {
        this(config.writeBuffersTotal() > 0 ? config.writeBuffersTotal()
                : defaultLimit(PlatformDependent.maxDirectMemory(), Runtime.getRuntime().maxMemory()),
                Math.min(SHARE_WHEN_FULL, config.writeBufferLimit()));
    }

    /**
     * The bound when none is configured: a quarter of the heap, or half the direct memory if that is less.
     * The heap counts, not only the direct memory the bytes are written from: a message waiting in a write
     * buffer also keeps its message, data and all, on the heap until it is written (a write that fails puts
     * it back in its session's queue). With half the direct memory (the heap's size by default), all write
     * buffers and all queues ({@code session.queues-heap-percent}) together could pin three quarters of the
     * heap: the hostile-client soak drove the heap past {@code bridge.heap-limit-percent} that way.
     */
    static long defaultLimit(long maxDirectMemory, long maxHeap) {
        return Math.min(maxDirectMemory / 2, maxHeap / 4);
    }

    WriteBuffers(long limit, long shareWhenFull) {
        this.limit = limit;
        this.shareWhenFull = shareWhenFull;
    }

    /** True when a connection with {@code unread} bytes waiting may be given more. */
    boolean hasRoomFor(long unread) {
        return unread < shareWhenFull || used.get() <= limit;
    }

    void added(long bytes) {
        used.addAndGet(bytes);
    }

    void written(long bytes) {
        used.addAndGet(-bytes);
    }

    /** Bytes waiting in all connections' write buffers now (messages; control frames are not counted). */
    public long used() {
        return used.get();
    }

    public long limit() {
        return limit;
    }

    long shareWhenFull() {
        return shareWhenFull;
    }
}
