package org.webrtcgateway.websocket.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.LogCapture;
import org.webrtcgateway.testing.TestClient;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * The session log (logger org.webrtcgateway.sessions), through real WebSocket connections: one INFO line when
 * a session starts, one when its connection drops, one when it ends, with the fields an operator greps for.
 */
class SessionLogTest {

    private static final String SESSIONS = "org.webrtcgateway.sessions";
    private static final String REMOTE = "remote=127\\.0\\.0\\.1:\\d+";

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension().with("session.resume-grace", "300ms");

    private final LogCapture log = LogCapture.everything(Level.INFO, SESSIONS);

    @AfterEach
    void stopCapturing() {
        log.close();
    }

    @Test
    void aLoginThenALogoutWriteAStartAndAnEndLineWithDurationCallsAndCloseCode() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        alice.requestOk("type", "offer", "to", "bob", "sdp", "v=0\r\n");
        bob.next("offer");

        alice.closeNormally();
        List<String> lines = awaitLines("alice", 2);

        assertThat(lines.get(0)).matches("event=start user=alice " + REMOTE + " resumed=false");
        assertThat(lines.get(1)).matches("event=end user=alice " + REMOTE + " duration_ms=\\d+ calls=1 end=closed close_code=1000");
        assertThat(remoteOf(lines.get(1))).as("the same connection's address").isEqualTo(remoteOf(lines.get(0)));
        assertThat(log.of(SESSIONS)).allMatch(event -> event.getLevel() == Level.INFO);
    }

    @Test
    void aDroppedConnectionNotResumedWithinTheGracePeriodEndsAsDroppedWithoutCloseCode() {
        TestClient alice = gateway.login("alice");

        alice.drop();
        List<String> lines = awaitLines("alice", 3);

        assertThat(lines.get(1)).matches("event=drop user=alice " + REMOTE + " resume_grace_ms=300");
        assertThat(lines.get(2)).matches("event=end user=alice " + REMOTE + " duration_ms=\\d+ calls=0 end=dropped close_code=-");
    }

    @Test
    void aResumeWritesAStartLineMarkedResumedAndTheSessionEndsOnce() {
        TestClient alice = gateway.client();
        String session = alice.login("alice").path("session").asText();
        alice.drop();
        gateway.awaitDropped("alice");

        TestClient back = gateway.client();
        back.requestOk("type", "login", "resume", session);
        List<String> started = awaitLines("alice", 3);
        back.closeNormally();
        List<String> lines = awaitLines("alice", 4);

        assertThat(started.get(1)).matches("event=drop user=alice " + REMOTE + " resume_grace_ms=300");
        assertThat(remoteOf(started.get(1))).as("the dropped connection's address").isEqualTo(remoteOf(started.get(0)));
        assertThat(started.get(2)).matches("event=start user=alice " + REMOTE + " resumed=true");
        assertThat(remoteOf(started.get(2))).as("the resuming connection's address").isNotEqualTo(remoteOf(started.get(0)));
        assertThat(lines.get(3)).matches("event=end user=alice " + REMOTE + " duration_ms=\\d+ calls=0 end=closed close_code=1000");
        assertThat(remoteOf(lines.get(3))).isEqualTo(remoteOf(started.get(2)));
    }

    /** The session log's lines about {@code user}, once there are {@code count} of them. */
    private List<String> awaitLines(String user, int count) {
        await().atMost(Duration.ofSeconds(5)).until(() -> linesOf(user).size() >= count);
        return linesOf(user);
    }

    private List<String> linesOf(String user) {
        return log.of(SESSIONS).stream().map(ILoggingEvent::getFormattedMessage)
                .filter(line -> line.contains(" user=" + user + " ")).toList();
    }

    private static String remoteOf(String line) {
        return line.replaceAll(".* remote=(\\S+) .*", "$1");
    }
}
