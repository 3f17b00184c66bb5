package org.webrtcgateway.websocket;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.core.config.Setting;
import org.webrtcgateway.core.config.Settings;

/** The HTTP/WebSocket frontend: the {@code websocket.*} keys. */
public record WebSocketConfig(
        String bind,
        int port,
        String path,
        int maxFrameSize,
        int messagesPerSecond,
        int messageBurst,
        int messagesPerSecondPerAddress,
        Duration pingInterval,
        Duration idleTimeout,
        Duration handshakeTimeout,
        int maxConnectionsPerAddress,
        int writeBufferLimit,
        int writeBuffersTotal,
        Path staticDir,
        Path tlsCertificate,
        Path tlsPrivateKey,
        Duration tlsReloadInterval,
        Duration hstsMaxAge,
        List<String> allowedOrigins,
        int ioThreads,
        boolean healthCounts) {

    public static final Setting<String> BIND = Setting.string("websocket.bind", "127.0.0.1",
            "address to listen on (0.0.0.0 or :: for every interface)");
    public static final Setting<Integer> PORT = Setting.integer("websocket.port", 8080, 0, 65535,
            "TCP port for HTTP and WebSocket (0 picks a free one)");
    public static final Setting<String> PATH = Setting.string("websocket.path", "/ws", "path of the WebSocket endpoint");
    public static final Setting<Integer> MAX_FRAME_SIZE = Setting.integer("websocket.max-frame-size", 65536, 256, 16 << 20,
            "largest message in bytes; a larger one closes the connection with 1009");
    public static final Setting<Integer> MESSAGES_PER_SECOND = Setting.integer("websocket.messages-per-second", 50, 0, 10_000_000,
            "sustained messages per second per connection, pings and pongs included (0 = no limit); more get 'rate-limited'");
    public static final Setting<Integer> MESSAGE_BURST = Setting.integer("websocket.message-burst", 200, 1, 10_000_000,
            "messages a connection may send at once above the sustained rate (room for a burst of ICE candidates)");
    public static final Setting<Integer> MESSAGES_PER_SECOND_PER_ADDRESS = Setting.integer(
            "websocket.messages-per-second-per-address", 0, 0, 100_000_000,
            "sustained messages per second all connections of one client address may send together, at once up to"
                    + " twice that; more get 'rate-limited' (0 = no limit; set it on the internet: without it an address"
                    + " sends max-connections-per-address times messages-per-second)");
    public static final Setting<Duration> PING_INTERVAL = Setting.duration("websocket.ping-interval", Duration.ofSeconds(30),
            "a WebSocket ping goes to a connection quiet for this long");
    public static final Setting<Duration> IDLE_TIMEOUT = Setting.duration("websocket.idle-timeout", Duration.ofSeconds(60),
            "a connection quiet for this long (pings unanswered), or reading nothing of what waits for it, is dropped;"
                    + " its session waits to be resumed");
    public static final Setting<Duration> HANDSHAKE_TIMEOUT = Setting.duration("websocket.handshake-timeout", Duration.ofSeconds(10),
            "a new connection must complete its HTTP request and WebSocket upgrade (TLS included) within this long or is closed;"
            + " a connection that never upgrades (plain HTTP, keep-alive or not) is closed after it too");
    public static final Setting<Integer> MAX_CONNECTIONS_PER_ADDRESS = Setting.integer("websocket.max-connections-per-address",
            1000, 0, 10_000_000, "connections from one IP address, dropped sessions waiting to be resumed included (0 = no limit)");
    public static final Setting<Integer> WRITE_BUFFER_LIMIT = Setting.integer("websocket.write-buffer-limit", 1 << 20,
            4096, 1 << 30, "bytes waiting to be written to one client; past it, messages wait in its session's queue and"
                    + " anything else (a pong, an HTTP response) cuts the client off as too slow");
    public static final Setting<Integer> WRITE_BUFFERS_TOTAL = Setting.integer("websocket.write-buffers-total", 0, 0,
            Integer.MAX_VALUE, "bytes the write buffers of all clients may hold together (0 = a quarter of the heap, or half"
            + " the direct memory if that is less: a message waiting in a write buffer is held on the heap too, until written);"
            + " past it, a client with more than 64 KiB unread is given nothing more until it reads, its messages queued in"
            + " its session");
    public static final Setting<Path> STATIC_DIR = Setting.path("websocket.static-dir",
            "folder served at / instead of the built-in client page");
    public static final Setting<Path> TLS_CERTIFICATE = Setting.path("websocket.tls-certificate",
            "PEM certificate chain, the server's own certificate first; with tls-private-key, serves https:// and wss://"
            + " (TLS 1.3, and 1.2 with ECDHE and AES-GCM or ChaCha20 only: Mozilla's \"intermediate\")");
    public static final Setting<Path> TLS_PRIVATE_KEY = Setting.path("websocket.tls-private-key",
            "PEM private key of tls-certificate: RSA or EC, PKCS#8, unencrypted");
    // A minute: certbot renews 30 days ahead, so any interval would do for renewals; a minute is what an
    // operator who copied new files by hand waits at most, for two stat(2)s and readlink(2)s a minute.
    public static final Setting<Duration> TLS_RELOAD_INTERVAL = Setting.duration("websocket.tls-reload-interval",
            Duration.ofMinutes(1), "how often tls-certificate and tls-private-key are looked at; changed files (a renewal)"
            + " serve new connections once they make a matching pair, without a restart (0 = only on SIGHUP)");
    public static final Setting<Duration> HSTS_MAX_AGE = Setting.duration("websocket.hsts-max-age", Duration.ZERO,
            "with TLS, every HTTP answer tells browsers to use https:// only for this long (Strict-Transport-Security,"
                    + " e.g. 365d; 0 = no such header: once sent, plain http:// is refused by browsers until it expires)");
    public static final Setting<List<String>> ALLOWED_ORIGINS = Setting.list("websocket.allowed-origins",
            "Origins allowed to open the WebSocket, e.g. https://app.example.org (empty = any)");
    public static final Setting<Integer> IO_THREADS = Setting.integer("websocket.io-threads", 0, 0, 1024,
            "network threads (0 = one per core)");
    public static final Setting<Boolean> HEALTH_COUNTS = Setting.bool("websocket.health-counts", false,
            "GET /health tells how many sessions are logged in (false: no counts for anyone who can reach the port;"
                    + " /metrics and the admin API have them)");

    public static final List<Setting<?>> SETTINGS = List.of(BIND, PORT, PATH, MAX_FRAME_SIZE, MESSAGES_PER_SECOND,
            MESSAGE_BURST, MESSAGES_PER_SECOND_PER_ADDRESS, PING_INTERVAL, IDLE_TIMEOUT, HANDSHAKE_TIMEOUT, MAX_CONNECTIONS_PER_ADDRESS, WRITE_BUFFER_LIMIT,
            WRITE_BUFFERS_TOTAL, STATIC_DIR, TLS_CERTIFICATE, TLS_PRIVATE_KEY, TLS_RELOAD_INTERVAL, HSTS_MAX_AGE, ALLOWED_ORIGINS, IO_THREADS,
            HEALTH_COUNTS);

    public WebSocketConfig {
        allowedOrigins = List.copyOf(allowedOrigins);
        if ((tlsCertificate == null) != (tlsPrivateKey == null)) {
            throw new ConfigException(TLS_CERTIFICATE.key() + " and " + TLS_PRIVATE_KEY.key() + " go together");
        }
        if (!path.startsWith("/")) {
            throw new ConfigException(PATH.key() + " must start with '/', got '" + path + "'");
        }
        if (idleTimeout.compareTo(pingInterval) <= 0) {
            throw new ConfigException(IDLE_TIMEOUT.key() + " (" + idleTimeout + ") must be longer than "
                    + PING_INTERVAL.key() + " (" + pingInterval + ")");
        }
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            // no "0 = no limit": without a deadline a client sending a byte at a time holds a connection for ever
            throw new ConfigException(HANDSHAKE_TIMEOUT.key() + " must be longer than 0, got " + handshakeTimeout);
        }
    }

    public static WebSocketConfig from(Settings s) {
        return new WebSocketConfig(s.get(BIND), s.get(PORT), s.get(PATH), s.get(MAX_FRAME_SIZE), s.get(MESSAGES_PER_SECOND),
                s.get(MESSAGE_BURST), s.get(MESSAGES_PER_SECOND_PER_ADDRESS), s.get(PING_INTERVAL), s.get(IDLE_TIMEOUT), s.get(HANDSHAKE_TIMEOUT),
                s.get(MAX_CONNECTIONS_PER_ADDRESS), s.get(WRITE_BUFFER_LIMIT), s.get(WRITE_BUFFERS_TOTAL), s.get(STATIC_DIR), s.get(TLS_CERTIFICATE),
                s.get(TLS_PRIVATE_KEY), s.get(TLS_RELOAD_INTERVAL), s.get(HSTS_MAX_AGE), s.get(ALLOWED_ORIGINS), s.get(IO_THREADS), s.get(HEALTH_COUNTS));
    }

    public boolean tls() {
        return tlsCertificate != null;
    }
}
