package org.webrtcgateway.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;

import com.auth0.jwt.algorithms.Algorithm;

/**
 * One key that may sign login tokens: an HMAC secret, or an RSA or EC public key, with the {@code kid}
 * and {@code alg} a JWKS gave it (null for the configured secret and PEM key, which fit any kid).
 * The key decides which algorithms it verifies, never the token: an HS256 token meets an RSA key's
 * bytes only as "not allowed", which is what stops the classic HMAC-with-the-public-key forgery.
 */
record VerificationKey(String kid, String alg, Object material) {

    static VerificationKey secret(String secret) {
        return new VerificationKey(null, null, secret.getBytes(StandardCharsets.UTF_8));
    }

    /** The check of {@code tokenAlg} with this key, or null when the key may not verify that algorithm. */
    Algorithm algorithmFor(String tokenAlg) {
        if (alg != null && !alg.equals(tokenAlg)) {
            return null;
        }
        if (material instanceof byte[] secret) {
            return switch (tokenAlg) {
                case "HS256" -> Algorithm.HMAC256(secret);
                case "HS384" -> Algorithm.HMAC384(secret);
                case "HS512" -> Algorithm.HMAC512(secret);
                default -> null;
            };
        }
        if (material instanceof RSAPublicKey rsa) {
            return switch (tokenAlg) {
                case "RS256" -> Algorithm.RSA256(rsa, null);
                case "RS384" -> Algorithm.RSA384(rsa, null);
                case "RS512" -> Algorithm.RSA512(rsa, null);
                default -> null;
            };
        }
        if (material instanceof ECPublicKey ec) {
            // Each ES algorithm names its curve (RFC 7518 3.4): ES256 with a P-384 key is a mismatch.
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return switch (tokenAlg) {
                case "ES256" -> bits == 256 ? Algorithm.ECDSA256(ec, null) : null;
                case "ES384" -> bits == 384 ? Algorithm.ECDSA384(ec, null) : null;
                case "ES512" -> bits == 521 ? Algorithm.ECDSA512(ec, null) : null;
                default -> null;
            };
        }
        return null;
    }
}
