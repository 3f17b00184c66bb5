package org.webrtcgateway.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.core.health.HeapPressure;
import org.webrtcgateway.sip.testing.FreePorts;
import org.webrtcgateway.sip.testing.SippPhone;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;

/**
 * A gateway short of memory takes no new SIP calls, so SIP's per-call state cannot grow into an
 * OutOfMemoryError that would end every user's session. The limit is set to 1 % of the heap and the
 * test holds more than that, so the first collection puts the gateway into overload.
 */
@Tag("sip")
class OverloadTest {

    private final int gatewaySipPort = FreePorts.udpAndTcp();

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension()
            .with("bridge.heap-limit-percent", "1")
            .with("sip.enabled", "true")
            .with("sip.port", String.valueOf(gatewaySipPort))
            .with("sip.transports", "udp")
            .with("sip.proxy", "127.0.0.1:" + FreePorts.udpAndTcp())
            .with("sip.account.alice.aor", "sip:1001@localhost")
            .with("sip.account.alice.password", "pw1001")
            .with("sip.account.alice.register", "false")
            .with("sip.incoming.operator.match", "sip:0@.*")
            .with("sip.incoming.operator.user", "alice");

    /** Two percent of the heap, held while the test runs. */
    private byte[] ballast;

    @BeforeEach
    void fillTheHeapPastTheLimit() {
        ballast = new byte[(int) Math.min(Integer.MAX_VALUE - 8, Runtime.getRuntime().maxMemory() / 50)];
        HeapPressure pressure = gateway.injector().getInstance(HeapPressure.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            System.gc();
            return pressure.isHigh();
        });
        assertThat(ballast).isNotEmpty();
    }

    @Test
    void anInviteGets503WithRetryAfterAndTheUserNoOffer() {
        TestClient alice = gateway.login("alice");
        try (SippPhone phone = SippPhone.start("uac-overloaded.xml", FreePorts.udpAndTcp(), "127.0.0.1:" + gatewaySipPort,
                "-s", "0", "-key", "caller", "1002")) {
            phone.awaitSuccess();
            assertThat(phone.messageLog()).contains("SIP/2.0 503").containsPattern("Retry-After: *5");
        }
        alice.expectNothing(Duration.ofMillis(500)); // no offer reached the user
    }

    @Test
    void aBrowsersNewCallToSipIsRefusedAtOnceInsteadOfAcceptedAndEnded() {
        TestClient alice = gateway.login("alice");

        JsonNode error = alice.requestError("unreachable", "type", "offer", "to", "sip:1002@localhost", "sdp",
                SipCallsThroughKamailioTest.OFFER);

        assertThat(error.path("message").asText()).contains("memory");
        alice.expectNothing(Duration.ofMillis(300)); // no bye for a call that never began
        assertThat(gateway.injector().getInstance(SipBridge.class).activeCalls()).isZero();
    }
}
