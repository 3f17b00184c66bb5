package org.webrtcgateway.websocket.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;

/**
 * PROTOCOL.md, Transport: "Optional ?token=JWT query parameter (or Authorization: Bearer header) when
 * authentication is configured"; {@code login} errors {@code unauthorized}. The token's {@code sub} is the name.
 */
class AuthTest {

    private static final String SECRET = "a-test-secret-that-is-long-enough-for-hs512-0123456789abcdef";
    private static final Algorithm HS256 = Algorithm.HMAC256(SECRET);

    private static final KeyPair RSA_KEYS = generate("RSA", null);
    private static final Path RSA_PUBLIC_PEM = writePem(RSA_KEYS.getPublic());
    private static final KeyPair EC_KEYS = generate("EC", "secp256r1");
    private static final Path EC_PUBLIC_PEM = writePem(EC_KEYS.getPublic());

    @Nested
    class WithAnHmacSecret {

        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension().with("auth.jwt-secret", SECRET);

        @Test
        void aValidTokenInTheLoginLogsInUnderItsSubject() {
            TestClient client = gateway.client();

            JsonNode ok = client.requestOk("type", "login", "name", "alice", "token", token("alice", HS256));

            assertThat(ok.path("name").asText()).isEqualTo("alice");
        }

        @Test
        void aLoginWithATokenAndNoNameTakesTheTokensSubject() {
            TestClient client = gateway.client();

            JsonNode ok = client.requestOk("type", "login", "token", token("alice", HS256));

            assertThat(ok.path("name").asText()).isEqualTo("alice");
        }

        @Test
        void hs384AndHs512TokensAreAcceptedToo() {
            assertThat(gateway.client().requestOk("type", "login", "token", token("alice", Algorithm.HMAC384(SECRET)))
                    .path("name").asText()).isEqualTo("alice");
            assertThat(gateway.client().requestOk("type", "login", "token", token("bob", Algorithm.HMAC512(SECRET)))
                    .path("name").asText()).isEqualTo("bob");
        }

        @Test
        void aLoginWithoutATokenIsUnauthorized() {
            TestClient client = gateway.client();

            client.requestError("unauthorized", "type", "login", "name", "alice");
            client.requestError("unauthorized", "type", "login");
        }

        @Test
        void aTokenForAnotherNameIsForbidden() {
            TestClient client = gateway.client();

            client.requestError("forbidden", "type", "login", "name", "alice", "token", token("bob", HS256));
        }

        @Test
        void aTokenSignedWithAnotherSecretIsUnauthorized() {
            TestClient client = gateway.client();

            client.requestError("unauthorized", "type", "login", "name", "alice",
                    "token", token("alice", Algorithm.HMAC256("some-other-secret")));
        }

        @Test
        void anExpiredTokenIsUnauthorized() {
            TestClient client = gateway.client();
            String expired = JWT.create().withSubject("alice").withExpiresAt(Instant.now().minusSeconds(3600)).sign(HS256);

            client.requestError("unauthorized", "type", "login", "name", "alice", "token", expired);
        }

        @Test
        void aRefusedTokenIsExplainedInTheGatewaysWordsNotTheLibrarys() {
            TestClient client = gateway.client();
            String expired = JWT.create().withSubject("alice").withExpiresAt(Instant.now().minusSeconds(3600)).sign(HS256);
            String forever = JWT.create().withSubject("alice").sign(HS256);
            String forged = token("alice", Algorithm.HMAC256("some-other-secret"));

            assertThat(client.requestError("unauthorized", "type", "login", "token", expired).path("message").asText())
                    .isEqualTo("the token has expired");
            assertThat(client.requestError("unauthorized", "type", "login", "token", forever).path("message").asText())
                    .isEqualTo("the token has no expiry ('exp'), and this gateway requires one");
            assertThat(client.requestError("unauthorized", "type", "login", "token", forged).path("message").asText())
                    .isEqualTo("the token's signature does not match");
            assertThat(client.requestError("unauthorized", "type", "login", "token", forged + "=").path("message").asText())
                    .isEqualTo("the token's signature is not canonical base64url");
        }

        @Test
        void aTokenNotYetValidIsUnauthorized() {
            TestClient client = gateway.client();
            String early = JWT.create().withSubject("alice").withNotBefore(Instant.now().plusSeconds(3600)).sign(HS256);

            client.requestError("unauthorized", "type", "login", "name", "alice", "token", early);
        }

        @Test
        void aTokenWithoutSubjectIsUnauthorized() {
            TestClient client = gateway.client();
            String anonymous = JWT.create().withExpiresAt(Instant.now().plusSeconds(300)).sign(HS256);

            client.requestError("unauthorized", "type", "login", "token", anonymous);
        }

        @Test
        void anUnsignedAlgNoneTokenIsUnauthorized() {
            TestClient client = gateway.client();
            String unsigned = JWT.create().withSubject("alice").withExpiresAt(Instant.now().plusSeconds(300)).sign(Algorithm.none());

            client.requestError("unauthorized", "type", "login", "name", "alice", "token", unsigned);
            client.requestError("unauthorized", "type", "login", "token", unsigned);
        }

        @Test
        void aTokenWhoseSignatureWasTamperedWithIsUnauthorized() {
            TestClient client = gateway.client();
            String[] parts = token("bob", HS256).split("\\.");
            String forgedPayload = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString("{\"sub\":\"alice\"}".getBytes(StandardCharsets.UTF_8));

            client.requestError("unauthorized", "type", "login", "token", parts[0] + "." + forgedPayload + "." + parts[2]);
        }

        @Test
        void somethingThatIsNotAJwtIsUnauthorized() {
            TestClient client = gateway.client();

            client.requestError("unauthorized", "type", "login", "name", "alice", "token", "not-a-jwt");
            client.requestError("unauthorized", "type", "login", "name", "alice", "token", "a.b.c");
        }

        @Test
        void aTokenInTheQueryOfTheWebSocketUrlLogsIn() {
            TestClient client = gateway.client(URI.create(gateway.wsUri() + "?token=" + token("alice", HS256)), Map.of());

            JsonNode ok = client.requestOk("type", "login");

            assertThat(ok.path("name").asText()).isEqualTo("alice");
        }

        @Test
        void aTokenInTheAuthorizationHeaderOfTheHandshakeLogsIn() {
            TestClient client = gateway.client(gateway.wsUri(), Map.of("Authorization", "Bearer " + token("alice", HS256)));

            JsonNode ok = client.requestOk("type", "login", "name", "alice");

            assertThat(ok.path("name").asText()).isEqualTo("alice");
        }

        @Test
        void aHandshakeTokenForAnotherNameIsForbidden() {
            TestClient client = gateway.client(gateway.wsUri(), Map.of("Authorization", "Bearer " + token("bob", HS256)));

            client.requestError("forbidden", "type", "login", "name", "alice");
        }

        @Test
        void aBadHandshakeTokenIsUnauthorizedAtLogin() {
            TestClient client = gateway.client(URI.create(gateway.wsUri() + "?token=garbage"), Map.of());

            client.requestError("unauthorized", "type", "login");
        }

        @Test
        void aValidTokenForANameAlreadyLoggedInReplacesTheOlderSessionWhichIsClosedWith4002() {
            TestClient first = gateway.client();
            first.requestOk("type", "login", "token", token("alice", HS256));
            TestClient second = gateway.client();

            JsonNode ok = second.requestOk("type", "login", "token", token("alice", HS256));

            assertThat(ok.path("name").asText()).isEqualTo("alice");
            assertThat(ok.path("resumed").asBoolean()).isFalse();
            assertThat(first.awaitClose().code()).isEqualTo(4002);
        }

        @Test
        void afterAReplacementMessagesReachTheNewConnection() {
            TestClient first = gateway.client();
            first.requestOk("type", "login", "token", token("alice", HS256));
            TestClient second = gateway.client();
            second.requestOk("type", "login", "token", token("alice", HS256));
            TestClient bob = gateway.client();
            bob.requestOk("type", "login", "token", token("bob", HS256));

            bob.requestOk("type", "message", "to", "alice", "data", "hello");

            JsonNode message = second.next("message");
            assertThat(message.path("from").asText()).isEqualTo("bob");
            assertThat(message.path("data").asText()).isEqualTo("hello");
        }

        @Test
        void aFailedTokenLoginDoesNotDisturbTheHolderOfTheName() {
            TestClient alice = gateway.client();
            alice.requestOk("type", "login", "token", token("alice", HS256));
            TestClient intruder = gateway.client();

            intruder.requestError("unauthorized", "type", "login", "name", "alice",
                    "token", token("alice", Algorithm.HMAC256("guessed-secret")));

            assertThat(alice.isClosed()).isFalse();
            alice.send("type", "ping");
            alice.next("pong");
        }
    }

    @Nested
    class WithIssuerAndAudience {

        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension()
                .with("auth.jwt-secret", SECRET)
                .with("auth.jwt-issuer", "https://id.example.org")
                .with("auth.jwt-audience", "webrtc-gateway");

        @Test
        void aTokenWithTheConfiguredIssuerAndAudienceLogsIn() {
            String token = claims("alice").withIssuer("https://id.example.org").withAudience("webrtc-gateway").sign(HS256);

            assertThat(gateway.client().requestOk("type", "login", "token", token).path("name").asText()).isEqualTo("alice");
        }

        @Test
        void anAudienceListContainingTheConfiguredOneLogsIn() {
            String token = claims("alice").withIssuer("https://id.example.org").withAudience("other", "webrtc-gateway").sign(HS256);

            assertThat(gateway.client().requestOk("type", "login", "token", token).path("name").asText()).isEqualTo("alice");
        }

        @Test
        void anotherIssuerIsUnauthorized() {
            String token = claims("alice").withIssuer("https://evil.example.org").withAudience("webrtc-gateway").sign(HS256);

            gateway.client().requestError("unauthorized", "type", "login", "token", token);
        }

        @Test
        void aMissingIssuerIsUnauthorized() {
            String token = claims("alice").withAudience("webrtc-gateway").sign(HS256);

            gateway.client().requestError("unauthorized", "type", "login", "token", token);
        }

        @Test
        void anotherAudienceIsUnauthorized() {
            String token = claims("alice").withIssuer("https://id.example.org").withAudience("another-service").sign(HS256);

            gateway.client().requestError("unauthorized", "type", "login", "token", token);
        }

        @Test
        void aMissingAudienceIsUnauthorized() {
            String token = claims("alice").withIssuer("https://id.example.org").sign(HS256);

            gateway.client().requestError("unauthorized", "type", "login", "token", token);
        }
    }

    @Nested
    class WithAnRsaPublicKey {

        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension().with("auth.jwt-public-key", RSA_PUBLIC_PEM.toString());

        @Test
        void anRs256TokenSignedWithTheMatchingPrivateKeyLogsIn() {
            String token = token("alice", Algorithm.RSA256(null, (RSAPrivateKey) RSA_KEYS.getPrivate()));

            assertThat(gateway.client().requestOk("type", "login", "token", token).path("name").asText()).isEqualTo("alice");
        }

        @Test
        void anRs512TokenLogsInToo() {
            String token = token("alice", Algorithm.RSA512(null, (RSAPrivateKey) RSA_KEYS.getPrivate()));

            assertThat(gateway.client().requestOk("type", "login", "token", token).path("name").asText()).isEqualTo("alice");
        }

        @Test
        void aTokenSignedWithAnotherRsaKeyIsUnauthorized() {
            KeyPair other = generate("RSA", null);
            String token = token("alice", Algorithm.RSA256(null, (RSAPrivateKey) other.getPrivate()));

            gateway.client().requestError("unauthorized", "type", "login", "token", token);
        }

        @Test
        void anHmacTokenUsingThePublicKeyAsSecretIsUnauthorized() throws IOException {
            byte[] pem = Files.readAllBytes(RSA_PUBLIC_PEM);
            String token = token("alice", Algorithm.HMAC256(pem));

            gateway.client().requestError("unauthorized", "type", "login", "token", token);
        }

        @Test
        void anUnsignedAlgNoneTokenIsUnauthorized() {
            String token = token("alice", Algorithm.none());

            gateway.client().requestError("unauthorized", "type", "login", "token", token);
        }

        @Test
        void aTokenInTheAuthorizationHeaderLogsIn() {
            String token = token("alice", Algorithm.RSA256(null, (RSAPrivateKey) RSA_KEYS.getPrivate()));
            TestClient client = gateway.client(gateway.wsUri(), Map.of("Authorization", "Bearer " + token));

            assertThat(client.requestOk("type", "login").path("name").asText()).isEqualTo("alice");
        }
    }

    @Nested
    class WithAJwksFile {

        private final Path jwks = writeJwks(jwk("2026-11", RSA_KEYS));

        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension().with("auth.jwks-file", jwks.toString());

        @Test
        void aKeyAddedToTheFileSignsLoginsAtOnceAndARemovedOneNoLonger() throws IOException {
            KeyPair next = generate("RSA", null);
            String oldToken = claims("alice").withKeyId("2026-11").sign(Algorithm.RSA256(null, (RSAPrivateKey) RSA_KEYS.getPrivate()));
            String newToken = claims("alice").withKeyId("2026-12").sign(Algorithm.RSA256(null, (RSAPrivateKey) next.getPrivate()));
            gateway.client().requestOk("type", "login", "token", oldToken);

            Files.writeString(jwks, "{\"keys\":[" + jwk("2026-11", RSA_KEYS) + "," + jwk("2026-12", next) + "]}");
            gateway.client().requestOk("type", "login", "token", newToken);

            Files.writeString(jwks, "{\"keys\":[" + jwk("2026-12", next) + "]}");
            assertThat(gateway.client().requestError("unauthorized", "type", "login", "token", oldToken).path("message").asText())
                    .isEqualTo("the token's key ('kid') is not known here");
            gateway.client().requestOk("type", "login", "token", newToken);
        }

        @Test
        void anHs256TokenSignedWithThePublishedKeyAsSecretIsUnauthorized() {
            String confused = claims("alice").withKeyId("2026-11").sign(Algorithm.HMAC256(RSA_KEYS.getPublic().getEncoded()));

            assertThat(gateway.client().requestError("unauthorized", "type", "login", "token", confused).path("message").asText())
                    .isEqualTo("the token's algorithm is not allowed with the keys configured here");
        }
    }

    private static String jwk(String kid, KeyPair keys) {
        java.security.interfaces.RSAPublicKey rsa = (java.security.interfaces.RSAPublicKey) keys.getPublic();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return "{\"kty\":\"RSA\",\"kid\":\"" + kid + "\",\"n\":\"" + b64.encodeToString(unsigned(rsa.getModulus()))
                + "\",\"e\":\"" + b64.encodeToString(unsigned(rsa.getPublicExponent())) + "\"}";
    }

    private static byte[] unsigned(java.math.BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static Path writeJwks(String... jwks) {
        try {
            Path file = Files.createTempFile("jwks", ".json");
            file.toFile().deleteOnExit();
            return Files.writeString(file, "{\"keys\":[" + String.join(",", jwks) + "]}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Nested
    class WithAnEcPublicKey {

        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension().with("auth.jwt-public-key", EC_PUBLIC_PEM.toString());

        @Test
        void anEs256TokenSignedWithTheMatchingPrivateKeyLogsIn() {
            String token = token("alice", Algorithm.ECDSA256(null, (ECPrivateKey) EC_KEYS.getPrivate()));

            assertThat(gateway.client().requestOk("type", "login", "token", token).path("name").asText()).isEqualTo("alice");
        }

        @Test
        void anEs256TokenFromAnotherKeyIsUnauthorized() {
            KeyPair other = generate("EC", "secp256r1");
            String token = token("alice", Algorithm.ECDSA256(null, (ECPrivateKey) other.getPrivate()));

            gateway.client().requestError("unauthorized", "type", "login", "token", token);
        }

        @Test
        void anRsaTokenIsUnauthorizedWhenTheKeyIsEc() {
            String token = token("alice", Algorithm.RSA256(null, (RSAPrivateKey) RSA_KEYS.getPrivate()));

            gateway.client().requestError("unauthorized", "type", "login", "token", token);
        }
    }

    @Nested
    class WithoutAuthentication {

        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension();

        @Test
        void anyoneMayLogInWithoutAToken() {
            assertThat(gateway.client().requestOk("type", "login", "name", "alice").path("name").asText()).isEqualTo("alice");
        }
    }

    private static JWTCreator.Builder claims(String subject) {
        return JWT.create().withSubject(subject).withExpiresAt(Instant.now().plusSeconds(300));
    }

    private static String token(String subject, Algorithm algorithm) {
        return claims(subject).sign(algorithm);
    }

    private static KeyPair generate(String algorithm, String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
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

    /** The public key as a {@code -----BEGIN PUBLIC KEY-----} (X.509 SubjectPublicKeyInfo) PEM file. */
    private static Path writePem(PublicKey key) {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        try {
            Path file = Files.createTempFile("jwt-public-key", ".pem");
            file.toFile().deleteOnExit();
            return Files.writeString(file, pem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
