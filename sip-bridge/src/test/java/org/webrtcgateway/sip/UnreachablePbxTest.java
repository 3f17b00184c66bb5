package org.webrtcgateway.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.sip.testing.FreePorts;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;

/** A PBX that is not there: calls end with {@code bye} and a reason in bounded time, registration keeps retrying. */
@Tag("sip")
class UnreachablePbxTest {

    /** Nothing listens here: UDP datagrams vanish, TCP connections are refused. */
    private static final String NOBODY = "127.0.0.1:" + FreePorts.udpAndTcp();

    private static GatewayExtension gatewayVia(String transport) {
        return new GatewayExtension()
                .with("sip.enabled", "true")
                .with("sip.port", String.valueOf(FreePorts.udpAndTcp()))
                .with("sip.transports", transport)
                .with("sip.proxy", NOBODY)
                .with("sip.invite-timeout", "2s")
                .with("sip.gathering-deadline", "500ms")
                .with("sip.register-retry-min", "1s")
                .with("sip.account.alice.aor", "sip:1001@localhost")
                .with("sip.account.alice.password", "pw1001");
    }

    @Nested
    class OverUdp {
        @RegisterExtension
        final GatewayExtension gateway = gatewayVia("udp");

        @Test
        void callWithNoResponseEndsWithByeUnreachableWithinTheInviteTimeout() {
            TestClient alice = gateway.login("alice");
            long started = System.nanoTime();

            String call = alice.requestOk("type", "offer", "to", "sip:1002@localhost", "sdp",
                    SipCallsThroughKamailioTest.OFFER).path("call").asText();

            JsonNode bye = alice.next("bye");
            assertThat(bye.path("call").asText()).isEqualTo(call);
            assertThat(bye.path("reason").asText()).isEqualTo("unreachable");
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("gathering deadline 500ms + invite timeout 2s").isLessThan(Duration.ofSeconds(4));
            await().atMost(Duration.ofSeconds(5)).until(() -> bridge(gateway).activeCalls() == 0);
        }
    }

    @Nested
    class OverTcp {
        @RegisterExtension
        final GatewayExtension gateway = gatewayVia("tcp");

        @Test
        void refusedConnectionEndsTheCallWithByeUnreachableAtOnce() {
            TestClient alice = gateway.login("alice");

            String call = alice.requestOk("type", "offer", "to", "sip:1002@localhost", "sdp",
                    SipCallsThroughKamailioTest.OFFER).path("call").asText();
            alice.send("type", "candidate", "call", call, "candidate", null);

            JsonNode bye = alice.next("bye");
            assertThat(bye.path("reason").asText()).isEqualTo("unreachable");
        }

        @Test
        void registrationIsRetriedWithBackoffWhileThePbxRefusesConnections() {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> bridge(gateway).registration("alice").orElseThrow().attempts() >= 3);

            assertThat(bridge(gateway).registration("alice").orElseThrow().registered()).isFalse();
        }
    }

    private static SipBridge bridge(GatewayExtension gateway) {
        return gateway.injector().getInstance(SipBridge.class);
    }
}
