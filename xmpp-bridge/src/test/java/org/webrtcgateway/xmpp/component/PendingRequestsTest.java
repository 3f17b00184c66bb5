package org.webrtcgateway.xmpp.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.jivesoftware.smack.SmackException.NoResponseException;
import org.jivesoftware.smack.SmackException.NotConnectedException;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.EmptyResultIQ;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.webrtcgateway.core.api.BridgeThread;

/** IQ requests through the component: each completes once, on the bridge's thread, however its answer goes. */
class PendingRequestsTest {

    private final ScheduledExecutorService thread = BridgeThread.start("test-bridge");
    private final List<Stanza> sent = new ArrayList<>();
    private final PendingRequests requests = new PendingRequests(sent::add, thread, Duration.ofMillis(200));

    @AfterEach
    void stop() {
        thread.shutdownNow();
    }

    @Test
    void theAddresseesResultCompletesTheRequest() throws Exception {
        CompletionStage<IQ> reply = on(() -> requests.send(request("q1", "bob@localhost/pc")));

        IQ result = answer("q1", "bob@localhost/pc", null);
        assertThat(on(() -> requests.answer(result))).isTrue();

        assertThat(reply.toCompletableFuture().get(5, TimeUnit.SECONDS)).isSameAs(result);
        assertThat(sent).hasSize(1);
    }

    @Test
    void anAnswerFromAnyoneButTheAddresseeIsIgnored() throws Exception {
        CompletionStage<IQ> reply = on(() -> requests.send(request("q1", "bob@localhost/pc")));

        assertThat(on(() -> requests.answer(answer("q1", "mallory@localhost/pc", null)))).isFalse();
        assertThat(reply.toCompletableFuture()).isNotDone();
    }

    @Test
    void aResourceMayAnswerARequestToItsBareJid() throws Exception {
        CompletionStage<IQ> reply = on(() -> requests.send(request("q1", "bob@localhost")));

        assertThat(on(() -> requests.answer(answer("q1", "bob@localhost/pc", null)))).isTrue();
        assertThat(reply.toCompletableFuture().get(5, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void anErrorAnswerFailsItWithTheStanzaError() throws Exception {
        CompletionStage<IQ> reply = on(() -> requests.send(request("q1", "bob@localhost/pc")));

        on(() -> requests.answer(answer("q1", "bob@localhost/pc", StanzaError.Condition.feature_not_implemented)));

        assertThat(failureOf(reply)).isInstanceOfSatisfying(XMPPErrorException.class,
                e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.feature_not_implemented));
    }

    @Test
    void noAnswerInTimeFailsItWithNoResponseOnTheBridgeThread() throws Exception {
        CompletableFuture<String> completedOn = new CompletableFuture<>();
        CompletionStage<IQ> reply = on(() -> requests.send(request("q1", "bob@localhost/pc")));
        reply.whenComplete((iq, failure) -> completedOn.complete(Thread.currentThread().getName()));

        await().atMost(Duration.ofSeconds(5)).until(() -> reply.toCompletableFuture().isDone());

        assertThat(failureOf(reply)).isInstanceOf(NoResponseException.class);
        assertThat(completedOn.get(5, TimeUnit.SECONDS)).isEqualTo("test-bridge");
    }

    @Test
    void theStreamGoingDownFailsEveryWaitingRequest() throws Exception {
        CompletionStage<IQ> first = on(() -> requests.send(request("q1", "bob@localhost/pc")));
        CompletionStage<IQ> second = on(() -> requests.send(request("q2", "carol@localhost/pc")));

        on(() -> {
            requests.failAll("gone");
            return null;
        });

        assertThat(failureOf(first)).isInstanceOf(NotConnectedException.class);
        assertThat(failureOf(second)).isInstanceOf(NotConnectedException.class);
    }

    @Test
    void aRequestThatCannotBeSentFailsAtOnce() throws Exception {
        PendingRequests down = new PendingRequests(stanza -> {
            throw new NotConnectedException("down");
        }, thread, Duration.ofSeconds(5));

        CompletionStage<IQ> reply = on(() -> down.send(request("q1", "bob@localhost/pc")));

        assertThat(failureOf(reply)).isInstanceOf(NotConnectedException.class);
    }

    private <T> T on(Supplier<T> work) throws Exception {
        return thread.submit(work::get).get(5, TimeUnit.SECONDS);
    }

    private static Throwable failureOf(CompletionStage<IQ> reply) throws Exception {
        try {
            reply.toCompletableFuture().get(5, TimeUnit.SECONDS);
            throw new AssertionError("it succeeded");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private static IQ request(String id, String to) {
        try {
            return DiscoverInfo.builder(id).ofType(IQ.Type.get).from(JidCreate.from("alice@gw.localhost/gateway"))
                    .to(JidCreate.from(to)).build();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static IQ answer(String id, String from, StanzaError.Condition error) {
        try {
            IQ answer = new EmptyResultIQ();
            answer.setStanzaId(id);
            answer.setFrom(JidCreate.from(from));
            answer.setTo(JidCreate.from("alice@gw.localhost/gateway"));
            if (error != null) {
                answer = IQ.createErrorResponse(request(id, from), StanzaError.getBuilder(error).build());
                answer.setFrom(JidCreate.from(from));
            }
            return answer;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
