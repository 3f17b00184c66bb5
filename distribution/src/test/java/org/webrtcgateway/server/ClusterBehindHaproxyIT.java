package org.webrtcgateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.Sdps;
import org.webrtcgateway.testing.TestClient;
import org.webrtcgateway.testing.haproxy.Haproxy;
import org.webrtcgateway.testing.redis.RedisExtension;

/**
 * Cluster mode as operators run it: three gateway processes from the bundle sharing a real Redis, behind the
 * README's HAProxy configuration (no stickiness). Users land on different nodes and reach each other as on one;
 * Redis restarts mid-test; a node dies by SIGKILL and its users resume on the others or end within the bound.
 */
@Tag("haproxy")
@Tag("redis")
class ClusterBehindHaproxyIT {

    private static final Duration ALL_UP = Duration.ofSeconds(20);

    @RegisterExtension
    final RedisExtension redis = new RedisExtension();

    private GatewayNodes nodes;
    private Haproxy haproxy;
    private final List<TestClient> clients = new ArrayList<>();

    private void startCluster() throws Exception {
        nodes = GatewayNodes.start(3, "--websocket.trusted-proxies", "127.0.0.1/32", "--websocket.proxy-protocol", "true",
                "--websocket.messages-per-second", "0",
                "--cluster.enabled", "true", "--cluster.redis-uri", redis.uri().toString(),
                "--cluster.heartbeat", "200ms", "--cluster.node-expiry", "1s", "--session.resume-grace", "3s");
        haproxy = Haproxy.cluster(nodes.ports());
        haproxy.awaitAllUp(ALL_UP);
    }

    @AfterEach
    void stopAll() {
        clients.forEach(TestClient::close);
        if (haproxy != null) {
            haproxy.close();
        }
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void usersOnDifferentNodesCallMessageShareARoomAndFollowEachOtherThroughHaproxyAndRedisRestartingChangesNothing()
            throws Exception {
        startCluster();
        TestClient alice = loginThroughHaproxy("alice");
        TestClient bob = loginThroughHaproxy("bob");
        TestClient carol = loginThroughHaproxy("carol");
        assertThat(sessionsPerNode()).as("least connections put each on a node of its own").containsExactly(1, 1, 1);

        // a call, set up and relayed across nodes
        String call = alice.requestOk("type", "offer", "to", "bob", "sdp", Sdps.ONE_AUDIO_STREAM).path("call").asText();
        assertThat(bob.next("offer").path("from").asText()).isEqualTo("alice");
        bob.requestOk("type", "answer", "call", call, "sdp", Sdps.ONE_AUDIO_STREAM);
        assertThat(alice.next("answer").path("call").asText()).isEqualTo(call);

        // each sender's order, three nodes sending to one at once
        int each = 200;
        List<TestClient> senders = List.of(alice, bob, loginThroughHaproxy("dave"));
        List<CompletableFuture<Void>> sending = new ArrayList<>();
        for (TestClient sender : senders) {
            sending.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < each; i++) {
                    sender.send("type", "message", "to", "carol", "data", Map.of("n", i));
                }
            }));
        }
        sending.forEach(CompletableFuture::join);
        Map<String, Integer> next = new HashMap<>();
        for (int i = 0; i < each * senders.size(); i++) {
            JsonNode message = carol.next("message");
            String from = message.path("from").asText();
            assertThat(message.path("data").path("n").asInt()).as("from %s", from).isEqualTo(next.getOrDefault(from, 0));
            next.merge(from, 1, Integer::sum);
        }

        // presence, across nodes
        assertThat(carol.requestOk("type", "subscribe", "to", "alice").path("status").asText()).isEqualTo("available");
        alice.requestOk("type", "presence", "status", "away");
        assertThat(carol.next("presence").path("status").asText()).isEqualTo("away");

        // a room's last seats, raced for from every node
        alice.requestOk("type", "join", "room", "race", "capacity", 4);
        List<TestClient> racers = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            racers.add(loginThroughHaproxy("racer" + i));
        }
        ConcurrentLinkedQueue<String> outcomes = new ConcurrentLinkedQueue<>();
        racers.parallelStream().forEach(racer -> {
            JsonNode reply = racer.request("type", "join", "room", "race");
            outcomes.add(reply.path("type").asText().equals("ok") ? "seated" : reply.path("code").asText());
        });
        assertThat(outcomes).filteredOn("seated"::equals).hasSize(3);
        assertThat(outcomes).filteredOn("room-full"::equals).hasSize(6);

        // Redis restarts, empty: the nodes notice, register what they hold again, and go on
        redis.restart();
        haproxy.awaitAllUp(ALL_UP);
        await("a cross-node message goes through after Redis came back").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode reply = bob.request("type", "message", "to", "alice", "data", Map.of("after", "restart"));
            assertThat(reply.path("type").asText()).isEqualTo("ok");
        });
        assertThat(alice.nextOfType("message").path("data").path("after").asText()).isEqualTo("restart");
        // Each node registers its users again on its own next heartbeat; until carol's has, her name is free in the
        // empty Redis (ADR 0025), so the refusal is only owed once it has.
        await("every node registered its users again").atMost(Duration.ofSeconds(10))
                .until(() -> Stream.of("alice", "bob", "carol").allMatch(name -> redis.exists("gw:name:" + name)));
        connectThroughHaproxy().requestError("name-taken", "type", "login", "name", "carol");
    }

    @Test
    void aKilledNodesUsersResumeOnTheOthersOrEndWithinTheBound() throws Exception {
        startCluster();
        Map<String, TestClient> users = new HashMap<>();
        Map<String, String> nodeOf = new HashMap<>();
        Map<String, String> tokenOf = new HashMap<>();
        for (String name : List.of("alice", "bob", "carol", "dave")) {
            TestClient user = loginThroughHaproxy(name);
            users.put(name, user);
            nodeOf.put(name, lastLoginNode);
            tokenOf.put(name, lastSession);
        }
        // dave shares a node with one of the first three: that node dies; its other user resumes, dave does not
        String doomed = nodeOf.get("dave");
        String resumer = List.of("alice", "bob", "carol").stream().filter(name -> nodeOf.get(name).equals(doomed))
                .findFirst().orElseThrow();
        String survivor = List.of("alice", "bob", "carol").stream().filter(name -> !nodeOf.get(name).equals(doomed))
                .findFirst().orElseThrow();
        TestClient stays = users.get(survivor);
        stays.requestOk("type", "subscribe", "to", "dave");
        String call = users.get(resumer).requestOk("type", "offer", "to", survivor, "sdp", Sdps.ONE_AUDIO_STREAM)
                .path("call").asText();
        stays.next("offer");
        stays.requestOk("type", "answer", "call", call, "sdp", Sdps.ONE_AUDIO_STREAM);
        users.get(resumer).next("answer");

        nodes.kill(nodeIndex(doomed));
        users.get(resumer).awaitClose();
        users.get("dave").awaitClose();

        // the resumer comes back through HAProxy, to another node, and keeps its call
        TestClient back = connectThroughHaproxy();
        JsonNode resumed = back.requestOk("type", "login", "resume", tokenOf.get(resumer));
        assertThat(resumed.path("resumed").asBoolean()).isTrue();
        assertThat(resumed.path("interrupted").asBoolean()).isTrue();
        assertThat(resumed.path("calls")).extracting(JsonNode::asText).containsExactly(call);
        back.requestOk("type", "offer", "call", call, "sdp", Sdps.ONE_AUDIO_STREAM); // the ICE restart's offer
        assertThat(stays.nextOfType("offer").path("call").asText()).isEqualTo(call);

        // dave does not come back: his follower sees him offline and his name comes free within
        // node-expiry + heartbeat + resume-grace (1 + 0.2 + 3 s; TestClient waits 5 s for each message)
        stays.nextOfType("presence", presence -> presence.path("from").asText().equals("dave")
                && presence.path("status").asText().equals("offline"));
        assertThat(connectThroughHaproxy().requestOk("type", "login", "name", "dave").path("name").asText()).isEqualTo("dave");
    }

    /** Where the last {@link #loginThroughHaproxy} landed, and the resume token it got. */
    private String lastLoginNode;
    private String lastSession;

    private TestClient connectThroughHaproxy() {
        TestClient client = TestClient.connect(haproxy.webSocketUri());
        clients.add(client);
        return client;
    }

    /** Logs {@code name} in through HAProxy and notes the node it landed on ({@link #lastLoginNode}). */
    private TestClient loginThroughHaproxy(String name) {
        List<Integer> before = sessionsPerNode();
        TestClient client = connectThroughHaproxy();
        lastSession = client.login(name).path("session").asText();
        List<Integer> after = sessionsPerNode();
        for (int i = 0; i < after.size(); i++) {
            if (after.get(i) > before.get(i)) {
                lastLoginNode = "node" + (i + 1);
            }
        }
        return client;
    }

    private int nodeIndex(String node) {
        return Integer.parseInt(node.substring("node".length())) - 1;
    }

    private List<Integer> sessionsPerNode() {
        List<Integer> sessions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sessions.add(nodes.sessionsOn(i));
        }
        return sessions;
    }
}
