package org.webrtcgateway.core.access;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.interfaces.Claim;

import org.webrtcgateway.core.config.CoreConfig;

/**
 * Builds each session's {@link AccessPolicy} at login: a claim of the login token replaces the configured default of
 * the same rule ({@link AccessConfig}); a user without a token gets the defaults. Limits are capped by the gateway's
 * own ({@code call.max-per-user}, {@code room.max-capacity}): a token cannot give more than the operator allows anyone.
 */
@Singleton
public final class AccessRules {

    public static final String CALLS_ALLOW = "calls_allow";
    public static final String CALLS_DENY = "calls_deny";
    public static final String MESSAGES_ALLOW = "messages_allow";
    public static final String MESSAGES_DENY = "messages_deny";
    public static final String ROOMS = "rooms";
    public static final String ROOM_MAX_CAPACITY = "room_max_capacity";
    public static final String MAX_CALLS = "max_calls";

    private final AccessConfig defaults;
    private final CoreConfig core;

    @Inject
    public AccessRules(AccessConfig defaults, CoreConfig core) {
        this.defaults = defaults;
        this.core = core;
    }

    /** The policy of a user without a login token. */
    public AccessPolicy anonymous() {
        return forClaims(Map.of());
    }

    /**
     * The policy of a token's holder.
     *
     * @throws IllegalArgumentException when a claim of this policy has the wrong type (a token that says something
     *                                  we cannot read is refused, not read as "no limit")
     */
    public AccessPolicy forClaims(Map<String, Claim> claims) {
        int maxCalls = Math.min(core.maxCallsPerUser(),
                positive(claims, MAX_CALLS, defaults.maxCalls() > 0 ? defaults.maxCalls() : core.maxCallsPerUser()));
        int roomCapacity = Math.min(core.maxRoomCapacity(), positive(claims, ROOM_MAX_CAPACITY,
                defaults.roomMaxCapacity() > 0 ? defaults.roomMaxCapacity() : core.maxRoomCapacity()));
        return new AccessPolicy(patterns(claims, CALLS_ALLOW, defaults.callAllow()),
                patterns(claims, CALLS_DENY, defaults.callDeny()),
                patterns(claims, MESSAGES_ALLOW, defaults.messageAllow()),
                patterns(claims, MESSAGES_DENY, defaults.messageDeny()),
                flag(claims, ROOMS, defaults.rooms()), roomCapacity, maxCalls);
    }

    private static AddressPatterns patterns(Map<String, Claim> claims, String name, AddressPatterns otherwise) {
        Claim claim = present(claims, name);
        if (claim == null) {
            return otherwise;
        }
        List<String> globs;
        try {
            globs = claim.asList(String.class);
        } catch (JWTDecodeException e) {
            globs = null;
        }
        if (globs == null || globs.stream().anyMatch(g -> g == null || g.isEmpty())) {
            throw new IllegalArgumentException("the token's '" + name + "' is not a list of address patterns");
        }
        return AddressPatterns.of(globs);
    }

    private static boolean flag(Map<String, Claim> claims, String name, boolean otherwise) {
        Claim claim = present(claims, name);
        if (claim == null) {
            return otherwise;
        }
        Boolean value = claim.asBoolean();
        if (value == null) {
            throw new IllegalArgumentException("the token's '" + name + "' is not true or false");
        }
        return value;
    }

    private static int positive(Map<String, Claim> claims, String name, int otherwise) {
        Claim claim = present(claims, name);
        if (claim == null) {
            return otherwise;
        }
        Double value = claim.asDouble();
        if (value == null || value < 0 || value != Math.rint(value)) {
            throw new IllegalArgumentException("the token's '" + name + "' is not a whole number of 0 or more");
        }
        return (int) Math.min(Integer.MAX_VALUE, value);
    }

    private static Claim present(Map<String, Claim> claims, String name) {
        Claim claim = claims.get(name);
        return claim == null || claim.isMissing() || claim.isNull() ? null : claim;
    }
}
