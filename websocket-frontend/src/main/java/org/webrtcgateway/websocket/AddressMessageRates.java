package org.webrtcgateway.websocket;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

import org.webrtcgateway.core.limits.TokenBucket;

/**
 * What all the connections of one client address may send together ({@code websocket.messages-per-second-per-address}):
 * without it an address at its connection limit sends that many times the per-connection rate. One bucket per
 * address while it has a connection, shared by them (each takes it under the bucket's own lock: the connections of
 * one address may sit on different event loops); forgotten with the address's last connection, so the table holds
 * no more addresses than there are connections.
 */
final class AddressMessageRates {

    /** One address's bucket and how many of its connections use it. Guarded by itself. */
    static final class Share {
        private final TokenBucket bucket;
        private int connections;

        private Share(TokenBucket bucket) {
            this.bucket = bucket;
        }

        /** Takes a message's token; false when the address is over its rate. */
        boolean tryAcquire(long nowNanos) {
            synchronized (this) {
                return bucket.tryAcquire(nowNanos);
            }
        }
    }

    private final int perSecond;
    private final int burst;
    private final ConcurrentHashMap<InetAddress, Share> shares = new ConcurrentHashMap<>();

    /** @param burst what the address's connections may send at once above {@code perSecond} */
    AddressMessageRates(int perSecond, int burst) {
        this.perSecond = perSecond;
        this.burst = burst;
    }

    /** The share of a new connection from {@code client}; give it back with {@link #release}. */
    Share join(InetAddress client) {
        return shares.compute(client, (address, share) -> {
            Share joined = share != null ? share : new Share(new TokenBucket(perSecond, burst, System.nanoTime()));
            synchronized (joined) {
                joined.connections++;
            }
            return joined;
        });
    }

    /** A connection of {@code client} ended: its address's bucket goes with its last connection. */
    void release(InetAddress client) {
        shares.computeIfPresent(client, (address, share) -> {
            synchronized (share) {
                return --share.connections == 0 ? null : share;
            }
        });
    }

    /** Addresses with a bucket now. */
    int addresses() {
        return shares.size();
    }
}
