package org.webrtcgateway.websocket.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.core.access.AccessRefusals;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.LogCapture;
import org.webrtcgateway.testing.RecordingBridge;
import org.webrtcgateway.testing.TestClient;

/**
 * What a user may reach: allow and deny lists of address patterns for calls and messages (deny wins), room creation
 * and its capacity, and the call limit, from the login token's claims or the {@code access.default.*} settings.
 */
class AccessRulesTest {

    private static final String SECRET = "a-test-secret-that-is-long-enough-for-hs512-0123456789abcdef";
    private static final String SDP = "v=0\r\n";

    private final LogCapture log = LogCapture.everything();

    @AfterEach
    void closeLog() {
        log.close();
    }

    private static String token(String subject, Map<String, Object> claims) {
        JWTCreator.Builder builder = JWT.create().withSubject(subject).withExpiresAt(Instant.now().plusSeconds(300));
        claims.forEach((name, value) -> {
            if (value instanceof List<?> list) {
                builder.withClaim(name, list.stream().map(String::valueOf).toList());
            } else if (value instanceof Boolean flag) {
                builder.withClaim(name, flag);
            } else if (value instanceof Integer number) {
                builder.withClaim(name, number);
            } else {
                builder.withClaim(name, String.valueOf(value));
            }
        });
        return builder.sign(Algorithm.HMAC256(SECRET));
    }

    @Nested
    class FromTokenClaims {

        private final RecordingBridge bridges = new RecordingBridge("far", "sip", "sips", "tel", "xmpp");

        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension().with("auth.jwt-secret", SECRET)
                .with("call.max-per-user", "3").with("room.max-capacity", "10").withModule(bridges.module());

        private TestClient login(String name, Map<String, Object> claims) {
            TestClient client = gateway.client();
            client.requestOk("type", "login", "token", token(name, claims));
            return client;
        }

        @Test
        void aCallToAnAllowedSipAddressGoesThroughAndOneOutsideTheAllowListIsForbidden() {
            TestClient alice = login("alice", Map.of("calls_allow", List.of("sip:*@pbx.example.com", "xmpp:*@example.org")));

            alice.requestOk("type", "offer", "to", "sip:1002@pbx.example.com", "sdp", SDP);
            alice.requestOk("type", "offer", "to", "xmpp:bob@example.org", "sdp", SDP);
            JsonNode refused = alice.requestError("forbidden", "type", "offer", "to", "sip:1002@evil.example.net", "sdp", SDP);
            alice.requestError("forbidden", "type", "offer", "to", "xmpp:bob@example.org.evil.net", "sdp", SDP);

            assertThat(refused.path("message").asText()).contains("calls_allow");
            assertThat(bridges.next().to().toString()).isEqualTo("sip:1002@pbx.example.com");
            assertThat(bridges.next().to().toString()).isEqualTo("xmpp:bob@example.org");
        }

        @Test
        void aDeniedNumberIsForbiddenEvenWhenAllowedAndHowEverItIsSpelled() {
            TestClient alice = login("alice", Map.of("calls_allow", List.of("tel:*", "sip:*"),
                    "calls_deny", List.of("tel:+1900*", "sip:+1900*")));

            alice.requestOk("type", "offer", "to", "tel:+15551234", "sdp", SDP);
            JsonNode refused = alice.requestError("forbidden", "type", "offer", "to", "tel:+19005551234", "sdp", SDP);
            alice.requestError("forbidden", "type", "offer", "to", "tel:+1-900-555-1234", "sdp", SDP);
            alice.requestError("forbidden", "type", "offer", "to", "tel:+1(900)5551234", "sdp", SDP);
            alice.requestError("forbidden", "type", "offer", "to", "sip:%2B19005551234@pbx.example.com", "sdp", SDP);

            assertThat(refused.path("message").asText()).contains("calls_deny 'tel:+1900*'");
        }

        @Test
        void browserToBrowserCallsFollowTheSamePatterns() {
            TestClient bob = login("bob", Map.of());
            login("carol", Map.of());
            TestClient alice = login("alice", Map.of("calls_allow", List.of("bob")));

            alice.requestOk("type", "offer", "to", "bob", "sdp", SDP);
            alice.requestError("forbidden", "type", "offer", "to", "carol", "sdp", SDP);

            assertThat(bob.next("offer").path("from").asText()).isEqualTo("alice");
        }

        @Test
        void messagesOutsideTheAllowedPatternsAreForbiddenWhileCallsAreNotLimitedByThem() {
            TestClient bob = login("bob", Map.of());
            login("carol", Map.of());
            TestClient alice = login("alice", Map.of("messages_allow", List.of("*"), "messages_deny", List.of("carol", "sip:*")));

            alice.requestOk("type", "message", "to", "bob", "data", "hi");
            alice.requestError("forbidden", "type", "message", "to", "carol", "data", "hi");
            alice.requestError("forbidden", "type", "message", "to", "sip:1002@pbx.example.com", "data", "hi");
            alice.requestOk("type", "offer", "to", "carol", "sdp", SDP);

            assertThat(bob.next("message").path("data").asText()).isEqualTo("hi");
        }

        @Test
        void aUserWhoseTokenSaysNoRoomsJoinsExistingRoomsButCreatesNone() {
            TestClient bob = login("bob", Map.of());
            bob.requestOk("type", "join", "room", "lobby");
            TestClient alice = login("alice", Map.of("rooms", false));

            alice.requestOk("type", "join", "room", "lobby");
            JsonNode refused = alice.requestError("forbidden", "type", "join", "room", "alices-own");

            assertThat(refused.path("message").asText()).contains("rooms: false");
        }

        @Test
        void aRoomLargerThanTheTokensCapacityIsForbiddenAndOneWithoutACapacityIsCappedToIt() {
            TestClient alice = login("alice", Map.of("room_max_capacity", 3));

            alice.requestError("forbidden", "type", "join", "room", "big", "capacity", 4);
            JsonNode capped = alice.requestOk("type", "join", "room", "small");
            JsonNode exact = alice.requestOk("type", "join", "room", "three", "capacity", 3);

            assertThat(capped.path("capacity").asInt()).isEqualTo(2); // room.default-capacity, under the cap
            assertThat(exact.path("capacity").asInt()).isEqualTo(3);
        }

        @Test
        void theTokensCallLimitHoldsAndCannotRaiseTheGatewaysOwn() {
            TestClient one = login("one", Map.of("max_calls", 1));
            TestClient many = login("many", Map.of("max_calls", 100));

            one.requestOk("type", "offer", "to", "sip:1@pbx.example.com", "sdp", SDP);
            one.requestError("busy", "type", "offer", "to", "sip:2@pbx.example.com", "sdp", SDP);
            for (int i = 0; i < 3; i++) {
                many.requestOk("type", "offer", "to", "sip:" + i + "@pbx.example.com", "sdp", SDP);
            }
            many.requestError("busy", "type", "offer", "to", "sip:9@pbx.example.com", "sdp", SDP);
        }

        @Test
        void aTokenWhoseRulesCannotBeReadIsUnauthorized() {
            gateway.client().requestError("unauthorized", "type", "login", "token", token("alice", Map.of("calls_deny", "tel:+1900*")));
            gateway.client().requestError("unauthorized", "type", "login", "token", token("alice", Map.of("max_calls", "lots")));
            gateway.client().requestError("unauthorized", "type", "login", "token", token("alice", Map.of("rooms", "yes")));
        }

        @Test
        void refusalsAreLoggedOncePerUserAndMinuteWithTheRuleAndCounted() {
            TestClient alice = login("alice", Map.of("calls_deny", List.of("tel:+1900*")));
            TestClient mallory = login("mallory", Map.of("calls_deny", List.of("tel:+1900*")));

            for (int i = 0; i < 5; i++) {
                alice.requestError("forbidden", "type", "offer", "to", "tel:+190000" + i, "sdp", SDP);
            }
            mallory.requestError("forbidden", "type", "offer", "to", "tel:+1900123", "sdp", SDP);

            List<String> warnings = log.all().stream().filter(e -> e.getLevel() == Level.WARN)
                    .map(ILoggingEvent::getFormattedMessage).filter(m -> m.startsWith("access rules refused")).toList();
            assertThat(warnings).containsExactly(
                    "access rules refused a request of alice: a call to tel:+1900000: refused by calls_deny 'tel:+1900*'",
                    "access rules refused a request of mallory: a call to tel:+1900123: refused by calls_deny 'tel:+1900*'");
            double counted = gateway.injector().getInstance(MeterRegistry.class)
                    .get(AccessRefusals.METER).tag("what", "call").counter().count();
            assertThat(counted).isEqualTo(6);
        }
    }

    @Nested
    class FromTheConfiguredDefaults {

        private final RecordingBridge bridges = new RecordingBridge("far", "sip", "sips", "tel");

        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension()
                .with("access.default.call-deny", "tel:+1900*, sip:+1900*")
                .with("access.default.message-allow", "bob")
                .with("access.default.rooms", "false")
                .with("access.default.max-calls", "1")
                .withModule(bridges.module());

        @Test
        void anonymousUsersGetTheDefaults() {
            TestClient bob = gateway.login("bob");
            TestClient alice = gateway.login("alice");

            alice.requestError("forbidden", "type", "offer", "to", "tel:+19005551234", "sdp", SDP);
            alice.requestError("forbidden", "type", "message", "to", "carol", "data", "hi");
            alice.requestOk("type", "message", "to", "bob", "data", "hi");
            alice.requestError("forbidden", "type", "join", "room", "lobby");
            alice.requestOk("type", "offer", "to", "tel:+15551234", "sdp", SDP);
            alice.requestError("busy", "type", "offer", "to", "tel:+15559999", "sdp", SDP);

            assertThat(bob.next("message").path("from").asText()).isEqualTo("alice");
        }
    }

    @Nested
    class WithTokensButNoRuleClaims {

        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension().with("auth.jwt-secret", SECRET)
                .with("access.default.call-allow", "bob");

        @Test
        void aTokenWithoutTheClaimGetsTheDefaultAndOneWithItGetsItsOwn() {
            TestClient bob = gateway.client();
            bob.requestOk("type", "login", "token", token("bob", Map.of()));
            TestClient carol = gateway.client();
            carol.requestOk("type", "login", "token", token("carol", Map.of()));
            TestClient alice = gateway.client();
            alice.requestOk("type", "login", "token", token("alice", Map.of()));
            TestClient dave = gateway.client();
            dave.requestOk("type", "login", "token", token("dave", Map.of("calls_allow", List.of("*"))));

            alice.requestError("forbidden", "type", "offer", "to", "carol", "sdp", SDP);
            alice.requestOk("type", "offer", "to", "bob", "sdp", SDP);
            dave.requestOk("type", "offer", "to", "carol", "sdp", SDP);
        }
    }
}
