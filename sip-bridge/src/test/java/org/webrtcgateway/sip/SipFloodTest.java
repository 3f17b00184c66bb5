package org.webrtcgateway.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;


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
 * The per-source rate limit against a real flood: sipp sends 150 OPTIONS at 300 a second from one trusted loopback
 * address (10 a second allowed, 10 at once); most get 503 with Retry-After and are counted, while a call from
 * another trusted source, within its own bucket, goes through. An untrusted source past its rate gets no answer.
 */
@Tag("sip")
class SipFloodTest {

    private static final int FLOOD = 150;

    private final int gatewaySipPort = FreePorts.udpAndTcp();
    private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @RegisterExtension
    final GatewayExtension gateway = EdgeGateway.on(gatewaySipPort, prometheus)
            .with("sip.trusted-sources", "127.0.0.1, 127.0.0.4/31")
            .with("sip.requests-per-second", "10")
            .with("sip.request-burst", "10")
            .with("sip.incoming.operator.match", "sip:0@.*")
            .with("sip.incoming.operator.user", "bob");

    private double refused(String reason) {
        return EdgeGateway.refused(prometheus, reason);
    }

    @Test
    void aFloodFromOneTrustedSourceGets503WithRetryAfterWhileAnotherSourcesCallGoesThrough() {
        String log;
        try (SippPhone flood = SippPhone.startFrom("127.0.0.5", "options-flood.xml", FreePorts.udpAndTcp(), "127.0.0.1:" + gatewaySipPort,
                "-s", "100", "-m", String.valueOf(FLOOD), "-r", "300", "-l", String.valueOf(FLOOD))) {
            flood.awaitSuccess();
            log = flood.messageLog();
        }
        int ok = count(log, "SIP/2.0 200");
        int throttled = count(log, "SIP/2.0 503");

        assertThat(ok + throttled).isEqualTo(FLOOD);
        assertThat(ok).as("at least the burst").isGreaterThanOrEqualTo(10);
        // Sent in about half a second, the flood gets the burst and a few refilled tokens; even a machine so loaded
        // that sipp needs seconds for it sees most of it held back.
        assertThat(throttled).isGreaterThanOrEqualTo(FLOOD / 3);
        assertThat(log).containsPattern("Retry-After: *1");
        assertThat(refused("rate-limited")).isEqualTo(throttled);

        // The PBX's call, from another trusted address, goes through while the flooding source's bucket is empty.
        TestClient bob = gateway.login("bob");
        try (SippPhone pbx = SippPhone.start("uac.xml", FreePorts.udpAndTcp(), "127.0.0.1:" + gatewaySipPort,
                "-s", "0", "-key", "caller", "1002")) {
            String call = bob.next("offer").path("call").asText();
            bob.requestOk("type", "answer", "call", call, "sdp", SipCallsThroughKamailioTest.OFFER);
            bob.send("type", "candidate", "call", call, "candidate", null);
            assertThat(bob.next("bye").path("call").asText()).isEqualTo(call);
            pbx.awaitSuccess();
        }
    }

    @Test
    void anUntrustedSourcePastItsRateGetsNoAnswerAtAllNot403() {
        try (SippPhone flood = SippPhone.startFrom("127.0.0.2", "options-403.xml", FreePorts.udpAndTcp(), "127.0.0.1:" + gatewaySipPort,
                "-s", "100", "-m", "40", "-r", "400", "-l", "40", "-timeout", "5s")) {
            int exit = flood.awaitExit();
            int forbidden = count(flood.messageLog(), "SIP/2.0 403");
            // The burst is answered at once; UDP retransmissions of the others then draw from the refilling bucket,
            // so some get their 403 later, but not all before sipp gives up on them.
            assertThat(forbidden).isBetween(10, 39);
            assertThat(exit).as("some OPTIONS never got an answer").isNotZero();
        }
        assertThat(refused("rate-limited")).isGreaterThanOrEqualTo(1);
        assertThat(refused("untrusted")).isGreaterThanOrEqualTo(10);
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
