package org.webrtcgateway.core.api;

import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.MDC;

/**
 * The correlation id of a call in the logging context (the Logback MDC, key {@value #MDC_KEY}), so that
 * every log line about one call carries the same short id, whichever thread writes it: the WebSocket
 * event loop, the core, a bridge's thread, its stack's threads. The core makes the id when a call
 * begins; each unit of work about that call (a message handled, a bridge task, a stack event) opens a
 * {@link Scope} with it and closes it when done, so no id outlives its work on a pooled thread.
 * Tasks handed to a {@link BridgeThread} carry the id of the work that handed them over.
 */
public final class CallCorrelation {

    /** The MDC key, {@code %X{call}} in a logback pattern. */
    public static final String MDC_KEY = "call";

    private static final char[] URL_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();
    /** 10 characters of 6 bits: 2^60 ids, so two calls of one gateway's logs never share one in practice. */
    private static final int LENGTH = 10;

    private CallCorrelation() {
    }

    /**
     * A new random id, URL-safe, e.g. {@code k3Z_0qW9xA}. Not a secret (it only links log lines), so the
     * thread's fast generator does.
     */
    public static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            id[i] = URL_SAFE[random.nextInt(URL_SAFE.length)];
        }
        return new String(id);
    }

    /** The id of the call the current thread works on, or null. */
    public static String current() {
        return MDC.get(MDC_KEY);
    }

    /**
     * Marks what the current thread does until {@link Scope#close} as work on the call {@code id} (null:
     * on no call); closing puts back what was there before, so scopes nest.
     */
    public static Scope open(String id) {
        String before = MDC.get(MDC_KEY);
        put(id);
        return () -> put(before);
    }

    /** {@code task}, run with the id current now (or with none): for work handed to another thread. */
    public static Runnable carrying(Runnable task) {
        String id = current();
        return () -> {
            try (Scope scope = open(id)) {
                task.run();
            }
        };
    }

    private static void put(String id) {
        if (id == null) {
            MDC.remove(MDC_KEY);
        } else {
            MDC.put(MDC_KEY, id);
        }
    }

    /** A unit of work on one call; closing it restores the thread's logging context. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
