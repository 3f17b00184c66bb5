package org.webrtcgateway.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;
import org.webrtcgateway.xmpp.testing.ProsodyExtension;

/** {@code xmpp.login-at: login}: an account is online in XMPP while its user is logged in to the gateway. */
@Tag("xmpp")
class LoginAtLoginTest {

    @RegisterExtension
    static final ProsodyExtension prosody = new ProsodyExtension();

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension()
            .with("xmpp.enabled", "true")
            .with("xmpp.login-at", "login")
            .with("xmpp.server", prosody.c2sHostPort())
            .with("xmpp.trust-certificate", prosody.certificate().toString())
            .with("xmpp.account.alice.jid", "alice@localhost")
            .with("xmpp.account.alice.password", "alicepw");

    @Test
    void theAccountLogsInWithItsUserAndOutWhenTheSessionEnds() {
        XmppBridge bridge = gateway.injector().getInstance(XmppBridge.class);
        assertThat(bridge.isLoggedIn("alice")).as("not before the user logs in").isFalse();

        TestClient alice = gateway.login("alice");
        await().atMost(Duration.ofSeconds(15)).until(() -> bridge.isLoggedIn("alice"));

        alice.closeNormally();
        await().atMost(Duration.ofSeconds(15)).until(() -> !bridge.isLoggedIn("alice"));

        gateway.login("alice");
        await("and again with the next login").atMost(Duration.ofSeconds(15)).until(() -> bridge.isLoggedIn("alice"));
    }
}
