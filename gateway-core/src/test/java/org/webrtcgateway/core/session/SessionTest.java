package org.webrtcgateway.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.call.Call;
import org.webrtcgateway.core.protocol.ClientConnection;
import org.webrtcgateway.core.protocol.CloseReason;
import org.webrtcgateway.core.protocol.RequestId;
import org.webrtcgateway.core.protocol.ServerMessage;

/** What a session keeps for a resume when its connection dies under it. */
class SessionTest {

    /**
     * A connection that can be made to die (it then refuses new messages and reports some as unsent),
     * and whose write buffer holds {@code capacity} messages until the test lets the client read them.
     */
    private static final class FakeConnection implements ClientConnection {
        final List<ServerMessage> delivered = new ArrayList<>();
        final List<ServerMessage> unsent = new ArrayList<>();
        int capacity = Integer.MAX_VALUE;
        int buffered;
        boolean dead;
        int releases;

        @Override
        public boolean send(ServerMessage message) {
            if (dead) {
                return false;
            }
            delivered.add(message);
            buffered++;
            return true;
        }

        @Override
        public boolean isWritable() {
            return !dead && buffered < capacity;
        }

        /** The client read everything buffered. */
        void clientReads() {
            buffered = 0;
        }

        @Override
        public void released() {
            releases++;
        }

        @Override
        public List<ServerMessage> unsent() {
            return unsent;
        }

        @Override
        public void close(CloseReason reason) {
            dead = true;
        }

        @Override
        public String remoteAddress() {
            return "test";
        }
    }

    private static ServerMessage pong(int n) {
        return new ServerMessage.Pong(RequestId.ofNumber(String.valueOf(n)));
    }

    /** Each message weighs 100 bytes (plus the queue's overhead per entry). */
    private static QueueLimits limits(int messages, long bytes, QueueBudget budget) {
        return new QueueLimits(messages, bytes, budget, message -> 100);
    }

    private static Session session(String name, int queueMessages, List<String> overflows) {
        return new Session(new Address.Local(name), "token", 8, limits(queueMessages, 1 << 20, new QueueBudget(1 << 30)),
                (s, bound) -> overflows.add(bound));
    }

    /** Attaches a connection (the login reply goes to it) and drops it: the session then queues. */
    private static FakeConnection dropAfterLogin(Session session) {
        FakeConnection connection = new FakeConnection();
        session.attach(connection, pong(0));
        session.detach(connection);
        return connection;
    }

    private static Session session(String name) {
        return session(name, 1024, new ArrayList<>());
    }

    @Test
    void whatAnotherThreadSendsWhileARequestIsHandledFollowsTheRequestsReply() throws Exception {
        Session session = session("alice");
        FakeConnection connection = new FakeConnection();
        session.attach(connection, pong(0));

        session.requestBegins();
        // A bridge answers what the request started before the request's reply is out (its own thread).
        Thread bridge = new Thread(() -> session.send(pong(2)));
        bridge.start();
        bridge.join();
        assertThat(session.reply(connection, pong(1))).isTrue();
        session.requestEnded();
        session.send(pong(3));

        assertThat(connection.delivered).containsExactly(pong(0), pong(1), pong(2), pong(3));
    }

    @Test
    void theRequestsOwnThreadIsNotHeldBack() {
        Session session = session("alice");
        FakeConnection connection = new FakeConnection();
        session.attach(connection, pong(0));

        session.requestBegins();
        session.send(pong(1)); // e.g. a room's peer-joined the request itself causes, before its ok
        session.reply(connection, pong(2));
        session.requestEnded();

        assertThat(connection.delivered).containsExactly(pong(0), pong(1), pong(2));
    }

    @Test
    void messagesTheDyingConnectionCouldNotWriteOrRefusedReachTheResumedOneInOrder() {
        Session session = session("alice");
        FakeConnection first = new FakeConnection();
        session.attach(first, pong(0));
        session.send(pong(1));
        first.dead = true;
        first.unsent.add(pong(1)); // written, but the write failed
        session.send(pong(2)); // refused: the connection is closed but has not been detached yet

        assertThat(session.detach(first).overflow()).isNull();
        session.send(pong(3));
        FakeConnection second = new FakeConnection();
        Session.ResumeResult resumed = session.resume(second, pong(100));

        assertThat(resumed.succeeded()).isTrue();
        assertThat(second.delivered).containsExactly(pong(100), pong(1), pong(2), pong(3));
    }

    @Test
    void aQueueThatWouldPassItsMessageLimitEndsTheSessionInsteadOfGrowing() {
        List<String> overflows = new ArrayList<>();
        Session session = session("alice", 2, overflows);
        dropAfterLogin(session);

        assertThat(session.send(pong(1))).isTrue();
        assertThat(session.send(pong(2))).isTrue();
        assertThat(session.send(pong(3))).isFalse();

        assertThat(overflows).singleElement().asString().contains("2 messages");
    }

    @Test
    void aQueueIsBoundedInBytesWhateverTheCountAllows() {
        List<String> overflows = new ArrayList<>();
        int weight = 100 + ResumeQueue.ENTRY_OVERHEAD;
        Session session = new Session(new Address.Local("alice"), "token", 8,
                limits(1000, 3L * weight, new QueueBudget(1 << 30)), (s, bound) -> overflows.add(bound));
        dropAfterLogin(session);

        for (int i = 1; i <= 3; i++) {
            assertThat(session.send(pong(i))).isTrue();
        }
        assertThat(session.send(pong(4))).isFalse();
        assertThat(overflows).singleElement().asString().contains("bytes");
    }

    @Test
    void theQueuesOfAllSessionsTogetherStayWithinTheSharedBudgetAndGiveItBackWhenTheyEnd() {
        int weight = 100 + ResumeQueue.ENTRY_OVERHEAD;
        QueueBudget budget = new QueueBudget(5L * weight);
        List<String> overflows = new ArrayList<>();
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Session session = new Session(new Address.Local("user" + i), "token", 8, limits(1000, 1 << 20, budget),
                    (s, bound) -> overflows.add(bound));
            dropAfterLogin(session);
            sessions.add(session);
        }

        assertThat(sessions.get(0).send(pong(1))).isTrue();
        assertThat(sessions.get(0).send(pong(2))).isTrue();
        assertThat(sessions.get(1).send(pong(1))).isTrue();
        assertThat(sessions.get(1).send(pong(2))).isTrue();
        assertThat(sessions.get(2).send(pong(1))).isTrue();
        assertThat(sessions.get(2).send(pong(2))).as("the sixth message overall").isFalse();
        assertThat(overflows).singleElement().asString().contains("all sessions");
        assertThat(budget.used()).isEqualTo(5L * weight);

        sessions.get(0).end();
        FakeConnection resumed = new FakeConnection();
        sessions.get(1).resume(resumed, pong(100));

        assertThat(budget.used()).as("an ended session and a flushed queue give their bytes back").isEqualTo(weight);
    }

    @Test
    void aResumeSendsTheBacklogOnlyAsFastAsTheConnectionTakesItAndNewMessagesQueueBehindIt() {
        Session session = session("alice");
        FakeConnection first = dropAfterLogin(session);
        for (int i = 1; i <= 5; i++) {
            session.send(pong(i));
        }
        FakeConnection second = new FakeConnection();
        second.capacity = 3;

        session.resume(second, pong(100));
        assertThat(second.delivered).containsExactly(pong(100), pong(1), pong(2));

        session.send(pong(6));
        assertThat(second.delivered).as("a new message waits behind the backlog").hasSize(3);

        second.clientReads();
        session.writable(second);
        assertThat(second.delivered).containsExactly(pong(100), pong(1), pong(2), pong(3), pong(4), pong(5));
        second.clientReads();
        session.writable(second);
        assertThat(second.delivered).containsExactly(pong(100), pong(1), pong(2), pong(3), pong(4), pong(5), pong(6));

        session.send(pong(7));
        assertThat(second.delivered).as("with the backlog gone, messages go straight out again").endsWith(pong(7));
    }

    @Test
    void aDroppedConnectionIsReleasedOnlyWhenItsSessionIsResumedOrEnds() {
        Session session = session("alice");
        FakeConnection first = dropAfterLogin(session);
        assertThat(first.releases).isZero();

        FakeConnection second = new FakeConnection();
        session.resume(second, pong(1));
        assertThat(first.releases).isEqualTo(1);

        session.detach(second);
        session.end();
        assertThat(second.releases).isEqualTo(1);
    }

    @Test
    void aSessionKeepsAndForgetsEachOfManyCallsByItsOwnId() {
        Session alice = session("alice");
        Session bob = session("bob");
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Call call = new Call("c" + i, alice, bob);
            calls.add(call);
            assertThat(alice.addCall(call)).isTrue();
            assertThat(alice.addCall(new Call("c" + i, alice, bob))).as("a second call with a taken id").isFalse();
        }
        assertThat(alice.callCount()).isEqualTo(20);
        assertThat(alice.calls()).containsExactlyInAnyOrderElementsOf(calls);

        alice.removeCall(new Call("c3", alice, bob));
        assertThat(alice.call("c3")).as("only the very call is removed, not another with its id").isSameAs(calls.get(3));
        for (int i = 0; i < 20; i += 2) {
            alice.removeCall(calls.get(i));
        }
        assertThat(alice.callCount()).isEqualTo(10);
        assertThat(alice.call("c0")).isNull();
        assertThat(alice.call("c1")).isSameAs(calls.get(1));
        assertThat(alice.addCall(new Call("c0", alice, bob))).as("a freed id can be used again").isTrue();
    }
}
