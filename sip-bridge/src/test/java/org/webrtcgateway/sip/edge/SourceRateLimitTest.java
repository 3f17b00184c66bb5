package org.webrtcgateway.sip.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class SourceRateLimitTest {

    private final AtomicLong now = new AtomicLong();

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    private static int taken(SourceRateLimit limit, InetAddress source, int tries) {
        int n = 0;
        for (int i = 0; i < tries; i++) {
            if (limit.tryAcquire(source)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void aSourceGetsItsBurstAtOnceThenItsRate() throws UnknownHostException {
        SourceRateLimit limit = new SourceRateLimit(10, 5, 100, now::get);
        InetAddress a = ip("192.0.2.1");

        assertThat(taken(limit, a, 20)).isEqualTo(5);
        now.addAndGet(300_000_000L); // 0.3 s: three tokens
        assertThat(taken(limit, a, 20)).isEqualTo(3);
        now.addAndGet(60_000_000_000L); // a long quiet: refilled to the burst, no more
        assertThat(taken(limit, a, 20)).isEqualTo(5);
    }

    @Test
    void eachSourceHasItsOwnBucket() throws UnknownHostException {
        SourceRateLimit limit = new SourceRateLimit(1, 2, 100, now::get);

        assertThat(taken(limit, ip("192.0.2.1"), 10)).isEqualTo(2);
        assertThat(taken(limit, ip("192.0.2.2"), 10)).isEqualTo(2);
    }

    @Test
    void theTableForgetsTheSourceHeardFromLeastRecentlyAndStaysBounded() throws UnknownHostException {
        SourceRateLimit limit = new SourceRateLimit(1, 1, 2, now::get);
        InetAddress flood = ip("192.0.2.1");

        assertThat(taken(limit, flood, 1)).isEqualTo(1);
        for (int i = 2; i < 50; i++) {
            limit.tryAcquire(ip("198.51.100." + i));
            assertThat(limit.tryAcquire(flood)).as("the flooding source stays the most recent, its bucket empty").isFalse();
        }
        assertThat(limit.sources()).isEqualTo(2);
    }

    @Test
    void zeroPerSecondIsNoLimit() throws UnknownHostException {
        SourceRateLimit limit = new SourceRateLimit(0, 1, 1, now::get);

        assertThat(taken(limit, ip("192.0.2.1"), 1000)).isEqualTo(1000);
        assertThat(limit.sources()).isZero();
    }
}
