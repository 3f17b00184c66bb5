package org.webrtcgateway.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.webrtcgateway.sip.testing.SipUsers.awaitRegistered;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.core.api.BridgeLeg;
import org.webrtcgateway.core.protocol.Gateway;
import org.webrtcgateway.sip.testing.FreePorts;
import org.webrtcgateway.sip.testing.KamailioExtension;
import org.webrtcgateway.sip.testing.SipFarCall;
import org.webrtcgateway.sip.testing.SipFarSide;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.Sdps;
import org.webrtcgateway.testing.TestClient;

/**
 * The SIP bridge's part of {@code /readyz} ({@link Gateway#notReady}, which the frontend serves as is) with the real
 * Kamailio: ready once its accounts registered and the proxy answers OPTIONS, not ready while Kamailio is stopped,
 * ready again when it is back; and the SIP Call-ID of a call as the admin API lists it.
 */
@Tag("sip")
class ReadinessThroughKamailioTest {

    /** Probes every second and retries within 2 s: the test waits for seconds, not for the 30 s default. */
    private static final Duration NOTICED = Duration.ofSeconds(10);

    @RegisterExtension
    static final KamailioExtension kamailio = new KamailioExtension();

    @RegisterExtension
    final SipFarSide phone = new SipFarSide(kamailio, "1002", "pw1002").reaching("alice", "1001");

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension()
            .with("sip.enabled", "true")
            .with("sip.port", String.valueOf(FreePorts.udpAndTcp()))
            // TCP: a stopped Kamailio refuses the connection at once, where UDP would wait out the transaction timer
            .with("sip.transports", "tcp")
            .with("sip.proxy", kamailio.hostPort())
            .with("sip.options-interval", "1s")
            .with("sip.register-retry-min", "500ms")
            .with("sip.register-retry-max", "1s")
            .with("sip.gathering-deadline", "500ms")
            .with("sip.account.alice.aor", "sip:1001@localhost")
            .with("sip.account.alice.password", "pw1001")
            .with("sip.account.bob.aor", "sip:1003@localhost")
            .with("sip.account.bob.password", "wrong-password");

    @Test
    void notReadyWhileAnAccountIsRefusedNamingItAndTheRegistrarsAnswer() {
        await().atMost(NOTICED).until(() -> notReady().stream().anyMatch(p -> p.contains("bob: 401") || p.contains("bob: 403")));

        assertThat(notReady()).anySatisfy(problem -> assertThat(problem)
                .startsWith("sip: 1 of 2 accounts not registered (bob: ")
                .endsWith(" from " + kamailio.hostPort() + ")"));
    }

    @Test
    void notReadyWhileKamailioIsStoppedAndReadyAgainWhenItIsBackWithTheAccountsRegisteredAgain() throws Exception {
        awaitRegistered(gateway, "alice");
        await().atMost(NOTICED).until(() -> notReady().stream().noneMatch(p -> p.contains("OPTIONS")));
        try {
            kamailio.stop();

            await().atMost(NOTICED).until(() -> notReady().stream().anyMatch(p -> p.contains("OPTIONS")));
            assertThat(notReady()).anySatisfy(problem -> assertThat(problem)
                    .startsWith("sip: proxy " + kamailio.hostPort() + " not answering OPTIONS ("));
        } finally {
            kamailio.start();
        }
        await().atMost(NOTICED).until(() -> notReady().stream().noneMatch(p -> p.contains("OPTIONS")));

        // The restarted Kamailio keeps its registrations in memory only: a call reaches alice only if the
        // gateway registered her again when Kamailio answered again, not at the next refresh ten minutes on.
        TestClient alice = gateway.login("alice");
        phone.call("alice", Sdps.ONE_AUDIO_STREAM);
        assertThat(alice.nextOfType("offer").path("from").asText()).isEqualTo(phone.address());
    }

    @Test
    void aCallsLegCarriesItsSipCallIdAndState() {
        awaitRegistered(gateway, "alice");
        TestClient alice = gateway.login("alice");

        String call = alice.requestOk("type", "offer", "to", "sip:1002@localhost", "sdp", SipCallsThroughKamailioTest.OFFER)
                .path("call").asText();

        alice.send("type", "candidate", "call", call, "candidate", null);
        SipFarCall atThePhone = (SipFarCall) phone.nextCall();
        atThePhone.ringing();
        alice.next("ringing");

        assertThat(bridge().legs()).containsExactly(new BridgeLeg("alice", call, atThePhone.sipCallId(), "setting up"));
    }

    private List<String> notReady() {
        return gateway.injector().getInstance(Gateway.class).notReady();
    }

    private SipBridge bridge() {
        return gateway.injector().getInstance(SipBridge.class);
    }
}
