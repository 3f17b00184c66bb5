package org.webrtcgateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.webrtcgateway.testing.metrics.Promtool;

/**
 * {@code conf/prometheus-alerts.yaml} as shipped: valid rules for Prometheus, and each alert fires on the
 * series that should raise it and not before (src/test/resources/prometheus/alerts-test.yaml).
 */
class PrometheusAlertsTest {

    private static final Path RULES = Path.of("src/conf/prometheus-alerts.yaml");
    private static final Path RULE_TESTS = Path.of("src/test/resources/prometheus/alerts-test.yaml");

    @Test
    void theShippedAlertRulesPassPromtoolsCheck() {
        Promtool.Result check = Promtool.checkRules(RULES);

        assertThat(check.passed()).as(check.output()).isTrue();
        assertThat(check.output()).contains("SUCCESS: 11 rules found");
    }

    @Test
    void eachAlertFiresOnTheSeriesThatShouldRaiseIt() {
        Promtool.Result test = Promtool.testRules(RULE_TESTS);

        assertThat(test.passed()).as(test.output()).isTrue();
    }
}
