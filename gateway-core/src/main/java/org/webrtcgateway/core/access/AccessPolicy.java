package org.webrtcgateway.core.access;

import static java.util.Objects.requireNonNull;

import org.webrtcgateway.core.api.Address;

/**
 * What one logged-in user may reach, fixed at login from the token's claims and the configured defaults
 * ({@link AccessRules}): whom they may call and message (allow and deny lists; deny wins), whether and how large a
 * room they may create, and how many calls they may be in at once. Immutable: a session keeps it for its life.
 */
public record AccessPolicy(AddressPatterns callAllow, AddressPatterns callDeny, AddressPatterns messageAllow,
                           AddressPatterns messageDeny, boolean rooms, int roomMaxCapacity, int maxCalls) {

    public AccessPolicy {
        requireNonNull(callAllow, "callAllow");
        requireNonNull(callDeny, "callDeny");
        requireNonNull(messageAllow, "messageAllow");
        requireNonNull(messageDeny, "messageDeny");
    }

    /** Everything allowed, up to {@code maxCalls} calls and rooms of {@code roomMaxCapacity}. */
    public static AccessPolicy unrestricted(int maxCalls, int roomMaxCapacity) {
        return new AccessPolicy(AddressPatterns.NONE, AddressPatterns.NONE, AddressPatterns.NONE, AddressPatterns.NONE,
                true, roomMaxCapacity, maxCalls);
    }

    /** Null when the user may call {@code to}, else the rule that refuses it, as the log and the error say it. */
    public String refusesCall(Address to) {
        return refuses(to, callAllow, callDeny, "calls");
    }

    /** Null when the user may send a {@code message} to {@code to}, else the rule that refuses it. */
    public String refusesMessage(Address to) {
        return refuses(to, messageAllow, messageDeny, "messages");
    }

    private static String refuses(Address to, AddressPatterns allow, AddressPatterns deny, String what) {
        String denied = deny.firstMatch(to);
        if (denied != null) {
            return what + "_deny '" + denied + "'";
        }
        if (!allow.isEmpty() && allow.firstMatch(to) == null) {
            return "not in " + what + "_allow " + allow.patterns();
        }
        return null;
    }
}
