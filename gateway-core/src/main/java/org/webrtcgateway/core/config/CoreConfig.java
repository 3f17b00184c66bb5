package org.webrtcgateway.core.config;

import java.time.Duration;
import java.util.List;

/** Sessions, calls, rooms and bridges' overload: the {@code session.*}, {@code call.*}, {@code room.*}, {@code bridge.*} keys. */
public record CoreConfig(
        Duration resumeGrace,
        int resumeQueue,
        int resumeQueueBytes,
        int queuesHeapPercent,
        int maxCallsPerUser,
        int callAttemptsPerMinute,
        int defaultDtmfDuration,
        int defaultRoomCapacity,
        int maxRoomCapacity,
        int maxRoomsPerConnection,
        int maxSdpSize,
        int maxDataSize,
        int maxFollowed,
        int bridgeHeapLimitPercent) {

    public static final Setting<Duration> RESUME_GRACE = Setting.duration("session.resume-grace", Duration.ofSeconds(30),
            "how long a session whose socket dropped without a close frame waits to be resumed (0 = no resuming)");
    public static final Setting<Integer> RESUME_QUEUE = Setting.integer("session.resume-queue", 1024, 1, 1_000_000,
            "messages queued for a session whose client is dropped, resuming, or reading slower than it is sent to;"
                    + " one more ends the session");
    public static final Setting<Integer> RESUME_QUEUE_BYTES = Setting.integer("session.resume-queue-bytes", 8 << 20, 4096,
            1 << 30, "bytes (encoded) queued for a session, as for session.resume-queue; a message that would pass it ends the session");
    public static final Setting<Integer> QUEUES_HEAP_PERCENT = Setting.integer("session.queues-heap-percent", 25, 1, 90,
            "share of the heap, in %, that the queues of all sessions may hold together; a message that would pass it"
                    + " ends the session it was for");
    public static final Setting<Integer> MAX_CALLS = Setting.integer("call.max-per-user", 8, 1, 10_000,
            "concurrent calls per user; an offer to a user at the limit gets 'busy'");
    public static final Setting<Integer> CALL_ATTEMPTS = Setting.integer("call.attempts-per-minute", 30, 0, 1_000_000,
            "new calls a user may start a minute, on average and at once, so a stolen account cannot dial a premium"
                    + " number again and again; more get 'rate-limited' (0 = no limit)");
    public static final Setting<Integer> DTMF_DURATION = Setting.integer("call.dtmf-duration", 100, 40, 6000,
            "DTMF tone length in ms when a 'dtmf' message gives none");
    public static final Setting<Integer> ROOM_CAPACITY = Setting.integer("room.default-capacity", 2, 1, 10_000,
            "members per room when its creator gives no 'capacity'");
    public static final Setting<Integer> ROOM_MAX_CAPACITY = Setting.integer("room.max-capacity", 64, 1, 10_000,
            "the largest 'capacity' a creator may ask for");
    public static final Setting<Integer> ROOMS_PER_CONNECTION = Setting.integer("room.max-per-connection", 16, 1, 10_000,
            "rooms one session may be in at once");

    // Both 0 by default: a frontend's frame limit (websocket.max-frame-size) is the protocol's only size
    // limit, so at the defaults everything the protocol allows is relayed; operators may lower either.
    public static final Setting<Integer> MAX_SDP_SIZE = Setting.integer("call.max-sdp-size", 0, 0, 1 << 24,
            "longest 'sdp' in characters an offer or answer may carry, longer ones get 'too-large'"
                    + " (0 = as long as the message fits in a frame)");
    public static final Setting<Integer> MAX_DATA_SIZE = Setting.integer("message.max-data-size", 0, 0, 1 << 24,
            "largest 'data' of a 'message' in bytes of JSON, larger ones get 'too-large'"
                    + " (0 = as large as the message fits in a frame)");

    public static final Setting<Integer> MAX_FOLLOWED = Setting.integer("presence.max-followed", 1000, 1, 1_000_000,
            "addresses one session may follow with 'subscribe'; more get 'forbidden'");

    public static final Setting<Integer> BRIDGE_HEAP_LIMIT = Setting.integer("bridge.heap-limit-percent", 85, 1, 100,
            "heap in use after a garbage collection, in % of the maximum, at which bridges refuse new calls"
                    + " (SIP: 503 with Retry-After) until it is 10 points lower; 100 = never");

    public static final List<Setting<?>> SETTINGS = List.of(RESUME_GRACE, RESUME_QUEUE, RESUME_QUEUE_BYTES,
            QUEUES_HEAP_PERCENT, MAX_CALLS, CALL_ATTEMPTS, DTMF_DURATION,
            ROOM_CAPACITY, ROOM_MAX_CAPACITY, ROOMS_PER_CONNECTION, MAX_SDP_SIZE, MAX_DATA_SIZE, MAX_FOLLOWED,
            BRIDGE_HEAP_LIMIT);

    public CoreConfig {
        if (defaultRoomCapacity > maxRoomCapacity) {
            throw new ConfigException(ROOM_CAPACITY.key() + " (" + defaultRoomCapacity + ") is above "
                    + ROOM_MAX_CAPACITY.key() + " (" + maxRoomCapacity + ")");
        }
    }

    public static CoreConfig from(Settings s) {
        return new CoreConfig(s.get(RESUME_GRACE), s.get(RESUME_QUEUE), s.get(RESUME_QUEUE_BYTES),
                s.get(QUEUES_HEAP_PERCENT), s.get(MAX_CALLS), s.get(CALL_ATTEMPTS), s.get(DTMF_DURATION),
                s.get(ROOM_CAPACITY), s.get(ROOM_MAX_CAPACITY), s.get(ROOMS_PER_CONNECTION), s.get(MAX_SDP_SIZE),
                s.get(MAX_DATA_SIZE), s.get(MAX_FOLLOWED), s.get(BRIDGE_HEAP_LIMIT));
    }

    /** True when an SDP of {@code characters} is over {@code call.max-sdp-size}. */
    public boolean sdpTooLong(int characters) {
        return maxSdpSize > 0 && characters > maxSdpSize;
    }

    /** True when a message's data of {@code bytes} is over {@code message.max-data-size}. */
    public boolean dataTooLarge(int bytes) {
        return maxDataSize > 0 && bytes > maxDataSize;
    }

    public static CoreConfig defaults() {
        return from(Settings.empty());
    }
}
