package org.webrtcgateway.websocket;

/**
 * A token bucket: {@code perSecond} tokens a second, holding at most {@code burst}. One per
 * connection, used only on that connection's event loop, so it needs no synchronization.
 */
final class RateLimiter {

    private final double tokensPerNano;
    private final double burst;
    private double tokens;
    private long last;

    RateLimiter(int perSecond, int burst, long nowNanos) {
        this.tokensPerNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.last = nowNanos;
    }

    /** Takes a token if there is one. */
    boolean tryAcquire(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - last) * tokensPerNano);
        last = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
