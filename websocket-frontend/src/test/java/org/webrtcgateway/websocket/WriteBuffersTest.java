package org.webrtcgateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * websocket.write-buffers-total when none is configured. A message waiting in a write buffer is held on
 * the heap as well (until written), so the default bound answers to the heap, not only to the direct
 * memory the bytes are written from: with the queues' 25 % it leaves half the heap to everything else.
 */
class WriteBuffersTest {

    private static final long MIB = 1 << 20;

    @Test
    void byDefaultAllWriteBuffersTogetherHoldAtMostAQuarterOfTheHeap() {
        // The bundle's JVM: a 256 MiB heap, and as much direct memory (the JVM's default).
        assertThat(WriteBuffers.defaultLimit(256 * MIB, 256 * MIB)).isEqualTo(64 * MIB);
    }

    @Test
    void aSmallDirectMemoryBoundsThemToHalfOfIt() {
        assertThat(WriteBuffers.defaultLimit(64 * MIB, 1024 * MIB)).isEqualTo(32 * MIB);
    }

    @Test
    void pastTheBoundOnlyClientsWithLittleUnreadAreGivenMore() {
        WriteBuffers buffers = new WriteBuffers(1000, 100);
        buffers.added(1001);

        assertThat(buffers.hasRoomFor(99)).as("a client that keeps up").isTrue();
        assertThat(buffers.hasRoomFor(100)).as("a client with its share unread").isFalse();
        buffers.written(2);
        assertThat(buffers.hasRoomFor(100)).as("below the bound again").isTrue();
    }
}
