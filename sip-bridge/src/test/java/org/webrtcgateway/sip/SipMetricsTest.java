package org.webrtcgateway.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.webrtcgateway.sip.SipCallsThroughKamailioTest.OFFER;
import static org.webrtcgateway.sip.SipCallsThroughKamailioTest.SIP_WAIT;


import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.sip.testing.FreePorts;
import org.webrtcgateway.sip.testing.KamailioExtension;
import org.webrtcgateway.sip.testing.SippPhone;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;
import org.webrtcgateway.testing.metrics.Exposition;
import org.webrtcgateway.testing.metrics.MetricsSinks;

/**
 * The SIP bridge's metrics through real Kamailio and sipp: registrations by state, responses by class,
 * and a call's counters, gauge and set-up histogram with {@code bridge="sip"}. Read in the Prometheus
 * text format that GET /metrics serves (this module's tests have no HTTP frontend: the same registry
 * class is bound as a sink here).
 */
@Tag("sip")
class SipMetricsTest {

    @RegisterExtension
    static final KamailioExtension kamailio = new KamailioExtension();

    private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension()
            .with("sip.enabled", "true")
            .with("sip.port", String.valueOf(FreePorts.udpAndTcp()))
            .with("sip.transports", "udp")
            .with("sip.proxy", kamailio.hostPort())
            .with("sip.gathering-deadline", "2s")
            .with("sip.account.alice.aor", "sip:1001@localhost")
            .with("sip.account.alice.password", "pw1001")
            .with("sip.account.bob.aor", "sip:1003@localhost")
            .with("sip.account.bob.password", "pw1003")
            .withModule(MetricsSinks.into(prometheus));

    private Exposition scrape() {
        return Exposition.parse(prometheus.scrape());
    }

    @Test
    void registrationsAreCountedByStateAndTheRegistrarsChallengeAndAcceptanceByClass() {
        await().atMost(SIP_WAIT).until(() -> scrape().value("gateway_sip_registrations", "state", "registered") == 2);

        Exposition registered = scrape();
        assertThat(registered.value("gateway_sip_registrations", "state", "pending")).isZero();
        assertThat(registered.value("gateway_sip_registrations", "state", "failed")).isZero();
        assertThat(registered.value("gateway_sip_responses_total", "class", "4xx")).as("Kamailio's 401 challenges").isGreaterThanOrEqualTo(2);
        assertThat(registered.value("gateway_sip_responses_total", "class", "2xx")).as("200 OK to each REGISTER").isGreaterThanOrEqualTo(2);
    }

    @Test
    void aCallToASipPhoneMovesTheSipCallMetersAndTheSetUpHistogram() {
        try (SippPhone phone = kamailio.registeredPhone("uas.xml", "1002", "pw1002")) {
            TestClient alice = gateway.login("alice");
            await().atMost(SIP_WAIT).until(() -> scrape().value("gateway_sip_registrations", "state", "registered") == 2);
            Exposition before = scrape();

            String call = alice.requestOk("type", "offer", "to", "sip:1002@localhost", "sdp", OFFER).path("call").asText();
            alice.send("type", "candidate", "call", call, "candidate", null);
            alice.nextAfterOptional("ringing", "answer");
            // The set-up time is recorded once the answer has gone to the browser, so a scrape can beat it.
            double setUpBefore = before.value("gateway_call_setup_seconds_count", "bridge", "sip");
            Exposition talking = await().atMost(SIP_WAIT).until(this::scrape,
                    now -> now.value("gateway_call_setup_seconds_count", "bridge", "sip") > setUpBefore);
            alice.requestOk("type", "bye", "call", call);
            phone.awaitSuccess();
            Exposition after = scrape();

            assertThat(talking.value("gateway_calls_active", "bridge", "sip")).isEqualTo(1);
            assertThat(talking.value("gateway_call_setup_seconds_count", "bridge", "sip")).isEqualTo(setUpBefore + 1);
            assertThat(talking.value("gateway_sip_responses_total", "class", "1xx"))
                    .isGreaterThan(before.value("gateway_sip_responses_total", "class", "1xx"));
            assertThat(talking.value("gateway_sip_responses_total", "class", "2xx"))
                    .isGreaterThan(before.value("gateway_sip_responses_total", "class", "2xx"));
            assertThat(after.value("gateway_calls_active", "bridge", "sip")).isZero();
            assertThat(after.value("gateway_calls_started_total", "bridge", "sip"))
                    .isEqualTo(before.value("gateway_calls_started_total", "bridge", "sip") + 1);
            assertThat(after.value("gateway_calls_ended_total", "bridge", "sip", "reason", "none"))
                    .isEqualTo(before.value("gateway_calls_ended_total", "bridge", "sip", "reason", "none") + 1);
            assertThat(after.value("gateway_calls_started_total", "bridge", "browser")).isZero();
        }
    }

    @Test
    void aCallThatKamailioCannotRouteEndsWithItsReasonAsTheLabel() {
        TestClient alice = gateway.login("alice");
        await().atMost(SIP_WAIT).until(() -> scrape().value("gateway_sip_registrations", "state", "registered") == 2);

        String call = alice.requestOk("type", "offer", "to", "sip:1099@localhost", "sdp", OFFER).path("call").asText();
        alice.send("type", "candidate", "call", call, "candidate", null);
        String reason = alice.next("bye").path("reason").asText();

        Exposition after = scrape();
        assertThat(reason).isEqualTo("not-found");
        assertThat(after.value("gateway_calls_ended_total", "bridge", "sip", "reason", "not-found")).isEqualTo(1);
        assertThat(after.value("gateway_call_setup_seconds_count", "bridge", "sip")).isZero();
        assertThat(after.value("gateway_calls_active", "bridge", "sip")).isZero();
    }

}
