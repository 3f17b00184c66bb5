package org.webrtcgateway.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.core.protocol.Gateway;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.xmpp.testing.ProsodyExtension;
import org.webrtcgateway.testing.LoopbackPorts;

/** The XMPP bridge's part of {@code /readyz} ({@link Gateway#notReady}) with the real Prosody, in both modes. */
@Tag("xmpp")
class ReadinessThroughProsodyTest {

    private static final Duration NOTICED = Duration.ofSeconds(15);

    @RegisterExtension
    static final ProsodyExtension prosody = new ProsodyExtension();

    private static List<String> notReady(GatewayExtension gateway) {
        return gateway.injector().getInstance(Gateway.class).notReady();
    }

    @Nested
    class AccountMode {

        @RegisterExtension
        final GatewayExtension gateway = prosody.gatewayWithAccounts("alice", "bob")
                .with("xmpp.account.bob.password", "not-bobs-password");

        @Test
        void notReadyWhileAnAccountCannotLogInNamingItButNotTheOnesThatDid() {
            ProsodyExtension.awaitLoggedIn(gateway, "alice");

            await().atMost(NOTICED).until(() -> !notReady(gateway).isEmpty());
            assertThat(notReady(gateway)).containsExactly("xmpp: 1 of 2 accounts not connected (bob: bob@localhost)");
        }
    }

    @Nested
    class ComponentMode {

        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension()
                .with("xmpp.enabled", "true")
                .with("xmpp.mode", "component")
                .with("xmpp.component.domain", ProsodyExtension.COMPONENT_DOMAIN)
                .with("xmpp.component.server", "127.0.0.1:" + prosody.componentPort())
                .with("xmpp.component.secret", ProsodyExtension.COMPONENT_SECRET);

        @Test
        void readyOnceTheComponentStreamIsUp() {
            await().atMost(NOTICED).until(() -> notReady(gateway).isEmpty());
        }
    }

    @Nested
    class ComponentModeWithNoServer {

        private static final int NOBODY = LoopbackPorts.free();

        @RegisterExtension
        final GatewayExtension gateway = new GatewayExtension()
                .with("xmpp.enabled", "true")
                .with("xmpp.mode", "component")
                .with("xmpp.component.domain", ProsodyExtension.COMPONENT_DOMAIN)
                .with("xmpp.component.server", "127.0.0.1:" + NOBODY)
                .with("xmpp.component.secret", ProsodyExtension.COMPONENT_SECRET);

        @Test
        void notReadyWhileTheComponentStreamCannotConnect() {
            assertThat(notReady(gateway)).containsExactly(
                    "xmpp: component stream to 127.0.0.1:" + NOBODY + " not connected");
        }
    }

}
