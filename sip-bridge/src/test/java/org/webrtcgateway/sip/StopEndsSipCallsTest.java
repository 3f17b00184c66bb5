package org.webrtcgateway.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.core.Lifecycle;
import org.webrtcgateway.sip.testing.FreePorts;
import org.webrtcgateway.sip.testing.KamailioExtension;
import org.webrtcgateway.sip.testing.SippPhone;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;

/**
 * The gateway's stop (as at SIGTERM) ends what the SIP bridge carries the way SIP expects, through Kamailio
 * to sipp phones, and waits for the answers: BYE for an established call, CANCEL for one still ringing out,
 * 480 for one ringing in, un-REGISTER for every account. The stop says it left nothing undone only when every answer came.
 */
@Tag("sip")
class StopEndsSipCallsTest {

    private static final Duration SIP_WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final KamailioExtension kamailio = new KamailioExtension();

    @RegisterExtension
    final GatewayExtension gateway = kamailio.gatewayWithAliceAs1001()
            .with("shutdown.timeout", "10s")
            .with("sip.gathering-deadline", "2s");

    @Test
    void anEstablishedCallGetsByeAndTheStopWaitsForThePhonesOk() {
        try (SippPhone phone = kamailio.registeredPhone("uas.xml", "1002", "pw1002")) {
            TestClient alice = loggedInAndRegistered();
            String call = offer(alice, "sip:1002@localhost");
            alice.nextAfterOptional("ringing", "answer");

            List<String> undone = stop();

            phone.awaitSuccess(); // it got the BYE and answered 200
            assertThat(phone.messageLog()).contains("BYE sip:");
            assertThat(undone).as("the 200 to the BYE and the un-REGISTER's answer came").isEmpty();
            assertThat(alice.awaitClose().code()).as("going away").isEqualTo(1001);
        }
    }

    @Test
    void aCallStillRingingOutGetsCancel() {
        try (SippPhone phone = kamailio.registeredPhone("uas-cancelled.xml", "1002", "pw1002")) {
            TestClient alice = loggedInAndRegistered();
            offer(alice, "sip:1002@localhost");
            alice.next("ringing");

            List<String> undone = stop();

            phone.awaitSuccess(); // CANCEL answered 200, the INVITE 487, which the gateway ACKed
            assertThat(phone.messageLog()).contains("CANCEL sip:");
            assertThat(undone).isEmpty();
        }
    }

    @Test
    void aCallRingingInThatTheBrowserHasNotAnsweredGets480() {
        TestClient alice = loggedInAndRegistered();
        try (SippPhone phone = SippPhone.start("uac-unavailable.xml", FreePorts.udpAndTcp(), kamailio.hostPort(),
                "-s", "1001", "-key", "caller", "1002", "-au", "1002", "-ap", "pw1002")) {
            alice.next("offer");

            List<String> undone = stop();

            phone.awaitSuccess(); // 480 Temporarily Unavailable, which it ACKed
            assertThat(undone).isEmpty();
        }
    }

    @Test
    void aRegisteredAccountIsUnregisteredSoThePbxNoLongerKnowsWhereItIs() {
        loggedInAndRegistered();

        assertThat(stop()).isEmpty();

        try (SippPhone caller = SippPhone.start("uac-not-registered.xml", FreePorts.udpAndTcp(), kamailio.hostPort(),
                "-s", "1001", "-key", "caller", "1002", "-au", "1002", "-ap", "pw1002")) {
            caller.awaitSuccess(); // Kamailio answers 404: the gateway's Contact for 1001 went with Expires: 0
        }
    }

    private List<String> stop() {
        return gateway.injector().getInstance(Lifecycle.class).stop();
    }

    private TestClient loggedInAndRegistered() {
        TestClient alice = gateway.login("alice");
        await().atMost(SIP_WAIT).until(() -> gateway.injector().getInstance(SipBridge.class).registration("alice")
                .map(r -> r.registered()).orElse(false));
        return alice;
    }

    private static String offer(TestClient browser, String to) {
        String call = browser.requestOk("type", "offer", "to", to, "sdp", SipCallsThroughKamailioTest.OFFER).path("call").asText();
        browser.send("type", "candidate", "call", call, "candidate", null);
        return call;
    }

}
