package org.webrtcgateway.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webrtcgateway.core.config.AuthConfig;

/** {@link TokenVerifier}: what a login token must be, and the words a refused one gets. */
class TokenVerifierTest {

    private static final String SECRET = "a-test-secret-that-is-long-enough-for-hs512-0123456789abcdef";
    private static final Algorithm HS256 = Algorithm.HMAC256(SECRET);
    private static final KeyPair RSA = Keys.rsa();
    private static final KeyPair EC = Keys.ec("secp256r1");

    /** Every refusal any test saw: none may carry a library's words. */
    private static final List<String> REFUSALS = new ArrayList<>();

    @TempDir
    Path dir;

    static AuthConfig config(String secret, Path pem, boolean requireExp) {
        return new AuthConfig(secret, pem, null, null, Duration.ofMinutes(5), requireExp, null, null, Duration.ofSeconds(30));
    }

    static JWTCreator.Builder valid(String subject) {
        return JWT.create().withSubject(subject).withExpiresAt(Instant.now().plusSeconds(300));
    }

    static String refusal(TokenVerifier verifier, String token) {
        TokenVerifier.Result result = verifier.verify(token);
        assertThat(result.identity()).as("refused: %s", token).isEmpty();
        synchronized (REFUSALS) {
            REFUSALS.add(result.refusal());
        }
        return result.refusal();
    }

    static String accepted(TokenVerifier verifier, String token) {
        TokenVerifier.Result result = verifier.verify(token);
        assertThat(result.refusal()).as("refusal").isNull();
        return result.identity().orElseThrow().subject();
    }

    private TokenVerifier hmac() {
        return new TokenVerifier(config(SECRET, null, true));
    }

    private TokenVerifier rsaPem() {
        return new TokenVerifier(config(null, Keys.writePem(dir, RSA.getPublic()), true));
    }

    @Test
    void aValidTokenGivesItsSubject() {
        assertThat(accepted(hmac(), valid("alice").sign(HS256))).isEqualTo("alice");
        assertThat(accepted(rsaPem(), valid("bob").sign(Algorithm.RSA256(null, (RSAPrivateKey) RSA.getPrivate()))))
                .isEqualTo("bob");
    }

    @Test
    void anExpiredTokenIsRefusedAsExpired() {
        String expired = JWT.create().withSubject("alice").withExpiresAt(Instant.now().minusSeconds(3600)).sign(HS256);

        assertThat(refusal(hmac(), expired)).isEqualTo("the token has expired");
    }

    @Test
    void aTokenNotValidYetIsRefusedAsSuch() {
        String early = valid("alice").withNotBefore(Instant.now().plusSeconds(3600)).sign(HS256);

        assertThat(refusal(hmac(), early)).isEqualTo("the token is not valid yet ('nbf' is in the future)");
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefusedForItsSignature() {
        String forged = valid("alice").sign(Algorithm.HMAC256("another-secret-of-quite-some-length-too-0123456789"));

        assertThat(refusal(hmac(), forged)).isEqualTo("the token's signature does not match");
    }

    @Test
    void anHs256TokenWhoseSecretIsTheRsaPublicKeyIsRefused() {
        // The classic confusion: the verifier holds a public key; the forger signs with it as an HMAC secret.
        TokenVerifier verifier = rsaPem();
        String withPem = valid("alice").sign(Algorithm.HMAC256(Keys.pem(RSA.getPublic()).getBytes(StandardCharsets.UTF_8)));
        String withDer = valid("alice").sign(Algorithm.HMAC256(RSA.getPublic().getEncoded()));

        assertThat(refusal(verifier, withPem)).isEqualTo("the token's algorithm is not allowed with the keys configured here");
        assertThat(refusal(verifier, withDer)).isEqualTo("the token's algorithm is not allowed with the keys configured here");
    }

    @Test
    void anRs256TokenIsRefusedWhereOnlyASecretIsConfigured() {
        String rs256 = valid("alice").sign(Algorithm.RSA256(null, (RSAPrivateKey) RSA.getPrivate()));

        assertThat(refusal(hmac(), rs256)).isEqualTo("the token's algorithm is not allowed with the keys configured here");
    }

    @Test
    void anEcTokenOfAnotherCurveThanTheKeyIsRefused() {
        KeyPair p384 = Keys.ec("secp384r1");
        TokenVerifier verifier = new TokenVerifier(config(null, Keys.writePem(dir, EC.getPublic()), true));
        // ES384 names P-384; the configured key is P-256: the algorithm does not fit the key.
        String es384 = valid("alice").sign(Algorithm.ECDSA384((ECPublicKey) p384.getPublic(), (ECPrivateKey) p384.getPrivate()));

        assertThat(refusal(verifier, es384)).isEqualTo("the token's algorithm is not allowed with the keys configured here");
        assertThat(accepted(verifier, valid("alice").sign(Algorithm.ECDSA256(null, (ECPrivateKey) EC.getPrivate()))))
                .isEqualTo("alice");
    }

    @Test
    void anUnsignedAlgNoneTokenIsRefusedWhateverTheKeys() {
        String none = valid("alice").sign(Algorithm.none());
        String shouted = b64("{\"alg\":\"NONE\",\"typ\":\"JWT\"}") + "." + none.split("\\.")[1] + ".";

        assertThat(refusal(hmac(), none)).isEqualTo("the token's algorithm is not allowed: it is unsigned ('none')");
        assertThat(refusal(rsaPem(), none)).isEqualTo("the token's algorithm is not allowed: it is unsigned ('none')");
        assertThat(refusal(hmac(), shouted)).startsWith("the token's");
        assertThat(hmac().verify(shouted).identity()).isEmpty();
    }

    @Test
    void aTokenWithoutExpiryIsRefusedUnlessExpiryIsNotRequired() {
        String forever = JWT.create().withSubject("alice").sign(HS256);

        assertThat(refusal(hmac(), forever)).isEqualTo("the token has no expiry ('exp'), and this gateway requires one");
        assertThat(accepted(new TokenVerifier(config(SECRET, null, false)), forever)).isEqualTo("alice");
    }

    @Test
    void aTokenWithCriticalHeaderExtensionsIsRefused() {
        String critical = valid("alice").withHeader(Map.of("crit", List.of("exp-at-edge"), "exp-at-edge", 1)).sign(HS256);

        assertThat(refusal(hmac(), critical)).isEqualTo("the token requires header extensions this gateway does not know ('crit')");
    }

    @Test
    void aSignatureInNonCanonicalBase64urlIsRefused() {
        TokenVerifier verifier = hmac();
        String token = valid("alice").sign(HS256);
        accepted(verifier, token);
        // An HS256 signature is 32 bytes: 43 characters whose last carries 2 unused bits. Setting them
        // decodes to the same bytes, as does padding: other spellings of one signature.
        String signature = token.substring(token.lastIndexOf('.') + 1);
        String body = token.substring(0, token.lastIndexOf('.') + 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = signature.charAt(signature.length() - 1);
        char strayBits = alphabet.charAt(alphabet.indexOf(last) | 1);
        if (strayBits == last) {
            strayBits = alphabet.charAt(alphabet.indexOf(last) | 2);
        }
        String stray = body + signature.substring(0, signature.length() - 1) + strayBits;
        assertThat(Base64.getUrlDecoder().decode(stray.substring(stray.lastIndexOf('.') + 1)))
                .as("the test's premise: the same bytes").isEqualTo(Base64.getUrlDecoder().decode(signature));

        assertThat(refusal(verifier, token + "=")).isEqualTo("the token's signature is not canonical base64url");
        assertThat(refusal(verifier, stray)).isEqualTo("the token's signature is not canonical base64url");
        assertThat(refusal(verifier, body + signature.replace('-', '+').replace('_', '/') + "+"))
                .isEqualTo("the token's signature is not canonical base64url");
    }

    @Test
    void somethingThatIsNotAJwtIsRefusedInPlainWords() {
        TokenVerifier verifier = hmac();

        assertThat(refusal(verifier, "not-a-jwt")).startsWith("the token is not a JWT");
        assertThat(refusal(verifier, "a.b.c")).isEqualTo("the token's header is not canonical base64url");
        assertThat(refusal(verifier, b64("{alg: HS256}") + ".e30.c2ln")).isEqualTo("the token's header is not JSON");
        assertThat(refusal(verifier, b64("{\"alg\":\"HS256\"}") + "." + b64("{\"sub\":") + "." + b64("x")))
                .isEqualTo("the token is not a well-formed JWT");
    }

    @Test
    void aTokenWhoseIssuerOrAudienceDiffersIsRefusedNamingTheClaim() {
        TokenVerifier verifier = new TokenVerifier(new AuthConfig(SECRET, null, null, null, Duration.ofMinutes(5), true,
                "https://login.example.org", "webrtc-gateway", Duration.ofSeconds(30)));

        assertThat(refusal(verifier, valid("alice").withIssuer("https://evil.example.org").withAudience("webrtc-gateway").sign(HS256)))
                .isEqualTo("the token's issuer ('iss') is not accepted here");
        assertThat(refusal(verifier, valid("alice").withIssuer("https://login.example.org").withAudience("other").sign(HS256)))
                .isEqualTo("the token is not meant for this gateway ('aud')");
        assertThat(refusal(verifier, valid("alice").withAudience("webrtc-gateway").sign(HS256)))
                .isEqualTo("the token lacks the claim 'iss' this gateway requires");
    }

    @Test
    void eachRefusalHasAReasonFromTheClosedSetForTheMeters() {
        TokenVerifier verifier = hmac();

        assertThat(verifier.verify(null).reason()).isEqualTo(TokenRefusal.MISSING);
        assertThat(verifier.verify(valid("a").withNotBefore(Instant.now().plusSeconds(3600)).sign(HS256)).reason())
                .isEqualTo(TokenRefusal.NOT_YET_VALID);
        assertThat(verifier.verify(JWT.create().withSubject("a").sign(HS256)).reason()).isEqualTo(TokenRefusal.NO_EXPIRY);
        assertThat(verifier.verify(valid("a").sign(Algorithm.none())).reason()).isEqualTo(TokenRefusal.ALGORITHM);
        assertThat(verifier.verify(valid("a").withHeader(Map.of("crit", List.of("x"))).sign(HS256)).reason())
                .isEqualTo(TokenRefusal.MALFORMED);
        assertThat(verifier.verify(valid("a").sign(HS256)).reason()).isNull();
        assertThat(TokenRefusal.UNKNOWN_KEY.label()).isEqualTo("unknown-key");
    }

    @AfterAll
    static void noRefusalCarriesALibrarysWords() {
        assertThat(REFUSALS).isNotEmpty();
        for (String refusal : REFUSALS) {
            assertThat(refusal).doesNotContainIgnoringCase("auth0").doesNotContainIgnoringCase("jackson")
                    .doesNotContainIgnoringCase("exception").doesNotContainIgnoringCase("java")
                    .doesNotContain("com.").doesNotContain("Unrecognized").doesNotContain("Claim");
        }
    }

    static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static Algorithm rs256(KeyPair keys) {
        return Algorithm.RSA256((RSAPublicKey) keys.getPublic(), (RSAPrivateKey) keys.getPrivate());
    }
}
