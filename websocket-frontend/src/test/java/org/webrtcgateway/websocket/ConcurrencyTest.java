package org.webrtcgateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;

/** Many clients at once: none of their messages is lost, duplicated or reordered per sender. */
class ConcurrencyTest {

    private static final int CLIENTS = 200;
    private static final int MESSAGES_PER_CLIENT = 50;

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension();

    @Test
    void twoHundredClientsLogInAtOnceAndEachGetsEveryMessageOfItsSenderOnceAndInOrder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<TestClient>> logins = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                String name = "user" + i;
                logins.add(pool.submit(() -> gateway.login(name)));
            }
            List<TestClient> clients = new ArrayList<>();
            for (Future<TestClient> login : logins) {
                clients.add(login.get(30, TimeUnit.SECONDS));
            }

            // Each client sends to the next one in a ring, and to a shared room, all at the same time.
            List<Callable<Void>> senders = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                TestClient client = clients.get(i);
                String next = "user" + ((i + 1) % CLIENTS);
                senders.add(() -> {
                    for (int n = 0; n < MESSAGES_PER_CLIENT; n++) {
                        client.send("type", "message", "to", next, "data", n);
                    }
                    return null;
                });
            }
            for (Future<Void> sent : pool.invokeAll(senders)) {
                sent.get(60, TimeUnit.SECONDS);
            }

            for (int i = 0; i < CLIENTS; i++) {
                String previous = "user" + ((i + CLIENTS - 1) % CLIENTS);
                for (int n = 0; n < MESSAGES_PER_CLIENT; n++) {
                    JsonNode message = clients.get(i).next("message");
                    assertThat(message.path("from").asText()).isEqualTo(previous);
                    assertThat(message.path("data").asInt()).as("message %d to user%d", n, i).isEqualTo(n);
                }
            }
            for (TestClient client : clients) {
                client.expectNothing(java.time.Duration.ZERO);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
