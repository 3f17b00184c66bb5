package org.webrtcgateway.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.Sdps;
import org.webrtcgateway.testing.TestClient;
import org.webrtcgateway.xmpp.testing.ProsodyExtension;
import org.webrtcgateway.xmpp.testing.SlixmppClient;

/**
 * The access rules with the XMPP bridge on, against Prosody and a slixmpp contact: a message the rules refuse is
 * {@code forbidden} and never reaches the contact, the allowed one does; a call to a domain outside the allow list
 * is refused before it reaches the bridge.
 */
@Tag("xmpp")
class AccessRulesThroughProsodyTest {

    @RegisterExtension
    static final ProsodyExtension prosody = new ProsodyExtension();

    @RegisterExtension
    final GatewayExtension gateway = prosody.gatewayWithAccounts("alice")
            .with("access.default.message-deny", "xmpp:bob@localhost/*")
            .with("access.default.call-allow", "xmpp:*@example.org");

    @BeforeEach
    void alicesAccountIsLoggedIn() {
        ProsodyExtension.awaitLoggedIn(gateway, "alice");
    }

    @Test
    void aMessageTheRulesRefuseNeverReachesTheContactAndAnAllowedOneDoes() throws Exception {
        TestClient alice = gateway.login("alice");
        try (SlixmppClient bob = SlixmppClient.receiving(prosody, "bob")) {
            bob.awaitLine("READY");

            String refusal = alice.requestError("forbidden", "type", "message", "to", "xmpp:bob@localhost/phone",
                    "data", "refused text").path("message").asText();
            alice.requestOk("type", "message", "to", "xmpp:bob@localhost", "data", "allowed text");

            assertThat(refusal).contains("messages_deny 'xmpp:bob@localhost/*'");
            assertThat(bob.awaitLine("RECEIVED")).isEqualTo("RECEIVED alice@localhost allowed text");
        }
    }

    @Test
    void aCallOutsideTheAllowedDomainsIsForbidden() {
        TestClient alice = gateway.login("alice");

        String refusal = alice.requestError("forbidden", "type", "offer", "to", "xmpp:bob@localhost", "sdp",
                Sdps.ONE_AUDIO_STREAM).path("message").asText();

        assertThat(refusal).contains("not in calls_allow [xmpp:*@example.org]");
    }
}
