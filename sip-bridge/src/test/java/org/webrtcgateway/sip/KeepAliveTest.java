package org.webrtcgateway.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.webrtcgateway.sip.testing.SipUsers.awaitRegistered;

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

/** Session keep-alive: an in-dialog OPTIONS the far end no longer knows (481) ends the call on both sides. */
@Tag("sip")
class KeepAliveTest {

    @RegisterExtension
    static final KamailioExtension kamailio = new KamailioExtension();

    @RegisterExtension
    final GatewayExtension gateway = kamailio.gatewayWithAliceAs1001().with("sip.keepalive-interval", "1s");

    @Test
    void aDialogTheFarEndForgotEndsTheBrowsersCallWithByeTimeout() {
        int port = FreePorts.udpAndTcp();
        try (SippPhone phone = SippPhone.start("uas-keepalive-481.xml", port, null);
             SippPhone register = SippPhone.start("register.xml", FreePorts.udpAndTcp(), kamailio.hostPort(),
                     "-s", "1002", "-key", "contact_port", String.valueOf(port), "-au", "1002", "-ap", "pw1002")) {
            register.awaitSuccess();
            TestClient alice = gateway.login("alice");
            awaitRegistered(gateway, "alice");
            String call = alice.requestOk("type", "offer", "to", "sip:1002@localhost", "sdp",
                    SipCallsThroughKamailioTest.OFFER).path("call").asText();
            alice.send("type", "candidate", "call", call, "candidate", null);
            alice.nextAfterOptional("ringing", "answer");

            JsonNode bye = alice.next("bye");
            assertThat(bye.path("call").asText()).isEqualTo(call);
            assertThat(bye.path("reason").asText()).isEqualTo("timeout");
            phone.awaitSuccess();
            assertThat(phone.messageLog()).contains("OPTIONS sip:");
            await().atMost(Duration.ofSeconds(5)).until(() -> bridge().activeCalls() == 0);
        }
    }

    private SipBridge bridge() {
        return gateway.injector().getInstance(SipBridge.class);
    }
}
