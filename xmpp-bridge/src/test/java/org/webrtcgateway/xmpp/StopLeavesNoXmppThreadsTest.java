package org.webrtcgateway.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.LingeringThreads;
import org.webrtcgateway.xmpp.testing.ProsodyExtension;

/**
 * After the stop, nothing the XMPP bridge started (its thread, the login threads, Smack's connections) keeps
 * the JVM alive: every thread it leaves is a daemon.
 */
@Tag("xmpp")
class StopLeavesNoXmppThreadsTest {

    @RegisterExtension
    static final ProsodyExtension prosody = new ProsodyExtension();

    @Test
    void aStoppedXmppBridgeLeavesNoNonDaemonThread() throws Exception {
        LingeringThreads threads = LingeringThreads.snapshot();
        GatewayExtension gateway = prosody.gatewayWithAccounts("alice", "bob").with("shutdown.timeout", "5s");
        gateway.start();
        try {
            ProsodyExtension.awaitLoggedIn(gateway, "alice", "bob");
            gateway.login("alice");
        } finally {
            gateway.stop();
        }
        assertThat(threads.after(Duration.ofSeconds(3))).as("non-daemon threads left running after the stop").isEmpty();
    }
}
