package org.webrtcgateway.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.IceServer;
import org.webrtcgateway.core.auth.IceServers;
import org.webrtcgateway.core.config.IceConfig;
import org.webrtcgateway.core.protocol.ClientConnection;
import org.webrtcgateway.core.protocol.CloseReason;
import org.webrtcgateway.core.protocol.RequestId;
import org.webrtcgateway.core.protocol.ServerMessage;
import org.webrtcgateway.core.session.QueueBudget;
import org.webrtcgateway.core.session.QueueLimits;
import org.webrtcgateway.core.session.Session;

/** {@link TurnCredentialRenewal}: fresh TURN credentials every half ttl, for sessions that are there to take them. */
class TurnCredentialRenewalTest {

    private static final String SECRET = "s3cret";
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private static IceConfig minted(Duration ttl) {
        return new IceConfig(List.of(), List.of("turn:127.0.0.1:3478"), SECRET, null, null, ttl);
    }

    private TurnCredentialRenewal renewal(IceConfig config) {
        return new TurnCredentialRenewal(config, new IceServers(config), timer);
    }

    /** A connection that keeps what it is sent. */
    private static final class Recording implements ClientConnection {
        final List<ServerMessage> sent = new CopyOnWriteArrayList<>();

        @Override
        public boolean send(ServerMessage message) {
            sent.add(message);
            return true;
        }

        @Override
        public void close(CloseReason reason) {
        }

        @Override
        public String remoteAddress() {
            return "test";
        }

        List<IceServer> lastFreshIceServers() {
            return sent.stream().filter(ServerMessage.FreshIceServers.class::isInstance)
                    .map(m -> ((ServerMessage.FreshIceServers) m).iceServers()).reduce((a, b) -> b).orElseThrow();
        }

        long freshIceServersCount() {
            return sent.stream().filter(ServerMessage.FreshIceServers.class::isInstance).count();
        }
    }

    private static final ServerMessage LOGIN_REPLY = new ServerMessage.Pong(RequestId.ofNumber("1"));

    private static Session loggedIn(String name, Recording connection) {
        Session session = new Session(new Address.Local(name), "resume-token", 4,
                new QueueLimits(100, 1 << 20, new QueueBudget(1 << 30), message -> 100), (s, bound) -> { });
        session.attach(connection, LOGIN_REPLY);
        return session;
    }

    @Test
    void aLoggedInSessionGetsCredentialsMintedAnewEveryHalfTtl() throws Exception {
        TurnCredentialRenewal renewal = renewal(minted(Duration.ofSeconds(1)));
        Recording connection = new Recording();
        Session alice = loggedIn("alice", connection);

        long before = Instant.now().getEpochSecond();
        renewal.loggedIn(alice);

        await().atMost(Duration.ofSeconds(5)).until(() -> connection.freshIceServersCount() >= 2);
        IceServer turn = connection.lastFreshIceServers().get(0);
        assertThat(turn.urls()).containsExactly("turn:127.0.0.1:3478");
        assertThat(turn.username()).matches("[0-9]+:alice");
        // Minted at the second renewal, a whole ttl (1 s) after loggedIn, and valid for a ttl from then: login + 2 s.
        assertThat(Long.parseLong(turn.username().split(":")[0])).isGreaterThanOrEqualTo(before + 2);
        assertThat(turn.credential()).isEqualTo(hmacSha1Base64(SECRET, turn.username()));
    }

    @Test
    void anEndedSessionIsForgottenAndGetsNothingMore() {
        TurnCredentialRenewal renewal = renewal(minted(Duration.ofHours(12)));
        Recording connection = new Recording();
        Session alice = loggedIn("alice", connection);
        renewal.loggedIn(alice);
        assertThat(renewal.renewing()).isEqualTo(1);

        alice.end();
        renewal.ended(alice);

        assertThat(renewal.renewing()).isZero();
        renewal.renew(alice);
        assertThat(connection.sent).containsExactly(LOGIN_REPLY);
    }

    @Test
    void aSessionWhoseEndWasNotReportedIsDroppedAtItsNextRenewal() {
        TurnCredentialRenewal renewal = renewal(minted(Duration.ofHours(12)));
        Recording connection = new Recording();
        Session alice = loggedIn("alice", connection);
        renewal.loggedIn(alice);

        alice.end();
        renewal.renew(alice);

        assertThat(renewal.renewing()).isZero();
        assertThat(connection.sent).containsExactly(LOGIN_REPLY);
    }

    @Test
    void aSessionThatEndedWhileItsRenewalWasBeingScheduledIsNotRenewed() {
        TurnCredentialRenewal renewal = renewal(minted(Duration.ofHours(12)));
        Session alice = loggedIn("alice", new Recording());
        alice.end();
        renewal.ended(alice); // the end came first: nothing to stop yet

        renewal.loggedIn(alice);

        assertThat(renewal.renewing()).isZero();
    }

    @Test
    void aDetachedSessionGetsNoCredentialsQueuedForItsResume() {
        TurnCredentialRenewal renewal = renewal(minted(Duration.ofHours(12)));
        Recording dropped = new Recording();
        Session alice = loggedIn("alice", dropped);
        alice.detach(dropped);

        renewal.renew(alice);
        Recording resumed = new Recording();
        ServerMessage resumeReply = new ServerMessage.Pong(RequestId.ofNumber("2"));
        alice.resume(resumed, resumeReply);

        // The resume reply carries credentials minted at the resume; stale ones queued before it would only cost room.
        assertThat(resumed.sent).containsExactly(resumeReply);
    }

    @Test
    void fixedCredentialsDoNotExpireSoNothingIsRenewed() {
        IceConfig fixed = new IceConfig(List.of(), List.of("turn:127.0.0.1:3478"), null, "user", "pass", Duration.ofSeconds(1));
        TurnCredentialRenewal renewal = renewal(fixed);

        renewal.loggedIn(loggedIn("alice", new Recording()));

        assertThat(renewal.renewing()).isZero();
    }

    /** Computed here with javax.crypto, not with the gateway's code. */
    private static String hmacSha1Base64(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
