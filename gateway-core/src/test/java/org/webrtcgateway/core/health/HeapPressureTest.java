package org.webrtcgateway.core.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class HeapPressureTest {

    private static final long MAX = 1000;

    @Test
    void becomesHighWhenACollectionLeavesTheLimitInUseAndFallsBackOnlyTenPointsBelow() {
        HeapPressure pressure = new HeapPressure(85);
        pressure.afterCollection(840, MAX);
        assertThat(pressure.isHigh()).isFalse();

        pressure.afterCollection(850, MAX);
        assertThat(pressure.isHigh()).isTrue();

        pressure.afterCollection(760, MAX);
        assertThat(pressure.isHigh()).as("still within the hysteresis").isTrue();

        pressure.afterCollection(749, MAX);
        assertThat(pressure.isHigh()).isFalse();
    }

    @Test
    void onlyTheHeapsPoolsCountNotMetaspaceOrTheCodeCache() {
        Map<String, MemoryUsage> afterCollection = Map.of(
                "G1 Eden Space", usage(0), "G1 Old Gen", usage(100), "G1 Survivor Space", usage(10),
                "Metaspace", usage(40), "CodeHeap 'non-profiled nmethods'", usage(20));

        assertThat(HeapPressure.heapUsed(afterCollection, Set.of("G1 Eden Space", "G1 Old Gen", "G1 Survivor Space")))
                .isEqualTo(110);
    }

    private static MemoryUsage usage(long used) {
        return new MemoryUsage(0, used, used, -1);
    }

    @Test
    void aLimitOfOneHundredPercentIsNeverReached() {
        HeapPressure pressure = new HeapPressure(100);
        pressure.afterCollection(999, MAX);
        assertThat(pressure.isHigh()).isFalse();
    }

    @Test
    void watchesTheCollectionsOfThisJvm() {
        try (HeapPressure pressure = HeapPressure.watching(1)) {
            // 64 arrays of 1/2000 of the maximum each hold 3.2 % of the heap, past the 1 % limit
            byte[][] held = new byte[64][];
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (int i = 0; i < held.length; i++) {
                    held[i] = new byte[Math.max(1, (int) (Runtime.getRuntime().maxMemory() / 2000))];
                }
                System.gc();
                return pressure.isHigh();
            });
            assertThat(held[0]).isNotNull();
        }
    }

    @Test
    void refusesALimitOutsideOneToOneHundred() {
        assertThatThrownBy(() -> new HeapPressure(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HeapPressure(101)).isInstanceOf(IllegalArgumentException.class);
    }
}
