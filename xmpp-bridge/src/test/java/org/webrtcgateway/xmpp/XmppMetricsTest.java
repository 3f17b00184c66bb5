package org.webrtcgateway.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;


import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.metrics.MetricsSinks;
import org.webrtcgateway.xmpp.testing.ProsodyExtension;

/** The XMPP bridge's stream state and stanza counters against real Prosody, in both modes. */
@Tag("xmpp")
class XmppMetricsTest {

    @RegisterExtension
    static final ProsodyExtension prosody = new ProsodyExtension();

    private final SimpleMeterRegistry accountMeters = new SimpleMeterRegistry();
    private final SimpleMeterRegistry componentMeters = new SimpleMeterRegistry();

    @RegisterExtension
    final GatewayExtension accounts = prosody.gatewayWithAccounts("alice").withModule(MetricsSinks.into(accountMeters));

    @Test
    void aLoggedInAccountIsCountedAsConnectedAndItsStanzasBothWays() {
        ProsodyExtension.awaitLoggedIn(accounts, "alice");

        await().atMost(Duration.ofSeconds(10)).until(() -> accountMeters.get("gateway.xmpp.stanzas").tag("direction", "in").counter().count() > 0);
        assertThat(accountMeters.get("gateway.xmpp.accounts.connected").gauge().value()).isEqualTo(1);
        assertThat(accountMeters.get("gateway.xmpp.stanzas").tag("direction", "out").counter().count())
                .as("the login's presence and roster request at least").isGreaterThanOrEqualTo(2);
        assertThat(accountMeters.get("gateway.xmpp.component.connected").gauge().value()).isZero();
    }

    @Test
    void theComponentsStreamIsCountedAsConnectedOnceTheServerTookTheHandshake() throws Exception {
        GatewayExtension component = new GatewayExtension()
                .with("xmpp.enabled", "true")
                .with("xmpp.mode", "component")
                .with("xmpp.component.domain", ProsodyExtension.COMPONENT_DOMAIN)
                .with("xmpp.component.server", "127.0.0.1:" + prosody.componentPort())
                .with("xmpp.component.secret", ProsodyExtension.COMPONENT_SECRET)
                .withModule(MetricsSinks.into(componentMeters));
        accounts.stop(); // one gateway at a time: the component's domain takes one stream
        component.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> componentMeters.get("gateway.xmpp.component.connected").gauge().value() == 1);
            component.login("alice").requestOk("type", "message", "to", "xmpp:bob@localhost", "data", "hello bob");
            await().atMost(Duration.ofSeconds(10)).until(() -> componentMeters.get("gateway.xmpp.stanzas").tag("direction", "out").counter().count() > 0);
            assertThat(componentMeters.get("gateway.xmpp.accounts.connected").gauge().value()).isZero();
        } finally {
            component.stop();
        }
        assertThat(componentMeters.get("gateway.xmpp.component.connected").gauge().value()).isZero();
    }

}
