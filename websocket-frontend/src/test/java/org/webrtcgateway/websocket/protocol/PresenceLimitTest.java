package org.webrtcgateway.websocket.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;

/** What one session may follow is bounded, so subscriptions cannot grow the gateway's memory without end. */
class PresenceLimitTest {

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension().with("presence.max-followed", "2");

    @Test
    void followingMoreThanTheLimitIsForbiddenButFollowingAgainIsFine() {
        TestClient alice = gateway.login("alice");
        alice.requestOk("type", "subscribe", "to", "bob");
        alice.requestOk("type", "subscribe", "to", "carol");

        alice.requestError("forbidden", "type", "subscribe", "to", "dave");

        alice.requestOk("type", "subscribe", "to", "bob");
        alice.requestOk("type", "unsubscribe", "to", "carol");
        alice.requestOk("type", "subscribe", "to", "dave");
    }
}
