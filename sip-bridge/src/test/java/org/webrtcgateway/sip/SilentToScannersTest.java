package org.webrtcgateway.sip;

import static org.assertj.core.api.Assertions.assertThat;


import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.sip.testing.EdgeGateway;
import org.webrtcgateway.sip.testing.FreePorts;
import org.webrtcgateway.sip.testing.SippPhone;
import org.webrtcgateway.testing.GatewayExtension;

/**
 * {@code sip.untrusted-policy: silent}: a scanner's OPTIONS and INVITE from an untrusted loopback address get no
 * answer at all (sipp, which expects 403, times out having received nothing), while a trusted source's OPTIONS
 * still gets 200. The refusals are counted all the same.
 */
@Tag("sip")
class SilentToScannersTest {

    private final int gatewaySipPort = FreePorts.udpAndTcp();
    private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @RegisterExtension
    final GatewayExtension gateway = EdgeGateway.on(gatewaySipPort, prometheus)
            .with("sip.untrusted-policy", "silent")
            .with("sip.trusted-sources", "127.0.0.3");

    @Test
    void anUntrustedSourcesOptionsAndInviteGetNoAnswerAtAll() {
        // sip.trusted-sources replaces the default: the proxy's address 127.0.0.1 is not trusted either.
        for (String scenario : new String[] {"options-403.xml", "uac-forbidden.xml"}) {
            try (SippPhone scanner = SippPhone.startFrom("127.0.0.1", scenario, FreePorts.udpAndTcp(), "127.0.0.1:" + gatewaySipPort,
                    "-s", "100", "-key", "caller", "1002", "-timeout", "4s")) {
                assertThat(scanner.awaitExit()).as(scenario + " got no answer, so sipp failed").isNotZero();
                assertThat(scanner.messageLog()).as(scenario).contains(scenario.startsWith("options") ? "OPTIONS sip:" : "INVITE sip:")
                        .doesNotContain("SIP/2.0 ");
            }
        }
        assertThat(EdgeGateway.refused(prometheus, "untrusted"))
                .as("each OPTIONS and INVITE, with their retransmissions").isGreaterThanOrEqualTo(2);
    }

    @Test
    void aConfiguredTrustedSourceIsStillAnswered() {
        try (SippPhone pbx = SippPhone.startFrom("127.0.0.3", "options-200.xml", FreePorts.udpAndTcp(), "127.0.0.1:" + gatewaySipPort,
                "-s", "100")) {
            pbx.awaitSuccess();
        }
    }
}
