package org.webrtcgateway.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.call.Call;
import org.webrtcgateway.core.protocol.RequestId;
import org.webrtcgateway.core.protocol.ServerMessage;

/** What a session keeps for a resume when its connection dies under it. */
class SessionTest {

    /** A connection that can be made to die: it then refuses new messages and reports some as unsent. */
    private static final class FakeConnection implements ClientConnection {
        final List<ServerMessage> delivered = new ArrayList<>();
        final List<ServerMessage> unsent = new ArrayList<>();
        boolean dead;

        @Override
        public boolean send(ServerMessage message) {
            if (dead) {
                return false;
            }
            delivered.add(message);
            return true;
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

    @Test
    void messagesTheDyingConnectionCouldNotWriteOrRefusedReachTheResumedOneInOrder() {
        Session session = new Session(new Address.Local("alice"), "token", 10, s -> { });
        FakeConnection first = new FakeConnection();
        session.attach(first, pong(0));
        session.send(pong(1));
        first.dead = true;
        first.unsent.add(pong(1)); // written, but the write failed
        session.send(pong(2)); // refused: the connection is closed but has not been detached yet

        assertThat(session.detach(first)).isPositive();
        session.send(pong(3));
        FakeConnection second = new FakeConnection();
        Session.ResumeResult resumed = session.resume(second, pong(100));

        assertThat(resumed.succeeded()).isTrue();
        assertThat(second.delivered).containsExactly(pong(100), pong(1), pong(2), pong(3));
    }

    @Test
    void aQueueThatWouldPassItsLimitEndsTheSessionInsteadOfGrowing() {
        List<Session> overflowed = new ArrayList<>();
        Session session = new Session(new Address.Local("alice"), "token", 2, overflowed::add);
        FakeConnection connection = new FakeConnection();
        session.attach(connection, pong(0));
        session.detach(connection);

        assertThat(session.send(pong(1))).isTrue();
        assertThat(session.send(pong(2))).isTrue();
        assertThat(session.send(pong(3))).isFalse();

        assertThat(overflowed).containsExactly(session);
    }

    @Test
    void aSessionKeepsAndForgetsEachOfManyCallsByItsOwnId() {
        Session alice = new Session(new Address.Local("alice"), "token", 8, s -> { });
        Session bob = new Session(new Address.Local("bob"), "token", 8, s -> { });
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
