package org.webrtcgateway.core.limits;

/**
 * A token bucket: {@code perSecond} tokens a second on average, holding at most {@code burst}, full at first. Not
 * synchronized: each user keeps it on one thread or under a lock of its own, and passes the clock in (tests pass
 * theirs).
 */
public final class TokenBucket {

    private final double tokensPerNano;
    private final double burst;
    private double tokens;
    private long last;

    public TokenBucket(double perSecond, int burst, long nowNanos) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a bucket needs a rate above 0 and room for 1: " + perSecond + "/s, burst " + burst);
        }
        this.tokensPerNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.last = nowNanos;
    }

    /** Takes a token if there is one. */
    public boolean tryAcquire(long nowNanos) {
        if (nowNanos > last) { // a clock read a moment earlier on another path never takes tokens back
            tokens = Math.min(burst, tokens + (nowNanos - last) * tokensPerNano);
            last = nowNanos;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
