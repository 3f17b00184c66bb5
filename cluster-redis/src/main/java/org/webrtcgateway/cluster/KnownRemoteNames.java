package org.webrtcgateway.cluster;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names another node held when last asked, for a short while: a conversation with a user on another node does not
 * ask Redis, on the requesting thread, before every message. Which node holds the name is not kept: the script that
 * appends each signal looks that up in the same step, so a signal still follows a user who moved. What the cache
 * can get wrong is only that the user has logged out within the last {@code ttl}: a call then ends with {@code bye}
 * reason {@code unknown-peer} when the offer finds nobody, and a message is counted undeliverable. A signal that
 * finds nobody forgets the name at once.
 */
final class KnownRemoteNames {

    /** Past this many names the cache starts afresh: a bound on its memory, whatever a client sends to. */
    static final int MAX_NAMES = 100_000;

    private final ConcurrentHashMap<String, Long> until = new ConcurrentHashMap<>();
    private final long ttlNanos;

    KnownRemoteNames(Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    boolean isKnown(String name, long nowNanos) {
        Long expiry = until.get(name);
        return expiry != null && expiry - nowNanos > 0;
    }

    void held(String name, long nowNanos) {
        if (until.size() >= MAX_NAMES) {
            until.clear();
        }
        until.put(name, nowNanos + ttlNanos);
    }

    void forget(String name) {
        until.remove(name);
    }
}
