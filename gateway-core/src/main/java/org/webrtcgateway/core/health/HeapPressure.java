package org.webrtcgateway.core.health;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the heap is nearly full of live data, judged after each garbage collection: the heap in
 * use right after a collection is what the gateway holds, and when that passes a share of the
 * maximum, taking on more work (a new SIP call keeps tens of kilobytes for the 8 to 32 s of SIP's
 * retransmission timers) would end in an OutOfMemoryError that takes every user down. Bridges
 * refuse new calls while it is high; it falls back once a collection leaves 10 points below the
 * limit, so it does not flap on every collection. Costs nothing between collections.
 */
public final class HeapPressure implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HeapPressure.class);
    private static final int HYSTERESIS_PERCENT = 10;

    private final int limitPercent;
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onNotification;
    private final Set<String> heapPools = heapPoolNames();
    private volatile boolean high;

    /** Watches this JVM's collectors; {@code limitPercent} of the maximum heap in use after a collection is high. */
    public static HeapPressure watching(int limitPercent) {
        HeapPressure pressure = new HeapPressure(limitPercent);
        if (limitPercent < 100) {
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (collector instanceof NotificationEmitter emitter) {
                    emitter.addNotificationListener(pressure.listener, null, null);
                    pressure.emitters.add(emitter);
                }
            }
        }
        return pressure;
    }

    HeapPressure(int limitPercent) {
        if (limitPercent < 1 || limitPercent > 100) {
            throw new IllegalArgumentException("limitPercent must be 1..100: " + limitPercent);
        }
        this.limitPercent = limitPercent;
    }

    /** True while the last collection left more of the heap in use than the limit allows. */
    public boolean isHigh() {
        return high;
    }

    private void onNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        afterCollection(heapUsed(info.getGcInfo().getMemoryUsageAfterGc(), heapPools), Runtime.getRuntime().maxMemory());
    }

    /**
     * The heap in use of a collection's pools. A collection reports every pool, Metaspace and the code cache too,
     * which are not the heap (nor in its maximum): counted, they made a 256 MiB heap a quarter fuller than it was,
     * and an attack that held no memory look like overload.
     */
    static long heapUsed(Map<String, MemoryUsage> afterCollection, Set<String> heapPools) {
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : afterCollection.entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        return used;
    }

    /** The names of this JVM's heap pools (G1 Eden Space, G1 Old Gen...). */
    private static Set<String> heapPoolNames() {
        Set<String> names = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                names.add(pool.getName());
            }
        }
        return Set.copyOf(names);
    }

    /** The heap in use after a collection, against the maximum heap. */
    void afterCollection(long usedBytes, long maxBytes) {
        long percent = maxBytes > 0 ? usedBytes * 100 / maxBytes : 0;
        if (!high && percent >= limitPercent) {
            high = true;
            log.warn("heap {} % full after a collection (limit {} %): new bridged calls are refused until it falls below {} %",
                    percent, limitPercent, Math.max(0, limitPercent - HYSTERESIS_PERCENT));
        } else if (high && percent < limitPercent - HYSTERESIS_PERCENT) {
            high = false;
            log.info("heap {} % full after a collection: new bridged calls are taken again", percent);
        }
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // already gone: nothing to undo
            }
        }
        emitters.clear();
    }
}
