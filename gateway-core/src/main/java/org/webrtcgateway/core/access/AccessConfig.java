package org.webrtcgateway.core.access;

import java.util.List;

import org.webrtcgateway.core.config.Setting;
import org.webrtcgateway.core.config.Settings;

/**
 * What a user may reach when the login token does not say (no tokens configured, or a token without the claim): the
 * {@code access.default.*} keys. The defaults allow everything, as the gateway did before access rules existed.
 */
public record AccessConfig(AddressPatterns callAllow, AddressPatterns callDeny, AddressPatterns messageAllow,
                           AddressPatterns messageDeny, boolean rooms, int roomMaxCapacity, int maxCalls) {

    public static final Setting<List<String>> CALL_ALLOW = Setting.list("access.default.call-allow",
            "address patterns a user may call ('*' any run of characters, e.g. sip:*@pbx.example.com);"
                    + " empty = any address not denied (token claim: calls_allow)");
    public static final Setting<List<String>> CALL_DENY = Setting.list("access.default.call-deny",
            "address patterns a user may not call, even when allowed, e.g. tel:+1900* (token claim: calls_deny)");
    public static final Setting<List<String>> MESSAGE_ALLOW = Setting.list("access.default.message-allow",
            "address patterns a user may send a 'message' to; empty = any address not denied (token claim: messages_allow)");
    public static final Setting<List<String>> MESSAGE_DENY = Setting.list("access.default.message-deny",
            "address patterns a user may not send a 'message' to (token claim: messages_deny)");
    public static final Setting<Boolean> ROOMS = Setting.bool("access.default.rooms", true,
            "whether a user may create rooms (joining one that exists is always allowed) (token claim: rooms)");
    public static final Setting<Integer> ROOM_MAX_CAPACITY = Setting.integer("access.default.room-max-capacity", 0, 0,
            10_000, "the largest room a user may create; 0 = room.max-capacity, which also caps the claim"
                    + " (token claim: room_max_capacity)");
    public static final Setting<Integer> MAX_CALLS = Setting.integer("access.default.max-calls", 0, 0, 10_000,
            "calls a user may be in at once; 0 = call.max-per-user, which also caps the claim (token claim: max_calls)");

    public static final List<Setting<?>> SETTINGS = List.of(CALL_ALLOW, CALL_DENY, MESSAGE_ALLOW, MESSAGE_DENY, ROOMS,
            ROOM_MAX_CAPACITY, MAX_CALLS);

    public static AccessConfig from(Settings s) {
        return new AccessConfig(AddressPatterns.of(s.get(CALL_ALLOW)), AddressPatterns.of(s.get(CALL_DENY)),
                AddressPatterns.of(s.get(MESSAGE_ALLOW)), AddressPatterns.of(s.get(MESSAGE_DENY)), s.get(ROOMS),
                s.get(ROOM_MAX_CAPACITY), s.get(MAX_CALLS));
    }
}
