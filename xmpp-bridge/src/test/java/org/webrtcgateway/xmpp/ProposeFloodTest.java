package org.webrtcgateway.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;
import org.webrtcgateway.xmpp.jingle.jmi.element.JingleMessage;
import org.webrtcgateway.xmpp.testing.ProsodyExtension;
import org.webrtcgateway.xmpp.testing.XmppFarSide;

/**
 * An XMPP contact floods a gateway user with XEP-0353 proposes it never follows up: the gateway proceeds with a
 * bounded number and refuses the rest as busy, so what waits for session-initiates cannot grow without bound.
 */
@Tag("xmpp")
class ProposeFloodTest {

    /** call.max-per-user, which bounds the proposes waiting for their session-initiate too. */
    private static final int WAITING = 4;

    @RegisterExtension
    static final ProsodyExtension prosody = new ProsodyExtension();

    @RegisterExtension
    final XmppFarSide mallory = new XmppFarSide(prosody, "bob");

    @RegisterExtension
    final GatewayExtension gateway = prosody.gatewayWithAccounts("alice").with("call.max-per-user", String.valueOf(WAITING));

    @Test
    void proposalsBeyondTheBoundAreRefusedBusy() {
        ProsodyExtension.awaitLoggedIn(gateway, "alice");
        TestClient alice = gateway.login("alice");
        int sent = 20;

        for (int i = 0; i < sent; i++) {
            mallory.propose("alice", "flood-" + i);
        }

        Set<String> proceeded = new HashSet<>();
        for (int i = 0; i < WAITING; i++) {
            proceeded.add(mallory.nextJingleMessage(JingleMessage.Action.proceed).getId());
        }
        Set<String> refused = new HashSet<>();
        for (int i = 0; i < sent - WAITING; i++) {
            JingleMessage reject = mallory.nextJingleMessage(JingleMessage.Action.reject);
            assertThat(reject.getReason().asEnum()).isEqualTo(JingleReason.Reason.busy);
            refused.add(reject.getId());
        }
        assertThat(proceeded).hasSize(WAITING).doesNotContainAnyElementsOf(refused);
        alice.expectNothing(Duration.ofMillis(300)); // nothing reached the browser: no session was initiated
    }
}
