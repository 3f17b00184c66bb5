package org.webrtcgateway.core.session;

import java.util.ArrayDeque;
import java.util.List;

import org.webrtcgateway.core.protocol.ServerMessage;

/**
 * The messages waiting for a session's client: while its connection is dropped, and while a resume
 * sends the backlog as fast as the new connection takes it. Bounded in messages, in bytes and by the
 * budget all queues share. Not thread-safe: the session's lock guards it.
 */
final class ResumeQueue {

    /** Each message keeps the weight it was charged, so exactly that much is given back. */
    private record Entry(ServerMessage message, int weight) {
    }

    /** Per-message bookkeeping beyond the encoded bytes (the entry, the message object, the deque slot). */
    static final int ENTRY_OVERHEAD = 64;

    private final QueueLimits limits;
    private ArrayDeque<Entry> entries; // most sessions never queue: no deque until one does
    private long bytes;

    ResumeQueue(QueueLimits limits) {
        this.limits = limits;
    }

    /**
     * Appends {@code message}.
     *
     * @return null when taken, or which bound it would pass (then nothing was taken)
     */
    String offer(ServerMessage message) {
        int weight = weigh(message);
        String refusal = reserve(1, weight);
        if (refusal == null) {
            entries().addLast(new Entry(message, weight));
        }
        return refusal;
    }

    /**
     * Puts {@code messages} before everything queued, in their order (what a dead connection could not
     * write comes before what arrived since). All or nothing.
     *
     * @return null when taken, or which bound they would pass
     */
    String prependAll(List<ServerMessage> messages) {
        if (messages.isEmpty()) {
            return null;
        }
        int[] weights = new int[messages.size()];
        long total = 0;
        for (int i = 0; i < weights.length; i++) {
            weights[i] = weigh(messages.get(i));
            total += weights[i];
        }
        String refusal = reserve(messages.size(), total);
        if (refusal == null) {
            for (int i = weights.length - 1; i >= 0; i--) {
                entries().addFirst(new Entry(messages.get(i), weights[i]));
            }
        }
        return refusal;
    }

    boolean isEmpty() {
        return entries == null || entries.isEmpty();
    }

    /** The oldest message, or null. */
    ServerMessage peek() {
        return isEmpty() ? null : entries.peekFirst().message();
    }

    /** Removes the oldest message, giving back what it weighed. */
    void removeFirst() {
        Entry entry = entries.removeFirst();
        bytes -= entry.weight();
        limits.budget().release(entry.weight());
    }

    /** Every message, oldest first, taken out (what they weighed given back). */
    List<ServerMessage> takeAll() {
        List<ServerMessage> all = new java.util.ArrayList<>(size());
        if (entries != null) {
            entries.forEach(entry -> all.add(entry.message()));
        }
        clear();
        return all;
    }

    /** Forgets every message, giving back what they weighed. */
    void clear() {
        limits.budget().release(bytes);
        bytes = 0;
        entries = null;
    }

    int size() {
        return entries == null ? 0 : entries.size();
    }

    long bytes() {
        return bytes;
    }

    private int weigh(ServerMessage message) {
        return limits.weigher().applyAsInt(message) + ENTRY_OVERHEAD;
    }

    private String reserve(int count, long weight) {
        if (size() + count > limits.messages()) {
            return "more than " + limits.messages() + " messages (session.resume-queue)";
        }
        if (bytes + weight > limits.bytes()) {
            return "more than " + limits.bytes() + " bytes (session.resume-queue-bytes)";
        }
        if (!limits.budget().tryReserve(weight)) {
            return "the queues of all sessions hold their share of the heap, " + limits.budget().limit()
                    + " bytes (session.queues-heap-percent)";
        }
        bytes += weight;
        return null;
    }

    private ArrayDeque<Entry> entries() {
        if (entries == null) {
            entries = new ArrayDeque<>();
        }
        return entries;
    }
}
