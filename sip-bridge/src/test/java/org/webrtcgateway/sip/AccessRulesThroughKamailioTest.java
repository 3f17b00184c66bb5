package org.webrtcgateway.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.webrtcgateway.sip.testing.SipUsers.awaitRegistered;

import java.time.Duration;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.sip.testing.KamailioExtension;
import org.webrtcgateway.sip.testing.SippPhone;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;

/**
 * What a browser may reach through the PBX, against Kamailio and a sipp phone: the access rules let one call through
 * and refuse others with {@code forbidden}; a To that would choose the route, transport or a header, or carry control
 * characters, and a message text with a NUL, are refused with {@code bad-message}; none of them reaches the phone.
 * alice is account 1001; the sipp phone is 1002.
 */
@Tag("sip")
class AccessRulesThroughKamailioTest {

    private static final Duration SIP_WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final KamailioExtension kamailio = new KamailioExtension();

    @RegisterExtension
    final GatewayExtension gateway = kamailio.gatewayWithAliceAs1001()
            .with("sip.gathering-deadline", "2s")
            .with("access.default.call-allow", "sip:*, tel:*")
            .with("access.default.call-deny", "tel:+1900*, sip:1003@*");

    @Test
    void anAllowedCallReachesThePhoneAndRefusedOnesDoNot() {
        try (SippPhone phone = kamailio.registeredPhone("uas.xml", "1002", "pw1002")) {
            TestClient alice = gateway.login("alice");
            awaitRegistered(gateway, "alice");

            alice.requestError("forbidden", "type", "offer", "to", "xmpp:bob@example.org", "sdp", SipCallsThroughKamailioTest.OFFER);
            alice.requestError("forbidden", "type", "offer", "to", "sip:1003@localhost", "sdp", SipCallsThroughKamailioTest.OFFER);
            alice.requestError("forbidden", "type", "offer", "to", "tel:+1-900-555-0100", "sdp", SipCallsThroughKamailioTest.OFFER);
            for (String routed : new String[] {"sip:1002@localhost;maddr=127.0.0.1", "sip:1002@localhost;transport=tcp",
                    "sip:1002@localhost?Route=%3Csip:127.0.0.1%3E", "sip:1002@localhost:99999", "sip:1002\r\nX-Evil: 1@localhost",
                    "sip:10\u000002@localhost", "tel:*72;phone-context=office"}) {
                alice.requestError("bad-message", "type", "offer", "to", routed, "sdp", SipCallsThroughKamailioTest.OFFER);
            }
            alice.requestError("bad-message", "type", "message", "to", "sip:1002@localhost", "data", "hi\u0000there");
            alice.requestError("bad-message", "type", "message", "to", "sip:1002@localhost", "data", "bell\u0007");
            String controlInSdp = SipCallsThroughKamailioTest.OFFER.replace("s=-", "s=\u001b[2J\u0000");
            assertThat(alice.requestError("bad-message", "type", "offer", "to", "sip:1002@localhost", "sdp", controlInSdp)
                    .path("message").asText()).contains("U+001B");

            String call = alice.requestOk("type", "offer", "to", "sip:1002@localhost", "sdp", SipCallsThroughKamailioTest.OFFER)
                    .path("call").asText();
            alice.send("type", "candidate", "call", call, "candidate", null);
            alice.nextAfterOptional("ringing", "answer");
            alice.requestOk("type", "bye", "call", call);

            phone.awaitSuccess();
            long requests = Pattern.compile("^(INVITE|MESSAGE) sip:", Pattern.MULTILINE).matcher(phone.messageLog()).results().count();
            assertThat(requests).as("only the allowed call reached the phone").isEqualTo(1);
        }
    }

}
