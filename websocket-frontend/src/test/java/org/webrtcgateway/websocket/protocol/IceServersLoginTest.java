package org.webrtcgateway.websocket.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;

/**
 * PROTOCOL.md, {@code login}: "Reply ok with ... iceServers (RTCIceServer list, TURN credentials included when
 * configured)". With a TURN shared secret the credentials are the TURN REST API ones coturn checks.
 */
class IceServersLoginTest {

    private static final String SECRET = "turn-shared-secret";

    @Nested
    class WithATurnSecret {

        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension()
                .with("ice.stun-urls", "stun:stun.example.org:3478")
                .with("ice.turn-urls", "turn:turn.example.org:3478?transport=udp, turns:turn.example.org:5349")
                .with("ice.turn-secret", SECRET)
                .with("ice.turn-ttl", "1h");

        @Test
        void stunServersComeWithoutCredentials() {
            JsonNode stun = gateway.client().login("alice").path("iceServers").get(0);

            assertThat(strings(stun.path("urls"))).containsExactly("stun:stun.example.org:3478");
            assertThat(stun.has("username")).isFalse();
            assertThat(stun.has("credential")).isFalse();
        }

        @Test
        void turnCredentialsAreExpiryColonNameSignedWithHmacSha1OfTheSecret() throws Exception {
            long before = Instant.now().getEpochSecond();
            JsonNode turn = gateway.client().login("alice").path("iceServers").get(1);
            long after = Instant.now().getEpochSecond();

            assertThat(strings(turn.path("urls")))
                    .containsExactly("turn:turn.example.org:3478?transport=udp", "turns:turn.example.org:5349");
            String username = turn.path("username").asText();
            assertThat(username).matches("[0-9]+:alice");
            long expiry = Long.parseLong(username.substring(0, username.indexOf(':')));
            assertThat(expiry).isBetween(before + 3600, after + 3600);
            assertThat(turn.path("credential").asText()).isEqualTo(hmacSha1Base64(SECRET, username));
        }

        @Test
        void everyUserGetsItsOwnTurnCredentials() throws Exception {
            JsonNode alice = gateway.client().login("alice").path("iceServers").get(1);
            JsonNode bob = gateway.client().login("bob").path("iceServers").get(1);

            assertThat(bob.path("username").asText()).endsWith(":bob");
            assertThat(bob.path("credential").asText()).isNotEqualTo(alice.path("credential").asText());
            assertThat(bob.path("credential").asText()).isEqualTo(hmacSha1Base64(SECRET, bob.path("username").asText()));
        }
    }

    @Nested
    class WithAShortTtl {

        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension()
                .with("ice.stun-urls", "stun:stun.example.org:3478")
                .with("ice.turn-urls", "turn:turn.example.org:3478")
                .with("ice.turn-secret", SECRET)
                .with("ice.turn-ttl", "2s");

        @Test
        void aSessionGetsCredentialsMintedAnewWhenHalfTheTtlHasPassed() throws Exception {
            TestClient alice = gateway.client();
            String atLogin = alice.login("alice").path("iceServers").get(1).path("username").asText();

            JsonNode fresh = alice.nextOfType("ice-servers").path("iceServers");

            assertThat(strings(fresh.get(0).path("urls"))).containsExactly("stun:stun.example.org:3478");
            JsonNode turn = fresh.get(1);
            assertThat(strings(turn.path("urls"))).containsExactly("turn:turn.example.org:3478");
            String username = turn.path("username").asText();
            assertThat(username).matches("[0-9]+:alice");
            // Minted a second (half the ttl) after the login's, so valid a second longer.
            assertThat(expiry(username)).isGreaterThan(expiry(atLogin));
            assertThat(turn.path("credential").asText()).isEqualTo(hmacSha1Base64(SECRET, username));
        }

        @Test
        void aResumeCarriesCredentialsMintedAtTheResume() throws Exception {
            TestClient alice = gateway.client();
            JsonNode login = alice.login("alice");
            String atLogin = login.path("iceServers").get(1).path("username").asText();
            alice.nextOfType("ice-servers"); // a second later: what the resume mints now expires later than the login's
            alice.drop();

            JsonNode resumed = gateway.client().requestOk("type", "login", "resume", login.path("session").asText());

            String username = resumed.path("iceServers").get(1).path("username").asText();
            assertThat(resumed.path("resumed").asBoolean()).isTrue();
            assertThat(expiry(username)).isGreaterThan(expiry(atLogin));
            assertThat(resumed.path("iceServers").get(1).path("credential").asText()).isEqualTo(hmacSha1Base64(SECRET, username));
        }

        private static long expiry(String username) {
            return Long.parseLong(username.substring(0, username.indexOf(':')));
        }
    }

    @Nested
    class WithFixedTurnCredentials {

        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension()
                .with("ice.turn-urls", "turn:turn.example.org:3478")
                .with("ice.turn-username", "shared")
                .with("ice.turn-password", "p4ss");

        @Test
        void everyUserGetsTheConfiguredUsernameAndPassword() {
            JsonNode turn = gateway.client().login("alice").path("iceServers").get(0);

            assertThat(strings(turn.path("urls"))).containsExactly("turn:turn.example.org:3478");
            assertThat(turn.path("username").asText()).isEqualTo("shared");
            assertThat(turn.path("credential").asText()).isEqualTo("p4ss");
        }
    }

    @Nested
    class WithNoIceConfiguration {

        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension();

        @Test
        void iceServersIsAnEmptyList() {
            JsonNode iceServers = gateway.client().login("alice").path("iceServers");

            assertThat(iceServers.isArray()).isTrue();
            assertThat(iceServers).isEmpty();
        }
    }

    /** Computed here with javax.crypto, not with the gateway's code. */
    private static String hmacSha1Base64(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
