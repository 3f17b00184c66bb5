package org.webrtcgateway.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.webrtcgateway.sip.SipCallsThroughKamailioTest.OFFER;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.sip.testing.EdgeGateway;
import org.webrtcgateway.sip.testing.FreePorts;
import org.webrtcgateway.sip.testing.SippPhone;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;

/**
 * With the defaults, only the proxy's address (here 127.0.0.1) may send the bridge requests: sipp from 127.0.0.2,
 * another loopback address, plays a scanner and gets 403 for OPTIONS and INVITE, counted; the PBX's call from the
 * proxy's address still reaches the user.
 */
@Tag("sip")
class UntrustedSourcesTest {

    static final String SCANNER = "127.0.0.2";

    private final int gatewaySipPort = FreePorts.udpAndTcp();
    private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @RegisterExtension
    final GatewayExtension gateway = EdgeGateway.on(gatewaySipPort, prometheus)
            .with("sip.incoming.operator.match", "sip:0@.*")
            .with("sip.incoming.operator.user", "bob");

    private double refused(String reason) {
        return EdgeGateway.refused(prometheus, reason);
    }

    @Test
    void optionsAndInviteFromAnAddressThatIsNotTheProxysGet403AndAreCountedAsUntrusted() {
        TestClient bob = gateway.login("bob");
        try (SippPhone options = SippPhone.startFrom(SCANNER, "options-403.xml", FreePorts.udpAndTcp(), "127.0.0.1:" + gatewaySipPort,
                "-s", "100")) {
            options.awaitSuccess();
        }
        try (SippPhone invite = SippPhone.startFrom(SCANNER, "uac-forbidden.xml", FreePorts.udpAndTcp(), "127.0.0.1:" + gatewaySipPort,
                "-s", "0", "-key", "caller", "1002")) {
            invite.awaitSuccess();
        }

        bob.expectNothing(Duration.ofMillis(300)); // the INVITE never reached the bridge
        assertThat(refused("untrusted")).as("the OPTIONS, the INVITE and its ACK").isGreaterThanOrEqualTo(3);
        assertThat(refused("rate-limited")).isZero();
    }

    @Test
    void theProxysAddressIsTrustedByDefaultSoThePbxsCallReachesTheUser() {
        TestClient bob = gateway.login("bob");
        try (SippPhone options = SippPhone.start("options-200.xml", FreePorts.udpAndTcp(), "127.0.0.1:" + gatewaySipPort, "-s", "100")) {
            options.awaitSuccess();
        }
        try (SippPhone phone = SippPhone.start("uac.xml", FreePorts.udpAndTcp(), "127.0.0.1:" + gatewaySipPort,
                "-s", "0", "-key", "caller", "1002")) {
            JsonNode offer = bob.next("offer");
            String call = offer.path("call").asText();
            bob.requestOk("type", "answer", "call", call, "sdp", OFFER);
            bob.send("type", "candidate", "call", call, "candidate", null);
            assertThat(bob.next("bye").path("call").asText()).isEqualTo(call);
            phone.awaitSuccess();
        }
        assertThat(refused("untrusted")).isZero();
    }
}
