package org.webrtcgateway.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.webrtcgateway.sip.testing.BrowserCalls.answeredCall;
import static org.webrtcgateway.sip.testing.BrowserCalls.offerWithAllCandidates;
import static org.awaitility.Awaitility.await;
import static org.webrtcgateway.sip.SipCallsThroughKamailioTest.OFFER;
import static org.webrtcgateway.sip.SipCallsThroughKamailioTest.SIP_WAIT;
import static org.webrtcgateway.sip.testing.SipUsers.loggedInAndRegistered;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.sip.testing.FreePorts;
import org.webrtcgateway.sip.testing.KamailioExtension;
import org.webrtcgateway.sip.testing.SippPhone;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;

/**
 * Blind transfer through Kamailio (RFC 3515 REFER, RFC 3892 Referred-By, RFC 3420 sipfrag NOTIFYs), both ways: the
 * browser's {@code transfer} of a call with a sipp phone, and a sipp phone's REFER reaching the browser. alice is
 * account 1001; the phone is 1002; a second phone registers as bob, the target of the phones' REFERs.
 */
@Tag("sip")
@Tag("rfc3515")
class SipTransferThroughKamailioTest {

    /** Short, so that the tests of what happens when it passes take seconds. */
    private static final Duration TRANSFER_TIMEOUT = Duration.ofSeconds(3);

    @RegisterExtension
    static final KamailioExtension kamailio = new KamailioExtension();

    private final int gatewaySipPort = FreePorts.udpAndTcp();

    @RegisterExtension
    final GatewayExtension gateway = kamailio.gatewayWithAliceAs1001(gatewaySipPort)
            .with("sip.gathering-deadline", "2s")
            .with("sip.transfer-timeout", TRANSFER_TIMEOUT.toSeconds() + "s")
            .with("sip.dial-plan.extension.match", "tel:(\\d{4});phone-context=.*")
            .with("sip.dial-plan.extension.to", "sip:$1@localhost");

    // ------------------------------------------------------------------ the browser transfers a SIP call

    @Test
    void aBrowsersTransferIsAReferWhoseSuccessfulNotifyAnswersOkAndEndsTheCallAsTransferred() {
        try (SippPhone phone = kamailio.registeredPhone("uas-refer-accepted.xml", "1002", "pw1002")) {
            TestClient alice = loggedInAndRegistered(gateway, "alice");
            String call = answeredCall(alice, "sip:1002@localhost", OFFER);

            alice.requestOk("type", "transfer", "call", call, "to", "tel:1003;phone-context=office");

            JsonNode bye = alice.next("bye");
            assertThat(bye.path("call").asText()).isEqualTo(call);
            assertThat(bye.path("reason").asText()).isEqualTo("transferred");
            phone.awaitSuccess();
            assertThat(phone.messageLog()).as("the dial plan's URI, and who asked for it")
                    .contains("REFER sip:").contains("Refer-To: <sip:1003@localhost>").contains("Referred-By: <sip:1001@localhost>")
                    .contains("BYE sip:");
            await().atMost(SIP_WAIT).until(() -> bridge().activeCalls() == 0);
        }
    }

    @Test
    void aReferTheFarEndRefusesIsAForbiddenErrorAndTheCallGoesOn() {
        try (SippPhone phone = kamailio.registeredPhone("uas-refer-refused.xml", "1002", "pw1002")) {
            TestClient alice = loggedInAndRegistered(gateway, "alice");
            String call = answeredCall(alice, "sip:1002@localhost", OFFER);

            JsonNode error = alice.requestError("forbidden", "type", "transfer", "call", call, "to", "sip:1003@localhost");

            assertThat(error.path("message").asText()).contains("403");
            assertThat(bridge().legs()).as("the call goes on").hasSize(1);
            alice.requestOk("type", "bye", "call", call);
            phone.awaitSuccess();
            assertThat(phone.messageLog()).contains("BYE sip:");
        }
    }

    @Test
    void aNewCallThatFailsIsAnUnreachableErrorNamingItsStatusAndTheCallGoesOn() {
        try (SippPhone phone = kamailio.registeredPhone("uas-refer-failed.xml", "1002", "pw1002")) {
            TestClient alice = loggedInAndRegistered(gateway, "alice");
            String call = answeredCall(alice, "sip:1002@localhost", OFFER);

            JsonNode error = alice.requestError("unreachable", "type", "transfer", "call", call, "to", "sip:1003@localhost");

            assertThat(error.path("message").asText()).contains("486");
            alice.requestOk("type", "bye", "call", call);
            phone.awaitSuccess();
            assertThat(phone.messageLog()).contains("BYE sip:");
        }
    }

    @Test
    void aTransferWhoseOutcomeIsNeverReportedFailsAfterTheTimeoutAndTheCallGoesOn() {
        try (SippPhone phone = kamailio.registeredPhone("uas-refer-silent.xml", "1002", "pw1002")) {
            TestClient alice = loggedInAndRegistered(gateway, "alice");
            String call = answeredCall(alice, "sip:1002@localhost", OFFER);

            long asked = System.nanoTime();
            JsonNode error = alice.requestError("unreachable", "type", "transfer", "call", call, "to", "sip:1003@localhost");

            assertThat(Duration.ofNanos(System.nanoTime() - asked)).isGreaterThanOrEqualTo(TRANSFER_TIMEOUT.minusMillis(100));
            assertThat(error.path("message").asText()).contains("sip.transfer-timeout");
            alice.requestOk("type", "bye", "call", call);
            phone.awaitSuccess();
        }
    }

    /** RFC 5589 lets the transferee end the old call itself: after it took the REFER, that is the transfer going on. */
    @Test
    void aFarEndThatHangsUpAfterTakingTheReferEndsTheCallAsTransferred() {
        try (SippPhone phone = kamailio.registeredPhone("uas-refer-then-bye.xml", "1002", "pw1002")) {
            TestClient alice = loggedInAndRegistered(gateway, "alice");
            String call = answeredCall(alice, "sip:1002@localhost", OFFER);

            alice.requestOk("type", "transfer", "call", call, "to", "sip:1003@localhost");

            JsonNode bye = alice.next("bye");
            assertThat(bye.path("call").asText()).isEqualTo(call);
            assertThat(bye.path("reason").asText()).isEqualTo("transferred");
            phone.awaitSuccess();
            await().atMost(SIP_WAIT).until(() -> bridge().activeCalls() == 0);
        }
    }

    @Test
    void aCallNotYetAnsweredCannotBeTransferred() {
        try (SippPhone phone = kamailio.registeredPhone("uas-cancelled.xml", "1002", "pw1002")) {
            TestClient alice = loggedInAndRegistered(gateway, "alice");
            String call = offerWithAllCandidates(alice, "sip:1002@localhost", OFFER);
            alice.next("ringing");

            JsonNode error = alice.requestError("bad-message", "type", "transfer", "call", call, "to", "sip:1003@localhost");

            assertThat(error.path("message").asText()).contains("not answered");
            alice.requestOk("type", "bye", "call", call);
            phone.awaitSuccess();
            assertThat(phone.messageLog()).doesNotContain("REFER");
        }
    }

    // ------------------------------------------------------------------ SIP transfers the browser

    /**
     * As gateway.js does it: the browser calls the target, then ends the old call; the referrer still hears how the
     * new call went (RFC 5057: the subscription outlives the BYE).
     */
    @Test
    void aReferFromSipReachesTheBrowserWhoseCallToTheTargetCarriesReferredByAndIsReportedToTheReferrer() {
        try (SippPhone target = kamailio.registeredPhone("uas.xml", "bob", "bobpw");
             SippPhone referrer = kamailio.registeredPhone("uas-refers.xml", "1002", "pw1002")) {
            TestClient alice = loggedInAndRegistered(gateway, "alice");
            String call = answeredCall(alice, "sip:1002@localhost", OFFER);

            JsonNode transfer = alice.next("transfer");
            assertThat(transfer.path("call").asText()).isEqualTo(call);
            assertThat(transfer.path("from").asText()).isEqualTo("sip:1002@localhost");
            assertThat(transfer.path("to").asText()).isEqualTo("sip:bob@localhost");

            String newCall = offerWithAllCandidates(alice, transfer.path("to").asText(), OFFER);
            alice.requestOk("type", "bye", "call", call, "reason", "transferred");
            assertThat(alice.nextAfterOptional("ringing", "answer").path("call").asText()).isEqualTo(newCall);

            referrer.awaitSuccess();
            assertThat(referrer.messageLog()).contains("SIP/2.0 202").contains("Event: refer")
                    .contains("SIP/2.0 100 Trying").contains("SIP/2.0 200 OK").contains("Subscription-State: terminated");
            alice.requestOk("type", "bye", "call", newCall);
            target.awaitSuccess();
            assertThat(target.messageLog()).contains("Referred-By: <sip:1002@localhost>");
        }
    }

    @Test
    void aReferTheBrowserDoesNotFollowIsReportedDeclinedWhenTheTimeoutPasses() {
        try (SippPhone referrer = kamailio.registeredPhone("uas-refers-unanswered.xml", "1002", "pw1002")) {
            TestClient alice = loggedInAndRegistered(gateway, "alice");
            String call = answeredCall(alice, "sip:1002@localhost", OFFER);
            assertThat(alice.next("transfer").path("to").asText()).isEqualTo("sip:bob@localhost");

            await("the NOTIFY with 603").atMost(TRANSFER_TIMEOUT.plus(SIP_WAIT))
                    .until(() -> referrer.messageLog().contains("SIP/2.0 603"));
            alice.requestOk("type", "bye", "call", call);
            referrer.awaitSuccess();
        }
    }

    @Test
    void anAttendedTransferIsRefusedWith501AndNotDelivered() {
        try (SippPhone referrer = kamailio.registeredPhone("uas-refers-replaces.xml", "1002", "pw1002")) {
            TestClient alice = loggedInAndRegistered(gateway, "alice");
            String call = answeredCall(alice, "sip:1002@localhost", OFFER);

            await("the 501").atMost(SIP_WAIT).until(() -> referrer.messageLog().contains("SIP/2.0 501"));
            // the reply to this bye is the next message: a transfer delivered before it would fail the request
            alice.requestOk("type", "bye", "call", call);
            referrer.awaitSuccess();
        }
    }

    @Test
    void aReferOutsideAnyDialogIsRefusedAndNotDelivered() {
        TestClient alice = loggedInAndRegistered(gateway, "alice");
        try (SippPhone phone = SippPhone.start("refer-out-of-dialog.xml", FreePorts.udpAndTcp(), "127.0.0.1:" + gatewaySipPort)) {
            phone.awaitSuccess();
        }
        alice.expectNothing(Duration.ofMillis(300));
    }

    // ------------------------------------------------------------------ helpers

    private SipBridge bridge() {
        return gateway.injector().getInstance(SipBridge.class);
    }

}
