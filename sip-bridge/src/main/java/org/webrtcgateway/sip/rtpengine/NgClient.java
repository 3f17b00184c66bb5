package org.webrtcgateway.sip.rtpengine;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of rtpengine's ng control protocol: each command is a bencoded dictionary after a cookie, over UDP,
 * and its reply comes back after the same cookie. UDP loses datagrams, so a command without a reply is sent again,
 * with the same cookie, every {@code retransmit} until {@code timeout}; rtpengine answers a repeated cookie from its
 * cache of replies, so a command is carried out once. A reply whose cookie is not awaited (a duplicate, a late one,
 * one meant for another client) is dropped.
 */
public final class NgClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NgClient.class);
    /** An ng reply carries an SDP or a list of calls at most: far below this. */
    private static final int MAX_DATAGRAM = 65_507;

    private final InetSocketAddress server;
    private final Duration retransmit;
    private final DatagramSocket socket;
    private final Thread receiver;
    private final ScheduledExecutorService resender;
    private final Map<String, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private final String cookiePrefix;
    private long nextCookie;

    /** Thrown (in the future) for a reply with {@code result: error}: rtpengine's own reason. */
    public static final class NgError extends Exception {
        public NgError(String reason) {
            super(reason);
        }
    }

    public NgClient(InetSocketAddress server, Duration retransmit) throws SocketException {
        this.server = server;
        this.retransmit = retransmit;
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress().equals(server.getAddress())
                ? InetAddress.getLoopbackAddress() : null, 0));
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        this.cookiePrefix = HexFormat.of().formatHex(random) + "-";
        this.resender = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "rtpengine-ng-resend");
            thread.setDaemon(true);
            return thread;
        });
        this.receiver = new Thread(this::receive, "rtpengine-ng-" + server.getPort());
        receiver.setDaemon(true);
        receiver.start();
    }

    /**
     * Sends {@code command} (its {@code command} key says which: {@code ping}, {@code offer}, {@code answer},
     * {@code delete}, ...) and completes with the reply's dictionary, or exceptionally: {@link NgError} for
     * {@code result: error}, {@link TimeoutException} when nothing came within {@code timeout}.
     */
    public CompletableFuture<Map<String, Object>> send(Map<String, Object> command, Duration timeout) {
        String cookie;
        synchronized (this) {
            cookie = cookiePrefix + Long.toString(nextCookie++, 36);
        }
        byte[] body = Bencode.encode(command);
        byte[] head = (cookie + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] datagram = new byte[head.length + body.length];
        System.arraycopy(head, 0, datagram, 0, head.length);
        System.arraycopy(body, 0, datagram, head.length, body.length);
        CompletableFuture<Map<String, Object>> reply = new CompletableFuture<>();
        pending.put(cookie, reply);
        ScheduledFuture<?> resend = resender.scheduleWithFixedDelay(() -> transmit(datagram),
                retransmit.toMillis(), retransmit.toMillis(), TimeUnit.MILLISECONDS);
        ScheduledFuture<?> expiry = resender.schedule(() -> reply.completeExceptionally(new TimeoutException(
                "rtpengine at " + server + " did not answer '" + command.get("command") + "' within " + timeout.toMillis() + " ms")),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        reply.whenComplete((result, error) -> {
            pending.remove(cookie, reply);
            resend.cancel(false);
            expiry.cancel(false);
        });
        transmit(datagram);
        return reply;
    }

    private void transmit(byte[] datagram) {
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, server));
        } catch (IOException e) {
            log.debug("an ng command to {} could not be sent: {}", server, e.toString());
        }
    }

    private void receive() {
        byte[] buffer = new byte[MAX_DATAGRAM];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                return; // closed
            }
            if (!server.equals(packet.getSocketAddress())) {
                continue; // not from our rtpengine
            }
            handle(packet.getData(), packet.getLength());
        }
    }

    private void handle(byte[] data, int length) {
        int space = 0;
        while (space < length && data[space] != ' ') {
            space++;
        }
        if (space == length) {
            log.debug("an ng reply without a cookie from {} was dropped", server);
            return;
        }
        CompletableFuture<Map<String, Object>> reply = pending.get(new String(data, 0, space, StandardCharsets.US_ASCII));
        if (reply == null) {
            return; // a duplicate or late reply, or one for another client
        }
        Object decoded;
        try {
            decoded = Bencode.decode(data, space + 1, length);
        } catch (Bencode.MalformedException e) {
            reply.completeExceptionally(new NgError("rtpengine's reply is not bencode: " + e.getMessage()));
            return;
        }
        if (!(decoded instanceof Map<?, ?> map)) {
            reply.completeExceptionally(new NgError("rtpengine's reply is not a dictionary"));
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> dictionary = (Map<String, Object>) map;
        if ("error".equals(dictionary.get("result"))) {
            reply.completeExceptionally(new NgError(String.valueOf(dictionary.get("error-reason"))));
        } else {
            reply.complete(dictionary);
        }
    }

    @Override
    public void close() {
        socket.close();
        resender.shutdownNow();
        pending.values().forEach(reply -> reply.completeExceptionally(new IllegalStateException("the ng client was closed")));
        try {
            receiver.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
