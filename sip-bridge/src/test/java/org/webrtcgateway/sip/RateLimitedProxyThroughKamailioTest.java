package org.webrtcgateway.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.webrtcgateway.sip.testing.BrowserCalls.answeredCall;
import static org.webrtcgateway.sip.testing.SipUsers.loggedInAndRegistered;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.sip.testing.FreePorts;
import org.webrtcgateway.sip.testing.KamailioExtension;
import org.webrtcgateway.sip.testing.SippPhone;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;

/**
 * The per-source rate limit (sip.requests-per-second) holds back what the proxy starts, not the calls it already
 * carries: with the proxy's address past its rate, the far end's BYE still reaches the call through Kamailio and
 * ends it. Under SIP load (bench/sip-load.sh) the proxy is the one source of every request; throttled BYEs there
 * went unanswered (the stack had made their transaction, so the edge's stateless 503 could not go), the calls stayed
 * up, and the callers saw 408 after Kamailio's 30 s. alice is account 1001; the sipp phone is 1002.
 */
@Tag("sip")
class RateLimitedProxyThroughKamailioTest {

    private static final int FLOOD = 10;

    @RegisterExtension
    static final KamailioExtension kamailio = new KamailioExtension();

    private final int gatewaySipPort = FreePorts.udpAndTcp();

    // One request a second from 127.0.0.1 (Kamailio's address, and the flood's), two at once.
    @RegisterExtension
    final GatewayExtension gateway = kamailio.gatewayWithAliceAs1001(gatewaySipPort)
            .with("sip.requests-per-second", "1")
            .with("sip.request-burst", "2");

    @Test
    void theFarEndsByeEndsTheCallWhileItsProxysAddressIsPastItsRate() {
        try (SippPhone phone = kamailio.registeredPhone("uas-hangup-after-info.xml", "1002", "pw1002")) {
            TestClient alice = loggedInAndRegistered(gateway, "alice");
            String call = answeredCall(alice, "sip:1002@localhost", SipCallsThroughKamailioTest.OFFER);

            // 127.0.0.1 empties its bucket: the OPTIONS past the burst get 503.
            try (SippPhone flood = SippPhone.start("options-flood.xml", FreePorts.udpAndTcp(), "127.0.0.1:" + gatewaySipPort,
                    "-s", "100", "-m", String.valueOf(FLOOD), "-r", "1000", "-l", String.valueOf(FLOOD))) {
                flood.awaitSuccess();
                assertThat(Pattern.compile("SIP/2\\.0 503").matcher(flood.messageLog()).results().count())
                        .as("the flood left 127.0.0.1 past its rate").isGreaterThanOrEqualTo(FLOOD - 3);
            }

            // The DTMF's INFO is the phone's cue to hang up: its BYE comes through Kamailio, from 127.0.0.1.
            alice.requestOk("type", "dtmf", "call", call, "tones", "1", "duration", 100);

            assertThat(alice.next("bye").path("call").asText()).isEqualTo(call);
            phone.awaitSuccess(); // its BYE got 200
        }
    }
}
