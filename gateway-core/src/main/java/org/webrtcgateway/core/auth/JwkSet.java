package org.webrtcgateway.core.auth;

import java.io.IOException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a JWK Set (RFC 7517) of RSA and EC public keys with Jackson and the JDK's KeyFactory: the
 * two key types take a page, so no JWKS library (ADR 0015). Keys for other uses ({@code use} other
 * than {@code sig}), of other types ({@code oct}: secrets do not belong in a published set) or
 * malformed are left out and named in {@link Parsed#skipped()}, so one odd key does not cost the rest.
 */
final class JwkSet {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Parsed(List<VerificationKey> keys, List<String> skipped) {
    }

    private JwkSet() {
    }

    /** The set's keys; throws with the gateway's words when the text is no JWK Set at all. */
    static Parsed parse(byte[] json) throws InvalidJwks {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new InvalidJwks("not JSON");
        }
        if (root == null || !root.path("keys").isArray()) {
            throw new InvalidJwks("not a JWK Set (a JSON object with a \"keys\" array)");
        }
        List<VerificationKey> keys = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int index = 0;
        for (JsonNode jwk : root.get("keys")) {
            String name = "key " + index++ + (jwk.hasNonNull("kid") ? " ('" + jwk.get("kid").asText() + "')" : "");
            try {
                keys.add(key(jwk));
            } catch (InvalidJwks e) {
                skipped.add(name + ": " + e.getMessage());
            }
        }
        return new Parsed(List.copyOf(keys), List.copyOf(skipped));
    }

    private static VerificationKey key(JsonNode jwk) throws InvalidJwks {
        if (jwk.hasNonNull("use") && !"sig".equals(jwk.get("use").asText())) {
            throw new InvalidJwks("its use is '" + jwk.get("use").asText() + "', not 'sig'");
        }
        String kid = jwk.hasNonNull("kid") ? jwk.get("kid").asText() : null;
        String alg = jwk.hasNonNull("alg") ? jwk.get("alg").asText() : null;
        String kty = jwk.path("kty").asText();
        try {
            return switch (kty) {
                case "RSA" -> new VerificationKey(kid, alg, KeyFactory.getInstance("RSA").generatePublic(
                        new RSAPublicKeySpec(unsigned(jwk, "n"), unsigned(jwk, "e"))));
                case "EC" -> new VerificationKey(kid, alg, KeyFactory.getInstance("EC").generatePublic(
                        new ECPublicKeySpec(new ECPoint(unsigned(jwk, "x"), unsigned(jwk, "y")), curve(jwk))));
                default -> throw new InvalidJwks("key type '" + kty + "' is not RSA or EC");
            };
        } catch (GeneralSecurityException e) {
            throw new InvalidJwks("not a valid " + kty + " public key");
        }
    }

    private static ECParameterSpec curve(JsonNode jwk) throws InvalidJwks, GeneralSecurityException {
        String stdName = switch (jwk.path("crv").asText()) {
            case "P-256" -> "secp256r1";
            case "P-384" -> "secp384r1";
            case "P-521" -> "secp521r1";
            default -> throw new InvalidJwks("curve '" + jwk.path("crv").asText() + "' is not P-256, P-384 or P-521");
        };
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec(stdName));
        return parameters.getParameterSpec(ECParameterSpec.class);
    }

    private static BigInteger unsigned(JsonNode jwk, String member) throws InvalidJwks {
        JsonNode value = jwk.get(member);
        if (value == null || !value.isTextual()) {
            throw new InvalidJwks("'" + member + "' is missing");
        }
        try {
            return new BigInteger(1, Base64.getUrlDecoder().decode(value.asText()));
        } catch (IllegalArgumentException e) {
            throw new InvalidJwks("'" + member + "' is not base64url");
        }
    }

    /** A JWKS (or one key in it) that cannot be used, in the gateway's words. */
    static final class InvalidJwks extends Exception {
        InvalidJwks(String why) {
            super(why, null, false, false);
        }
    }
}
