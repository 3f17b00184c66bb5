package org.webrtcgateway.cluster;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.core.config.Setting;
import org.webrtcgateway.core.config.Settings;

/** The {@code cluster.*} settings (ADR 0025), checked together. */
public record ClusterConfig(boolean enabled, RedisMode redisMode, URI redisUri, String redisPassword, Path redisTlsTrust,
                            String keyPrefix, String nodeId, Duration heartbeat, Duration nodeExpiry, int inboxLength,
                            Duration commandTimeout, Duration resumeGrace, int resumeQueue) {

    /** What {@code cluster.redis-uri} names: one Redis server (or its master, through Sentinel), or a Redis Cluster. */
    public enum RedisMode {
        STANDALONE, CLUSTER;

        static RedisMode of(String value) {
            for (RedisMode mode : values()) {
                if (mode.name().equalsIgnoreCase(value)) {
                    return mode;
                }
            }
            throw new ConfigException(REDIS_MODE.key() + ": 'standalone' or 'cluster', not '" + value + "'");
        }
    }

    public static final Setting<Boolean> ENABLED = Setting.bool("cluster.enabled", false,
            "share names, rooms, presence and sessions with the other nodes through Redis; false: a gateway alone, no Redis");
    public static final Setting<String> REDIS_URI = Setting.string("cluster.redis-uri", "redis://127.0.0.1:6379",
            "where Redis is, as Lettuce reads it: redis://host:port/db, rediss:// for TLS, "
                    + "redis-sentinel://host:26379,host2:26379/0#mymaster for Sentinel; with cluster.redis-mode 'cluster', "
                    + "one or more nodes of the Redis Cluster, redis://host:7000,host2:7000");
    public static final Setting<String> REDIS_MODE = Setting.string("cluster.redis-mode", "standalone",
            "'standalone': cluster.redis-uri is one Redis server, or Sentinel's master; 'cluster': a Redis Cluster, "
                    + "cluster.redis-uri names one or more of its nodes (redis://host:7000,host2:7000) and every key gets "
                    + "the prefix in braces, so that all of them hash to one slot");
    public static final Setting<String> REDIS_PASSWORD = Setting.secret("cluster.redis-password",
            "Redis's password (kept out of the URI so the URI can be logged)");
    public static final Setting<Path> REDIS_TLS_TRUST = Setting.path("cluster.redis-tls-trust",
            "PEM file of the CA that signed Redis's certificate, for rediss://; none: the JDK's trust store");
    public static final Setting<String> KEY_PREFIX = Setting.string("cluster.key-prefix", "gw:",
            "prefix of every key the cluster writes, so several clusters or other applications can share one Redis");
    public static final Setting<String> NODE_ID = Setting.string("cluster.node-id", null,
            "this node's id in the cluster, unique per running process; none: the host name and 8 random characters, new at each start");
    public static final Setting<Duration> HEARTBEAT = Setting.duration("cluster.heartbeat", Duration.ofSeconds(1),
            "how often a node tells the others it is alive");
    public static final Setting<Duration> NODE_EXPIRY = Setting.duration("cluster.node-expiry", Duration.ofSeconds(5),
            "silence after which a node counts as dead and its users' names are freed (at least 3 heartbeats)");
    public static final Setting<Integer> INBOX_LENGTH = Setting.integer("cluster.inbox-length", 100_000, 100, 100_000_000,
            "messages from other nodes a node's inbox in Redis keeps at most");
    public static final Setting<Duration> COMMAND_TIMEOUT = Setting.duration("cluster.command-timeout", Duration.ofSeconds(2),
            "how long a Redis command may take before the request that needed it is answered 'unreachable'");

    public static final List<Setting<?>> SETTINGS = List.of(ENABLED, REDIS_URI, REDIS_MODE, REDIS_PASSWORD, REDIS_TLS_TRUST, KEY_PREFIX,
            NODE_ID, HEARTBEAT, NODE_EXPIRY, INBOX_LENGTH, COMMAND_TIMEOUT);

    private static final String NODE_ID_CHARACTERS = "abcdefghijkmnpqrstuvwxyz23456789";

    public static ClusterConfig from(Settings s) {
        URI uri;
        try {
            uri = URI.create(s.get(REDIS_URI));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(REDIS_URI.key() + ": not a URI: " + e.getMessage());
        }
        if (!List.of("redis", "rediss", "redis-sentinel", "rediss-sentinel").contains(String.valueOf(uri.getScheme()))) {
            throw new ConfigException(REDIS_URI.key() + ": expected redis://, rediss:// or redis-sentinel://, not '" + uri + "'");
        }
        RedisMode mode = RedisMode.of(s.get(REDIS_MODE));
        if (mode == RedisMode.CLUSTER && !List.of("redis", "rediss").contains(uri.getScheme())) {
            throw new ConfigException(REDIS_URI.key() + ": a Redis Cluster is reached at its nodes, redis:// or rediss://, not '"
                    + uri + "' (Redis Cluster fails over by itself, without Sentinel)");
        }
        if (mode == RedisMode.CLUSTER && !List.of("", "/", "/0").contains(String.valueOf(uri.getRawPath()).replace("null", ""))) {
            throw new ConfigException(REDIS_URI.key() + ": a Redis Cluster has database 0 only, not '" + uri.getRawPath() + "'");
        }
        if (uri.getUserInfo() != null && uri.getUserInfo().contains(":")) {
            throw new ConfigException(REDIS_URI.key() + ": put the password in " + REDIS_PASSWORD.key()
                    + ", not in the URI (the URI is logged)");
        }
        Duration heartbeat = s.get(HEARTBEAT);
        Duration expiry = s.get(NODE_EXPIRY);
        if (heartbeat.toMillis() < 50) {
            throw new ConfigException(HEARTBEAT.key() + " must be at least 50ms");
        }
        if (expiry.compareTo(heartbeat.multipliedBy(3)) < 0) {
            throw new ConfigException(NODE_EXPIRY.key() + " (" + expiry.toMillis() + " ms) must be at least three "
                    + HEARTBEAT.key() + " (" + heartbeat.toMillis() + " ms): one late heartbeat must not kill a node");
        }
        String prefix = s.get(KEY_PREFIX);
        if (prefix == null || prefix.isEmpty() || prefix.chars().anyMatch(c -> c <= ' ' || c == '{' || c == '}')) {
            throw new ConfigException(KEY_PREFIX.key() + ": one or more characters, no spaces or braces");
        }
        if (mode == RedisMode.CLUSTER) {
            // A hash tag: Redis Cluster lets a script touch several keys only when they are in one slot, and the
            // scripts do (a name and its node's inbox, a room and its members). The first {...} of a key decides its
            // slot, so the rooms' own tags inside the key change nothing.
            prefix = "{" + prefix + "}";
        }
        String nodeId = s.get(NODE_ID);
        if (nodeId == null || nodeId.isBlank()) {
            nodeId = defaultNodeId();
        } else if (!nodeId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new ConfigException(NODE_ID.key() + ": 1 to 64 of A-Za-z0-9._-");
        }
        Duration timeout = s.get(COMMAND_TIMEOUT);
        if (timeout.toMillis() < 10) {
            throw new ConfigException(COMMAND_TIMEOUT.key() + " must be at least 10ms");
        }
        Path trust = s.get(REDIS_TLS_TRUST);
        if (trust != null && !java.nio.file.Files.isReadable(trust)) {
            throw new ConfigException(REDIS_TLS_TRUST.key() + ": cannot read " + trust);
        }
        return new ClusterConfig(s.get(ENABLED), mode, uri, s.get(REDIS_PASSWORD), trust, prefix, nodeId, heartbeat, expiry,
                s.get(INBOX_LENGTH), timeout, Duration.ZERO, 0);
    }

    /** The same configuration with the core's resume settings, which decide how long a dead node's sessions wait. */
    ClusterConfig withResume(Duration grace, int queue) {
        return new ClusterConfig(enabled, redisMode, redisUri, redisPassword, redisTlsTrust, keyPrefix, nodeId, heartbeat, nodeExpiry,
                inboxLength, commandTimeout, grace, queue);
    }

    /**
     * The Redis addresses as Lettuce takes them: the URI itself, or, for a Redis Cluster, one URI per node it names
     * ({@code redis://h1:7000,h2:7000}: any one that answers tells the client the rest of the cluster).
     */
    List<String> redisAddresses() {
        if (redisMode == RedisMode.STANDALONE) {
            return List.of(redisUri.toString());
        }
        String authority = redisUri.getRawAuthority();
        String user = authority.contains("@") ? authority.substring(0, authority.lastIndexOf('@') + 1) : "";
        String hosts = authority.substring(user.length());
        return java.util.Arrays.stream(hosts.split(","))
                .map(host -> redisUri.getScheme() + "://" + user + host.trim())
                .toList();
    }

    private static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "");
        } catch (UnknownHostException e) {
            host = "node";
        }
        StringBuilder id = new StringBuilder(host.isEmpty() ? "node" : host.length() > 48 ? host.substring(0, 48) : host).append('-');
        for (int i = 0; i < 8; i++) {
            id.append(NODE_ID_CHARACTERS.charAt(ThreadLocalRandom.current().nextInt(NODE_ID_CHARACTERS.length())));
        }
        return id.toString();
    }
}
