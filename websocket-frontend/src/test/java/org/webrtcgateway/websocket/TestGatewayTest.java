package org.webrtcgateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.testing.GatewayExtension;

/** The tests' gateway with this frontend: settings checked as the server checks them, clients sent where it listens. */
class TestGatewayTest {

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension().with("websocket.path", "/signaling");

    @Test
    void aMisspelledKeyInATestFailsTheTestNamingTheKeyItMeant() {
        GatewayExtension misspelled = new GatewayExtension().with("websocket.prot", "0");

        assertThatThrownBy(misspelled::start).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown setting 'websocket.prot'")
                .hasMessageContaining("did you mean 'websocket.port'?");
    }

    @Test
    void clientsConnectWhereTheServerSaysItListens() {
        assertThat(gateway.wsUri()).hasScheme("ws").hasHost("127.0.0.1").hasPath("/signaling").hasPort(gateway.port());

        assertThat(gateway.client().login("alice").path("name").asText()).isEqualTo("alice");
    }
}
