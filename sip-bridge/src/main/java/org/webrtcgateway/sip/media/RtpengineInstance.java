package org.webrtcgateway.sip.media;

import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.sip.rtpengine.NgClient;

/**
 * One rtpengine, reached over its ng port, and whether it is up: it is until a command (a call's, or the periodic
 * {@code ping}) goes unanswered for the timeout, and is again once one is answered. An error reply means it is up:
 * rtpengine answered, it only refused the command.
 */
final class RtpengineInstance implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RtpengineInstance.class);

    private final InetSocketAddress address;
    private final NgClient client;
    private final Duration timeout;
    private volatile boolean up = true;
    private volatile String problem;

    RtpengineInstance(InetSocketAddress address, Duration timeout) throws SocketException {
        this.address = address;
        this.timeout = timeout;
        // four tries within the timeout: a lost datagram costs a quarter of it
        this.client = new NgClient(address, Duration.ofMillis(Math.max(5, timeout.toMillis() / 4)));
    }

    InetSocketAddress address() {
        return address;
    }

    boolean isUp() {
        return up;
    }

    /** Why it is down, or null while it is up. */
    String problem() {
        return up ? null : problem;
    }

    /** Sends {@code command}; the reply tells whether this instance is up. */
    CompletableFuture<Map<String, Object>> send(Map<String, Object> command) {
        return client.send(command, timeout).whenComplete((reply, error) -> {
            Throwable cause = error instanceof CompletionException ? error.getCause() : error;
            if (cause instanceof TimeoutException) {
                down(cause.getMessage());
            } else if (cause == null || cause instanceof NgClient.NgError) {
                if (!up) {
                    log.info("rtpengine at {} answers again", address);
                }
                up = true;
            }
        });
    }

    /** The periodic health check. */
    void ping() {
        send(Map.of("command", "ping"));
    }

    private void down(String why) {
        problem = "rtpengine at " + address + " does not answer (" + why + ")";
        if (up) {
            log.warn("{}: it gets no new calls until it answers a ping", problem);
        }
        up = false;
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "rtpengine " + address;
    }
}
