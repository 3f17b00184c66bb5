package org.webrtcgateway.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.sip.testing.FreePorts;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.LogCapture;
import org.webrtcgateway.testing.TestClient;

import ch.qos.logback.classic.Level;

/**
 * A PBX that refuses connections, while registration retries every second or two and calls fail: the
 * journal gets one line for the condition (which account, where, what happened, when the next attempt
 * is), no stack trace and no SIP message text, however many attempts fail.
 */
@Tag("sip")
class UnreachablePbxLogTest {

    /** Nothing listens here: TCP connections are refused at once. */
    private static final int NOBODY = FreePorts.udpAndTcp();

    private final LogCapture log = LogCapture.everything();

    private static GatewayExtension gatewayRegistering(boolean register) {
        return new GatewayExtension()
                .with("sip.enabled", "true")
                .with("sip.port", String.valueOf(FreePorts.udpAndTcp()))
                .with("sip.transports", "tcp")
                .with("sip.proxy", "127.0.0.1:" + NOBODY)
                .with("sip.register-retry-min", "1s")
                .with("sip.register-retry-max", "1s")
                .with("sip.gathering-deadline", "200ms")
                .with("sip.account.alice.aor", "sip:1001@localhost")
                .with("sip.account.alice.password", "pw1001")
                .with("sip.account.alice.register", String.valueOf(register));
    }

    @AfterEach
    void stopCapturing() {
        log.close();
    }

    @Nested
    class Registering {
        @RegisterExtension
        final GatewayExtension gateway = gatewayRegistering(true);

        @Test
        void registrationRetriesAgainstARefusingPbxWriteOneLineWithoutStackTraceOrSipMessage() {
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> gateway.injector().getInstance(SipBridge.class).registration("alice").orElseThrow().attempts() >= 4);
            gateway.stop();

            assertThat(LogCapture.lines(log.withStackTrace(Level.WARN))).as("lines with a stack trace").isEmpty();
            assertThat(LogCapture.lines(log.atLeast(Level.WARN))).as("warnings")
                    .noneMatch(line -> line.contains("SIP/2.0") || line.contains("CSeq"))
                    .singleElement().asString()
                    .contains("sip:1001@localhost not registered at 127.0.0.1:" + NOBODY, "next attempt in 1 s");
        }
    }

    @Nested
    class Calling {
        @RegisterExtension
        final GatewayExtension gateway = gatewayRegistering(false);

        @Test
        void callsToARefusingPbxEndUnreachableWithoutAWarningEach() {
            TestClient alice = gateway.login("alice");
            for (int i = 0; i < 5; i++) {
                alice.requestOk("type", "offer", "to", "sip:1002@localhost", "sdp", SipCallsThroughKamailioTest.OFFER);
                assertThat(alice.next("bye").path("reason").asText()).isEqualTo("unreachable");
            }
            gateway.stop();

            assertThat(LogCapture.lines(log.atLeast(Level.WARN))).as("warnings").isEmpty();
        }
    }
}
