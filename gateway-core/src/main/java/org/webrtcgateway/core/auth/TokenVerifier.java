package org.webrtcgateway.core.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.Verification;

import org.webrtcgateway.core.config.AuthConfig;
import org.webrtcgateway.core.config.ConfigException;

/**
 * Checks login tokens (JWT, verified with auth0's java-jwt). The token's {@code sub} is the name its
 * holder may log in as. Only the algorithms of the configured key are accepted, so a token cannot
 * choose a weaker check (no {@code none}, no HMAC with a public key as secret).
 */
@Singleton
public final class TokenVerifier {

    /** A verified token's holder. */
    public record Identity(String subject, DecodedJWT token) {
    }

    private final AuthConfig config;
    private final Map<String, JWTVerifier> verifiersByAlgorithm = new HashMap<>();

    @Inject
    public TokenVerifier(AuthConfig config) {
        this.config = config;
        if (config.jwtSecret() != null) {
            String secret = config.jwtSecret();
            add(Algorithm.HMAC256(secret));
            add(Algorithm.HMAC384(secret));
            add(Algorithm.HMAC512(secret));
        }
        if (config.jwtPublicKey() != null) {
            PublicKey key = readPublicKey(config);
            if (key instanceof RSAPublicKey rsa) {
                add(Algorithm.RSA256(rsa, null));
                add(Algorithm.RSA384(rsa, null));
                add(Algorithm.RSA512(rsa, null));
            } else if (key instanceof ECPublicKey ec) {
                add(Algorithm.ECDSA256(ec, null));
                add(Algorithm.ECDSA384(ec, null));
                add(Algorithm.ECDSA512(ec, null));
            }
        }
    }

    public boolean tokensRequired() {
        return config.tokensRequired();
    }

    /** The token's identity, or empty with the reason it was refused. */
    public Result verify(String token) {
        if (token == null || token.isEmpty()) {
            return Result.refused("a login token is required");
        }
        String algorithm;
        try {
            algorithm = JWT.decode(token).getAlgorithm();
        } catch (JWTDecodeException e) {
            return Result.refused("the token is not a JWT");
        }
        JWTVerifier verifier = verifiersByAlgorithm.get(algorithm);
        if (verifier == null) {
            return Result.refused("tokens signed with " + algorithm + " are not accepted here");
        }
        try {
            DecodedJWT verified = verifier.verify(token);
            if (verified.getSubject() == null || verified.getSubject().isEmpty()) {
                return Result.refused("the token has no 'sub' (the name it is for)");
            }
            return new Result(Optional.of(new Identity(verified.getSubject(), verified)), null);
        } catch (JWTVerificationException e) {
            return Result.refused("the token was refused: " + e.getMessage());
        }
    }

    public record Result(Optional<Identity> identity, String refusal) {
        static Result refused(String why) {
            return new Result(Optional.empty(), why);
        }
    }

    private void add(Algorithm algorithm) {
        Verification verification = JWT.require(algorithm).acceptLeeway(config.leeway().toSeconds());
        if (config.issuer() != null) {
            verification.withIssuer(config.issuer());
        }
        if (config.audience() != null) {
            verification.withAudience(config.audience());
        }
        verifiersByAlgorithm.put(algorithm.getName(), verification.build());
    }

    private static PublicKey readPublicKey(AuthConfig config) {
        String pem;
        try {
            pem = Files.readString(config.jwtPublicKey());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigException(AuthConfig.JWT_PUBLIC_KEY.key() + ": " + config.jwtPublicKey() + " does not exist");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new ConfigException(AuthConfig.JWT_PUBLIC_KEY.key() + ": " + config.jwtPublicKey() + " cannot be read by this user");
        } catch (IOException e) {
            throw new ConfigException(AuthConfig.JWT_PUBLIC_KEY.key() + ": cannot read " + config.jwtPublicKey() + ": " + e.getMessage());
        }
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(AuthConfig.JWT_PUBLIC_KEY.key() + ": " + config.jwtPublicKey() + " is not a PEM public key");
        }
        for (String type : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
            } catch (InvalidKeySpecException e) {
                // try the next key type
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK lacks " + type, e);
            }
        }
        throw new ConfigException(AuthConfig.JWT_PUBLIC_KEY.key() + ": " + config.jwtPublicKey()
                + " holds no RSA or EC public key (expected -----BEGIN PUBLIC KEY-----)");
    }
}
