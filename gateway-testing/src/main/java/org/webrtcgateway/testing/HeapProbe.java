package org.webrtcgateway.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * The heap this JVM holds live, from its own memory beans after full collections: what a test compares
 * before and after an attack, so "memory came back" is measured rather than assumed.
 */
public final class HeapProbe {

    /** What a test may see the live heap grow by between two measurements without a leak (JIT, class data, pools). */
    public static final long TOLERANCE = 16L << 20;

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private HeapProbe() {
    }

    /** Bytes of heap in use after garbage collection: the least of a few collections, as one may leave floating garbage. */
    public static long usedAfterGc() {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            MEMORY.gc();
            least = Math.min(least, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}
