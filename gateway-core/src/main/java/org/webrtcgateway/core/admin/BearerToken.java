package org.webrtcgateway.core.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The admin token, checked in constant time: both sides are hashed first, so neither the length nor the first
 * differing character shows in how long a refusal takes.
 */
final class BearerToken {

    private static final String SCHEME = "Bearer ";
    private final byte[] expected;

    BearerToken(String token) {
        this.expected = sha256(token);
    }

    /** Whether an {@code Authorization} header value (may be null) carries the token. */
    boolean matches(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        return MessageDigest.isEqual(expected, sha256(authorization.substring(SCHEME.length()).strip()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
