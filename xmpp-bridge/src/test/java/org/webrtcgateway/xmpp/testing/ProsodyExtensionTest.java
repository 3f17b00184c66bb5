package org.webrtcgateway.xmpp.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The XMPP bridge's test peers work before any bridge test leans on them: Prosody starts from this
 * module's files, with TLS a client can verify, and two slixmpp users chat through it.
 */
@Tag("xmpp")
class ProsodyExtensionTest {

    @RegisterExtension
    static final ProsodyExtension prosody = new ProsodyExtension();

    @Test
    void twoUsersOfAnIndependentClientChatThroughProsodyOverVerifiedTls() throws Exception {
        try (SlixmppClient bob = SlixmppClient.receiving(prosody, "bob")) {
            bob.awaitLine("READY");
            try (SlixmppClient alice = SlixmppClient.sending(prosody, "alice", "bob@localhost", "hello bob")) {
                alice.awaitLine("SENT");

                assertThat(bob.awaitLine("RECEIVED")).isEqualTo("RECEIVED alice@localhost hello bob");
            }
        }
    }
}
