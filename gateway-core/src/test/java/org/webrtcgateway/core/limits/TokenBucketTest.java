package org.webrtcgateway.core.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aFullBucketGivesItsBurstThenOneTokenPerIntervalOfTheRate() {
        TokenBucket bucket = new TokenBucket(0.5, 3, 0); // one token every 2 s, 3 at once

        assertThat(bucket.tryAcquire(0)).isTrue();
        assertThat(bucket.tryAcquire(0)).isTrue();
        assertThat(bucket.tryAcquire(0)).isTrue();
        assertThat(bucket.tryAcquire(SECOND)).isFalse();
        assertThat(bucket.tryAcquire(2 * SECOND)).isTrue();
        assertThat(bucket.tryAcquire(2 * SECOND)).isFalse();
    }

    @Test
    void aLongQuietFillsTheBucketOnlyUpToItsBurst() {
        TokenBucket bucket = new TokenBucket(10, 2, 0);
        bucket.tryAcquire(0);
        bucket.tryAcquire(0);

        assertThat(bucket.tryAcquire(3600 * SECOND)).isTrue();
        assertThat(bucket.tryAcquire(3600 * SECOND)).isTrue();
        assertThat(bucket.tryAcquire(3600 * SECOND)).isFalse();
    }

    @Test
    void aClockReadEarlierTakesNoTokensBack() {
        TokenBucket bucket = new TokenBucket(1, 2, 10 * SECOND);
        bucket.tryAcquire(10 * SECOND);

        assertThat(bucket.tryAcquire(5 * SECOND)).isTrue();
        assertThat(bucket.tryAcquire(11 * SECOND)).isTrue();
    }

    @Test
    void aBucketNeedsARateAndRoomForOne() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
