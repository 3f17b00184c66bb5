package org.webrtcgateway.sip.call;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import javax.sip.ResponseEvent;

import org.webrtcgateway.sip.stack.ClientHandler;

/**
 * The goodbyes (BYE, CANCEL) sent to SIP that still wait for their final response: what the bridge's stop
 * waits for, and names when it cannot wait longer. An entry leaves at its final response or when its
 * transaction times out, so in normal operation the set holds only what is in flight.
 */
public final class Farewells {

    /** Concurrent: the bridge thread adds and removes, the stopping thread counts what is left. */
    private final Set<Farewell> pending = ConcurrentHashMap.newKeySet();

    /** The handler for one goodbye of {@code method}; it is pending until answered or given up. Bridge thread. */
    public ClientHandler expect(String method) {
        Farewell farewell = new Farewell(method, new CompletableFuture<>());
        pending.add(farewell);
        return farewell;
    }

    /** Completes when every goodbye pending now has its answer or its transaction gave up. */
    public CompletableFuture<Void> allAnswered() {
        return CompletableFuture.allOf(pending.stream().map(Farewell::answered).toArray(CompletableFuture[]::new));
    }

    /** What is still unanswered, e.g. {@code "2 BYE, 1 CANCEL"}; empty when nothing is. Any thread. */
    public String unanswered() {
        Map<String, Integer> byMethod = new TreeMap<>();
        pending.forEach(farewell -> byMethod.merge(farewell.method(), 1, Integer::sum));
        StringBuilder text = new StringBuilder();
        byMethod.forEach((method, count) -> text.append(text.isEmpty() ? "" : ", ").append(count).append(' ').append(method));
        return text.toString();
    }

    /** Identity matters (two BYEs are two entries), hence a class and not a record's value equality. */
    private final class Farewell implements ClientHandler {
        private final String method;
        private final CompletableFuture<Void> answered;

        Farewell(String method, CompletableFuture<Void> answered) {
            this.method = method;
            this.answered = answered;
        }

        String method() {
            return method;
        }

        CompletableFuture<Void> answered() {
            return answered;
        }

        @Override
        public void onResponse(ResponseEvent event) {
            if (event.getResponse().getStatusCode() >= 200) {
                done();
            }
        }

        @Override
        public void onFailure(String reason) {
            done();
        }

        private void done() {
            pending.remove(this);
            answered.complete(null);
        }
    }
}
