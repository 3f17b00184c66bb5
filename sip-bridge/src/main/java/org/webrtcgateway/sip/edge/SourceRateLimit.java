package org.webrtcgateway.sip.edge;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import org.webrtcgateway.core.limits.TokenBucket;

/**
 * A token bucket per source address: {@code perSecond} requests a second on average, up to {@code burst} at once.
 * The table holds at most {@code maxSources} sources; the one heard from least recently is forgotten first (it
 * starts again with a full bucket, which a flood from one address never gets, as it is always the most recent).
 */
public final class SourceRateLimit {

    private final int perSecond;
    private final int burst;
    private final LongSupplier nanoClock;
    private final Map<InetAddress, TokenBucket> buckets;

    /**
     * @param perSecond requests a second a source may send on average; 0 = no limit
     * @param burst     requests a source may send at once (at least 1 when there is a limit)
     * @param nanoClock {@link System#nanoTime} but in tests
     */
    public SourceRateLimit(int perSecond, int burst, int maxSources, LongSupplier nanoClock) {
        if (perSecond < 0 || (perSecond > 0 && burst < 1) || maxSources < 1) {
            throw new IllegalArgumentException("perSecond " + perSecond + ", burst " + burst + ", maxSources " + maxSources);
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.buckets = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, TokenBucket> eldest) {
                return size() > maxSources;
            }
        };
    }

    /** Takes one token from {@code source}'s bucket: false when it has none left (the request is over the limit). */
    public boolean tryAcquire(InetAddress source) {
        if (perSecond == 0) {
            return true;
        }
        synchronized (buckets) {
            long now = nanoClock.getAsLong(); // read under the lock: a bucket's time never goes back
            return buckets.computeIfAbsent(source, s -> new TokenBucket(perSecond, burst, now)).tryAcquire(now);
        }
    }

    /** How many sources the table holds now (at most maxSources). */
    public int sources() {
        synchronized (buckets) {
            return buckets.size();
        }
    }
}
