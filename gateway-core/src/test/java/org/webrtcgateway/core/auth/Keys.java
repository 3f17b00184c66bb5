package org.webrtcgateway.core.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/** Key pairs for the token tests, and their public halves written as PEM or as a JWK Set. */
final class Keys {

    private Keys() {
    }

    static KeyPair rsa() {
        return generate("RSA", null);
    }

    static KeyPair ec(String curve) {
        return generate("EC", curve);
    }

    private static KeyPair generate(String type, String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(type);
            if (curve != null) {
                generator.initialize(new ECGenParameterSpec(curve));
            } else {
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    static Path writePem(Path dir, PublicKey key) {
        return write(dir.resolve("key.pem"), pem(key));
    }

    /** A JWK for {@code key} under {@code kid}, written by hand as an identity provider publishes it. */
    static String jwk(String kid, PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return "{\"kty\":\"RSA\",\"use\":\"sig\",\"kid\":\"" + kid + "\",\"n\":\"" + b64(rsa.getModulus())
                    + "\",\"e\":\"" + b64(rsa.getPublicExponent()) + "\"}";
        }
        ECPublicKey ec = (ECPublicKey) key;
        int bits = ec.getParams().getCurve().getField().getFieldSize();
        String crv = bits == 256 ? "P-256" : bits == 384 ? "P-384" : "P-521";
        return "{\"kty\":\"EC\",\"kid\":\"" + kid + "\",\"crv\":\"" + crv + "\",\"x\":\"" + b64(ec.getW().getAffineX())
                + "\",\"y\":\"" + b64(ec.getW().getAffineY()) + "\"}";
    }

    static String jwks(String... jwks) {
        return "{\"keys\":[" + Arrays.stream(jwks).collect(Collectors.joining(",")) + "]}";
    }

    static String jwks(List<String> jwks) {
        return jwks(jwks.toArray(String[]::new));
    }

    static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length); // JWK integers are unsigned big-endian
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
