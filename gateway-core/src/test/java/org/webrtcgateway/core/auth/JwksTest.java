package org.webrtcgateway.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.webrtcgateway.core.auth.TokenVerifierTest.accepted;
import static org.webrtcgateway.core.auth.TokenVerifierTest.refusal;
import static org.webrtcgateway.core.auth.TokenVerifierTest.valid;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.auth0.jwt.algorithms.Algorithm;
import com.sun.net.httpserver.HttpServer;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webrtcgateway.core.config.AuthConfig;

/** Token keys from a JWK Set: a file read again when it changes, a URL fetched again (auth.jwks-*). */
class JwksTest {

    private static final KeyPair OLD = Keys.rsa();
    private static final KeyPair NEW = Keys.rsa();
    private static final KeyPair EC = Keys.ec("secp256r1");

    @TempDir
    Path dir;

    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static String signed(String subject, String kid, KeyPair keys) {
        return valid(subject).withKeyId(kid).sign(Algorithm.RSA256(null, (RSAPrivateKey) keys.getPrivate()));
    }

    private static AuthConfig fileConfig(Path jwks) {
        return new AuthConfig(null, null, jwks, null, Duration.ofMinutes(5), true, null, null, Duration.ofSeconds(30));
    }

    @Test
    void aKeyRotatedInTheFileIsUsedWithoutARestartAndTheRemovedOneIsRefused() {
        Path file = Keys.write(dir.resolve("jwks.json"), Keys.jwks(Keys.jwk("2026-11", OLD.getPublic())));
        TokenVerifier verifier = new TokenVerifier(fileConfig(file));
        assertThat(accepted(verifier, signed("alice", "2026-11", OLD))).isEqualTo("alice");
        assertThat(refusal(verifier, signed("alice", "2026-12", NEW))).isEqualTo("the token's key ('kid') is not known here");

        Keys.write(file, Keys.jwks(Keys.jwk("2026-11", OLD.getPublic()), Keys.jwk("2026-12", NEW.getPublic())));
        assertThat(accepted(verifier, signed("alice", "2026-12", NEW))).isEqualTo("alice");
        assertThat(accepted(verifier, signed("alice", "2026-11", OLD))).isEqualTo("alice");

        Keys.write(file, Keys.jwks(Keys.jwk("2026-12", NEW.getPublic())));
        assertThat(refusal(verifier, signed("alice", "2026-11", OLD))).isEqualTo("the token's key ('kid') is not known here");
        assertThat(accepted(verifier, signed("alice", "2026-12", NEW))).isEqualTo("alice");
    }

    @Test
    void aTokenSignedByAnotherKeyUnderAKnownKidIsRefusedForItsSignature() {
        Path file = Keys.write(dir.resolve("jwks.json"), Keys.jwks(Keys.jwk("k1", OLD.getPublic())));
        TokenVerifier verifier = new TokenVerifier(fileConfig(file));

        assertThat(refusal(verifier, signed("alice", "k1", NEW))).isEqualTo("the token's signature does not match");
    }

    @Test
    void ecKeysAreSelectedByKidAndATokenWithoutKidTriesTheKeysThatFitItsAlgorithm() {
        Path file = Keys.write(dir.resolve("jwks.json"), Keys.jwks(Keys.jwk("rsa", OLD.getPublic()), Keys.jwk("ec", EC.getPublic())));
        TokenVerifier verifier = new TokenVerifier(fileConfig(file));
        Algorithm es256 = Algorithm.ECDSA256(null, (ECPrivateKey) EC.getPrivate());

        assertThat(accepted(verifier, valid("alice").withKeyId("ec").sign(es256))).isEqualTo("alice");
        assertThat(accepted(verifier, valid("bob").sign(es256))).isEqualTo("bob");
        assertThat(accepted(verifier, valid("carol").sign(Algorithm.RSA256(null, (RSAPrivateKey) OLD.getPrivate()))))
                .isEqualTo("carol");
        // Under the RSA key's kid an ES256 token finds no key that may verify it.
        assertThat(refusal(verifier, valid("alice").withKeyId("rsa").sign(es256)))
                .isEqualTo("the token's algorithm is not allowed with the keys configured here");
    }

    @Test
    void anHs256TokenSignedWithAJwksKeysBytesIsRefused() {
        Path file = Keys.write(dir.resolve("jwks.json"), Keys.jwks(Keys.jwk("k1", OLD.getPublic())));
        TokenVerifier verifier = new TokenVerifier(fileConfig(file));
        String confused = valid("alice").withKeyId("k1").sign(Algorithm.HMAC256(OLD.getPublic().getEncoded()));

        assertThat(refusal(verifier, confused)).isEqualTo("the token's algorithm is not allowed with the keys configured here");
    }

    @Test
    void aJwksUrlIsFetchedAgainOnAnUnknownKidAtMostOnceAMinuteAndEveryRefreshPeriod() throws IOException {
        AtomicReference<String> published = new AtomicReference<>(Keys.jwks(Keys.jwk("k1", OLD.getPublic())));
        AtomicInteger fetches = new AtomicInteger();
        URI uri = serve(published, fetches);
        AtomicLong now = new AtomicLong();
        TokenVerifier verifier = new TokenVerifier(new AuthConfig(null, null, null, uri, Duration.ofMinutes(5), true, null, null,
                Duration.ofSeconds(30)), now::get);

        assertThat(accepted(verifier, signed("alice", "k1", OLD))).isEqualTo("alice");
        assertThat(fetches).hasValue(1);

        // The provider rotates: a token under the new kid makes the gateway look again, once.
        published.set(Keys.jwks(Keys.jwk("k1", OLD.getPublic()), Keys.jwk("k2", NEW.getPublic())));
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(accepted(verifier, signed("alice", "k2", NEW))).isEqualTo("alice");
        assertThat(fetches).hasValue(2);

        // Made-up kids within the minute cost the provider nothing.
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        for (int i = 0; i < 5; i++) {
            assertThat(refusal(verifier, signed("mallory", "made-up-" + i, NEW))).isEqualTo("the token's key ('kid') is not known here");
        }
        assertThat(fetches).hasValue(2);
        now.addAndGet(Duration.ofSeconds(31).toNanos());
        refusal(verifier, signed("mallory", "made-up-again", NEW));
        assertThat(fetches).hasValue(3);

        // The old key leaves the set: after the refresh period the gateway fetches again and refuses it.
        published.set(Keys.jwks(Keys.jwk("k2", NEW.getPublic())));
        now.addAndGet(Duration.ofMinutes(5).toNanos());
        verifier.verify(signed("alice", "k2", NEW)); // starts the refresh in the background
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
                "the token's key ('kid') is not known here".equals(verifier.verify(signed("alice", "k1", OLD)).refusal()));
        assertThat(fetches.get()).isGreaterThanOrEqualTo(4);
        assertThat(accepted(verifier, signed("alice", "k2", NEW))).isEqualTo("alice");
    }

    @Test
    void besideAnHmacSecretATokenWithANewKidStillMakesTheGatewayFetchTheJwksAgain() throws IOException {
        AtomicReference<String> published = new AtomicReference<>(Keys.jwks(Keys.jwk("k1", OLD.getPublic())));
        AtomicInteger fetches = new AtomicInteger();
        URI uri = serve(published, fetches);
        String secret = "a-test-secret-that-is-long-enough-for-hs512-0123456789abcdef";
        TokenVerifier verifier = new TokenVerifier(new AuthConfig(secret, null, null, uri, Duration.ofMinutes(5), true, null, null,
                Duration.ofSeconds(30)), () -> 0L);
        assertThat(accepted(verifier, valid("alice").withKeyId("any").sign(Algorithm.HMAC256(secret)))).isEqualTo("alice");

        published.set(Keys.jwks(Keys.jwk("k2", NEW.getPublic())));
        assertThat(accepted(verifier, signed("alice", "k2", NEW))).isEqualTo("alice");
        assertThat(fetches).hasValue(2);
    }

    /** A JDK HTTP server on loopback publishing {@code published}, counting requests. */
    private URI serve(AtomicReference<String> published, AtomicInteger fetches) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/.well-known/jwks.json", exchange -> {
            fetches.incrementAndGet();
            byte[] body = published.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json");
    }

    @Test
    void anUnreachableJwksUrlRefusesTokensWithoutWaitingLongerThanItsTimeout() throws IOException {
        // A port that was just free: connection refused at once.
        HttpServer probe = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        int port = probe.getAddress().getPort();
        probe.stop(0);
        TokenVerifier verifier = new TokenVerifier(new AuthConfig(null, null, null, URI.create("http://127.0.0.1:" + port + "/jwks"),
                Duration.ofMinutes(5), true, null, null, Duration.ofSeconds(30)));

        assertThat(refusal(verifier, signed("alice", "k1", OLD))).isEqualTo("the token's key ('kid') is not known here");
    }
}
