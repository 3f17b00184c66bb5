package org.webrtcgateway.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.webrtcgateway.core.Lifecycle;
import org.webrtcgateway.sip.testing.FreePorts;
import org.webrtcgateway.sip.testing.SippPhone;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.LingeringThreads;
import org.webrtcgateway.testing.TestClient;

/**
 * {@code shutdown.timeout}, or a second signal, bounds the stop even when a SIP peer never answers the BYE: a sipp
 * phone, the gateway's only proxy, answers the call, takes the BYE without answering and exits, so the BYE's
 * retransmissions meet a closed loopback port and its transaction would wait 32 s (RFC 3261 Timer F).
 */
@Tag("sip")
class StopWithUnansweredByeTest {

    /** Room for the JVM and the frontend's last writes: this bounds a bounded wait, it measures nothing. */
    private static final Duration MARGIN = Duration.ofSeconds(2);

    private final int phonePort = FreePorts.udpAndTcp();

    @Test
    void aPeerThatNeverAnswersTheByeDoesNotHoldTheStopPastShutdownTimeout() throws Exception {
        LingeringThreads threads = LingeringThreads.snapshot();
        GatewayExtension gateway = gatewayWithTimeout("2s"); // 1 s of waiting, 1 s for JAIN-SIP's own stop
        gateway.start();
        try (SippPhone phone = SippPhone.start("uas-bye-unanswered.xml", phonePort, null)) {
            establishedCall(gateway);

            long began = System.nanoTime();
            List<String> undone = gateway.injector().getInstance(Lifecycle.class).stop();
            Duration took = Duration.ofNanos(System.nanoTime() - began);

            phone.awaitSuccess(); // the phone got the BYE, and left it unanswered
            assertThat(took).as("stop bounded by shutdown.timeout").isLessThan(Duration.ofSeconds(2).plus(MARGIN));
            assertThat(undone).as("what the stop says it left").containsExactly("sip: 1 BYE unanswered");
        } finally {
            gateway.stop();
        }
        assertThat(threads.after(MARGIN)).as("non-daemon threads left running after the stop").isEmpty();
    }

    @Test
    void hurryingTheStopEndsItsWaitForTheUnansweredBye() throws Exception {
        GatewayExtension gateway = gatewayWithTimeout("60s");
        gateway.start();
        try (SippPhone phone = SippPhone.start("uas-bye-unanswered.xml", phonePort, null)) {
            establishedCall(gateway);
            Lifecycle lifecycle = gateway.injector().getInstance(Lifecycle.class);

            CompletableFuture<List<String>> stopped = CompletableFuture.supplyAsync(lifecycle::stop);
            phone.awaitSuccess(); // the BYE went out: the stop now waits for its answer, which never comes
            lifecycle.hurry();    // what a second SIGTERM does

            assertThat(stopped.get(MARGIN.toMillis(), TimeUnit.MILLISECONDS))
                    .containsExactly("sip: 1 BYE unanswered");
        } finally {
            gateway.stop();
        }
    }

    private GatewayExtension gatewayWithTimeout(String timeout) {
        return new GatewayExtension()
                .with("shutdown.timeout", timeout)
                .with("sip.enabled", "true")
                .with("sip.port", String.valueOf(FreePorts.udpAndTcp()))
                .with("sip.transports", "udp")
                .with("sip.proxy", "127.0.0.1:" + phonePort)
                // the "proxy" is a sipp scenario that answers only what it scripts: no OPTIONS probe
                .with("sip.options-interval", "0")
                .with("sip.gathering-deadline", "500ms")
                .with("sip.account.alice.aor", "sip:1001@localhost")
                .with("sip.account.alice.register", "false");
    }

    private static void establishedCall(GatewayExtension gateway) {
        TestClient alice = gateway.login("alice");
        String call = alice.requestOk("type", "offer", "to", "sip:1002@localhost", "sdp", SipCallsThroughKamailioTest.OFFER)
                .path("call").asText();
        alice.send("type", "candidate", "call", call, "candidate", null);
        alice.nextAfterOptional("ringing", "answer");
    }
}
