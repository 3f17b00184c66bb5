package org.webrtcgateway.core.session;

import static java.util.Objects.requireNonNull;

import java.util.function.ToIntFunction;

import org.webrtcgateway.core.protocol.ServerMessage;

/**
 * The bounds of one session's queue: at most {@code messages} messages and {@code bytes} bytes, and
 * no more than the shared {@code budget} has left. {@code weigher} tells what a message weighs (its
 * encoded size): a bound by count alone lets a few large messages fill the heap.
 */
public record QueueLimits(int messages, long bytes, QueueBudget budget, ToIntFunction<ServerMessage> weigher) {

    public QueueLimits {
        requireNonNull(budget, "budget");
        requireNonNull(weigher, "weigher");
        if (messages < 1 || bytes < 1) {
            throw new IllegalArgumentException("a queue holds at least one message of one byte");
        }
    }
}
