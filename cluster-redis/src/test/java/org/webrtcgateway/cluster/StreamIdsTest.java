package org.webrtcgateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamIdsTest {

    @Test
    void idsCompareByTimeThenSequenceAndZeroComesFirst() {
        assertThat(StreamIds.compare("1700000000000-5", "1700000000000-12")).isNegative();
        assertThat(StreamIds.compare("1700000000001-0", "1700000000000-12")).isPositive();
        assertThat(StreamIds.compare("0", "1-0")).isNegative();
        assertThat(StreamIds.compare("0-0", "0")).isZero();
    }
}
