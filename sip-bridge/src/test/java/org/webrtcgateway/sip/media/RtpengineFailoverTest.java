package org.webrtcgateway.sip.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.webrtcgateway.sip.media.MediaRelayThroughKamailioTest.WEBRTC_OFFER;
import static org.webrtcgateway.sip.testing.SipUsers.loggedInAndRegistered;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.sip.SipBridge;
import org.webrtcgateway.sip.testing.BrowserCalls;
import org.webrtcgateway.sip.testing.KamailioExtension;
import org.webrtcgateway.sip.testing.RtpengineExtension;
import org.webrtcgateway.sip.testing.SippPhone;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;
import org.webrtcgateway.testing.metrics.MetricsSinks;

/**
 * Two rtpengine instances, the first preferred: when it dies, new calls go to the second; when both are gone, a
 * plain-RTP call ends at once with bye reason {@code media-relay-unreachable}, and readiness and the metrics say
 * why. The tests run in order: each stops one more instance.
 */
@Tag("sip")
@Tag("rtpengine")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RtpengineFailoverTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final KamailioExtension kamailio = new KamailioExtension();

    @RegisterExtension
    static final RtpengineExtension first = new RtpengineExtension();

    @RegisterExtension
    static final RtpengineExtension second = new RtpengineExtension();

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    @RegisterExtension
    final GatewayExtension gateway = kamailio.gatewayWithAliceAs1001()
            .with("sip.account.alice.media", "rtp")
            .with("sip.rtpengine.ng", "127.0.0.1:" + first.ng().getPort() + ",127.0.0.1:" + second.ng().getPort())
            .with("sip.rtpengine.timeout", "300ms")
            .with("sip.rtpengine.check-interval", "200ms")
            .withModule(MetricsSinks.into(metrics));

    @Test
    @Order(1)
    void whileTheFirstRtpengineIsUpItCarriesTheCallsAndWhenItDiesNewCallsGoToTheSecond() throws Exception {
        TestClient alice = loggedInAndRegistered(gateway, "alice");
        answeredAndHungUp(alice);
        assertThat(first.log()).as("the preferred instance took the first call").contains("offer");

        first.stop();
        try (SippPhone phone = kamailio.registeredPhone("uas.xml", "1002", "pw1002")) {
            String call = offer(alice);
            alice.nextAfterOptional("ringing", "answer");
            assertThat(second.calls()).as("the second instance carries the new call").hasSize(1);
            alice.requestOk("type", "bye", "call", call);
            phone.awaitSuccess();
            await().atMost(WAIT).until(() -> second.calls().isEmpty());
        }
        await("the first instance counts as down").atMost(WAIT)
                .until(() -> registry().get("gateway.sip.media.relays").tag("state", "down").gauge().value(), v -> v == 1.0);
        assertThat(bridge().health().ready()).as("one instance up is enough").isTrue();
    }

    @Test
    @Order(2)
    void withNoRtpengineAnsweringAPlainRtpCallEndsWithMediaRelayUnreachableAndReadinessSaysWhy() throws Exception {
        first.stop();
        second.stop();
        TestClient alice = loggedInAndRegistered(gateway, "alice");

        String call = offer(alice);
        var bye = alice.next("bye");
        assertThat(bye.path("call").asText()).isEqualTo(call);
        assertThat(bye.path("reason").asText()).isEqualTo("media-relay-unreachable");

        await("readiness names the relays").atMost(WAIT).until(() -> !bridge().health().ready());
        assertThat(bridge().health().problems()).anyMatch(p -> p.startsWith("no media relay answers")
                && p.contains(":" + second.ng().getPort()));
        assertThat(registry().get("gateway.sip.media.relays").tag("state", "up").gauge().value()).isZero();
    }

    private void answeredAndHungUp(TestClient alice) {
        try (SippPhone phone = kamailio.registeredPhone("uas.xml", "1002", "pw1002")) {
            String call = offer(alice);
            alice.nextAfterOptional("ringing", "answer");
            assertThat(first.calls()).hasSize(1);
            assertThat(second.calls()).isEmpty();
            alice.requestOk("type", "bye", "call", call);
            phone.awaitSuccess();
        }
    }

    private static String offer(TestClient alice) {
        String call = alice.requestOk("type", "offer", "to", "sip:1002@localhost", "sdp", WEBRTC_OFFER).path("call").asText();
        alice.send("type", "candidate", "call", call, "candidate",
                BrowserCalls.candidate(MediaRelayThroughKamailioTest.CANDIDATE));
        alice.send("type", "candidate", "call", call, "candidate", null);
        return call;
    }

    private MeterRegistry registry() {
        return metrics;
    }

    private SipBridge bridge() {
        return gateway.injector().getInstance(SipBridge.class);
    }

}
