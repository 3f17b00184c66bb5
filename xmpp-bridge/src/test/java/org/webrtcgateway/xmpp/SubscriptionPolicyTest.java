package org.webrtcgateway.xmpp;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.xmpp.testing.ProsodyExtension;
import org.webrtcgateway.xmpp.testing.SlixmppClient;

/** A contact asking to follow a gateway user: approved or refused as xmpp.subscription-policy says. */
@Tag("xmpp")
class SubscriptionPolicyTest {

    @RegisterExtension
    static final ProsodyExtension prosody = new ProsodyExtension();

    private static GatewayExtension gatewayWithAlice(String policy) {
        return prosody.gatewayWithAccounts("alice").with("xmpp.subscription-policy", policy);
    }

    private static void awaitAliceLoggedIn(GatewayExtension gateway) {
        ProsodyExtension.awaitLoggedIn(gateway, "alice");
    }

    @Nested
    class Reject {
        @RegisterExtension
        final GatewayExtension gateway = gatewayWithAlice("reject");

        @Test
        void aStrangerAskingToFollowTheUserIsRefused() throws Exception {
            awaitAliceLoggedIn(gateway);
            try (SlixmppClient carol = SlixmppClient.following(prosody, "carol", "alice@localhost")) {
                assertThat(carol.awaitLine("ANSWER")).isEqualTo("ANSWER unsubscribed");
            }
        }
    }

    @Nested
    class Accept {
        @RegisterExtension
        final GatewayExtension gateway = gatewayWithAlice("accept");

        @Test
        void anyoneAskingToFollowTheUserIsApproved() throws Exception {
            awaitAliceLoggedIn(gateway);
            // dave, not carol: an approved subscription stays in Prosody, and would answer the other case itself
            try (SlixmppClient dave = SlixmppClient.following(prosody, "dave", "alice@localhost")) {
                assertThat(dave.awaitLine("ANSWER")).isEqualTo("ANSWER subscribed");
            }
        }
    }
}
