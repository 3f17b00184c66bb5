package org.webrtcgateway.core.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.MissingClaimException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.Verification;

import org.webrtcgateway.core.config.AuthConfig;
import org.webrtcgateway.core.config.ConfigException;

/**
 * Checks login tokens (JWT). The token's {@code sub} is the name its holder may log in as. Before any
 * library sees a token its form is checked here ({@link CompactJws}: canonical base64url, no
 * {@code alg: none}, no {@code crit}); then the configured keys that fit its {@code kid} and whose
 * type verifies its {@code alg} are tried ({@link VerificationKey}), and java-jwt checks the signature
 * and the claims. Every refusal is worded here: java-jwt's and Jackson's texts never reach a client.
 */
@Singleton
public final class TokenVerifier {

    /** A verified token's holder. */
    public record Identity(String subject, DecodedJWT token) {
    }

    private final AuthConfig config;
    private final List<KeySource> sources = new ArrayList<>();
    private final boolean jwksConfigured;

    @Inject
    public TokenVerifier(AuthConfig config) {
        this(config, System::nanoTime);
    }

    /** @param nanoClock {@link System#nanoTime} but in tests (the JWKS URL's refresh and kid-miss intervals) */
    public TokenVerifier(AuthConfig config, LongSupplier nanoClock) {
        this.config = config;
        List<VerificationKey> configured = new ArrayList<>();
        if (config.jwtSecret() != null) {
            configured.add(VerificationKey.secret(config.jwtSecret()));
        }
        if (config.jwtPublicKey() != null) {
            configured.add(new VerificationKey(null, null, readPublicKey(config)));
        }
        if (!configured.isEmpty()) {
            List<VerificationKey> fixed = List.copyOf(configured);
            sources.add(() -> fixed);
        }
        jwksConfigured = config.jwksFile() != null || config.jwksUrl() != null;
        if (config.jwksFile() != null) {
            sources.add(new JwksFile(config.jwksFile()));
        }
        if (config.jwksUrl() != null) {
            sources.add(new JwksUrl(config.jwksUrl(), config.jwksRefresh(), nanoClock));
        }
    }

    public boolean tokensRequired() {
        return config.tokensRequired();
    }

    /** The token's identity, or empty with the reason it was refused. */
    public Result verify(String token) {
        if (token == null || token.isEmpty()) {
            return Result.refused(TokenRefusal.MISSING, "a login token is required");
        }
        try {
            CompactJws jws = CompactJws.parse(token);
            DecodedJWT verified = verifySignatureAndClaims(token, jws);
            if (config.requireExp() && verified.getClaim("exp").isMissing()) {
                return Result.refused(TokenRefusal.NO_EXPIRY, "the token has no expiry ('exp'), and this gateway requires one");
            }
            if (verified.getSubject() == null || verified.getSubject().isEmpty()) {
                return Result.refused(TokenRefusal.CLAIMS, "the token has no 'sub' (the name it is for)");
            }
            return new Result(Optional.of(new Identity(verified.getSubject(), verified)), null, null);
        } catch (TokenRefused e) {
            return Result.refused(e.reason(), e.getMessage());
        }
    }

    /** The identity, or the refusal: its message for the client and its reason for the meters. */
    public record Result(Optional<Identity> identity, String refusal, TokenRefusal reason) {
        static Result refused(TokenRefusal reason, String why) {
            return new Result(Optional.empty(), why, reason);
        }
    }

    private DecodedJWT verifySignatureAndClaims(String token, CompactJws jws) throws TokenRefused {
        List<Algorithm> checks = checksFor(jws);
        // Only a kid no JWK Set has is worth a fetch: a known kid with the wrong algorithm stays wrong.
        if (checks.isEmpty() && unpublishedKid(jws.kid()) && sources.stream().anyMatch(KeySource::refreshForUnknownKid)) {
            checks = checksFor(jws);
        }
        if (checks.isEmpty()) {
            if (unpublishedKid(jws.kid())) {
                throw new TokenRefused(TokenRefusal.UNKNOWN_KEY, "the token's key ('kid') is not known here");
            }
            throw new TokenRefused(TokenRefusal.ALGORITHM, "the token's algorithm is not allowed with the keys configured here");
        }
        TokenRefused last = null;
        for (Algorithm check : checks) {
            try {
                return verifier(check).verify(token);
            } catch (SignatureVerificationException e) {
                last = new TokenRefused(TokenRefusal.SIGNATURE, "the token's signature does not match");
            } catch (TokenExpiredException e) {
                throw new TokenRefused(TokenRefusal.EXPIRED, "the token has expired");
            } catch (AlgorithmMismatchException e) {
                throw new TokenRefused(TokenRefusal.ALGORITHM, "the token's algorithm is not allowed with the keys configured here");
            } catch (MissingClaimException e) {
                throw new TokenRefused(TokenRefusal.CLAIMS, "the token lacks the claim '" + e.getClaimName() + "' this gateway requires");
            } catch (IncorrectClaimException e) {
                throw new TokenRefused("nbf".equals(e.getClaimName()) ? TokenRefusal.NOT_YET_VALID : TokenRefusal.CLAIMS,
                        switch (e.getClaimName()) {
                    case "nbf" -> "the token is not valid yet ('nbf' is in the future)";
                    case "iat" -> "the token was issued in the future ('iat')";
                    case "iss" -> "the token's issuer ('iss') is not accepted here";
                    case "aud" -> "the token is not meant for this gateway ('aud')";
                    default -> "the token's claim '" + e.getClaimName() + "' is not accepted";
                });
            } catch (JWTDecodeException e) {
                throw new TokenRefused(TokenRefusal.MALFORMED, "the token is not a well-formed JWT");
            } catch (JWTVerificationException e) {
                throw new TokenRefused(TokenRefusal.MALFORMED, "the token was refused");
            }
        }
        throw last;
    }

    /** The checks of every key that fits the token's kid and may verify its algorithm. */
    private List<Algorithm> checksFor(CompactJws jws) {
        List<Algorithm> checks = new ArrayList<>();
        for (KeySource source : sources) {
            for (VerificationKey key : source.keys()) {
                if (key.kid() != null && jws.kid() != null && !key.kid().equals(jws.kid())) {
                    continue;
                }
                Algorithm check = key.algorithmFor(jws.alg());
                if (check != null) {
                    checks.add(check);
                }
            }
        }
        return checks;
    }

    /** True for a kid that a JWK Set is configured to publish but does not (the secret and PEM key have no kid). */
    private boolean unpublishedKid(String kid) {
        return kid != null && jwksConfigured && sources.stream().flatMap(source -> source.keys().stream())
                .noneMatch(key -> kid.equals(key.kid()));
    }

    private JWTVerifier verifier(Algorithm algorithm) {
        Verification verification = JWT.require(algorithm).acceptLeeway(config.leeway().toSeconds());
        if (config.issuer() != null) {
            verification.withIssuer(config.issuer());
        }
        if (config.audience() != null) {
            verification.withAudience(config.audience());
        }
        return verification.build();
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
