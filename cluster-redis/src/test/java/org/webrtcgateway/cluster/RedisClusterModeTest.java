package org.webrtcgateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.Sdps;
import org.webrtcgateway.testing.TestClient;
import org.webrtcgateway.testing.redis.RedisClusterExtension;

/**
 * Nodes on a Redis Cluster ({@code cluster.redis-mode: cluster}): a real one of three masters with a replica each.
 * Every key of the gateway's cluster carries one hash tag, so the scripts run on the one master that holds them
 * all; when that master dies, its replica takes over and the nodes carry on by themselves.
 */
@Tag("redis")
class RedisClusterModeTest {

    @RegisterExtension
    static final RedisClusterExtension redisCluster = new RedisClusterExtension();

    @RegisterExtension
    final Nodes nodes = new Nodes(redisCluster);

    @Test
    void nodesOnARedisClusterShareNamesMessagesCallsAndRoomsWithEveryKeyInOneSlot() throws Exception {
        GatewayExtension a = nodes.start("a");
        GatewayExtension b = nodes.start("b");
        TestClient alice = a.login("alice");
        TestClient bob = b.login("bob");

        b.client().requestError("name-taken", "type", "login", "name", "alice");
        alice.requestOk("type", "message", "to", "bob", "data", Map.of("via", "redis cluster"));
        assertThat(bob.next("message").path("data").path("via").asText()).isEqualTo("redis cluster");
        String call = alice.requestOk("type", "offer", "to", "bob", "sdp", Sdps.ONE_AUDIO_STREAM).path("call").asText();
        assertThat(bob.next("offer").path("call").asText()).isEqualTo(call);
        bob.requestOk("type", "answer", "call", call, "sdp", Sdps.ONE_AUDIO_STREAM);
        assertThat(alice.next("answer").path("call").asText()).isEqualTo(call);
        alice.requestOk("type", "join", "room", "r", "capacity", 2);
        bob.requestOk("type", "join", "room", "r");
        assertThat(alice.next("peer-joined").path("from").asText()).isEqualTo("bob");
        b.login("carol").requestError("room-full", "type", "join", "room", "r");

        String tagged = "{" + nodes.prefix() + "}";
        int holder = redisCluster.masterOf(tagged + "nodes");
        assertThat(redisCluster.keys(holder, tagged + "*")).contains(tagged + "name:alice", tagged + "name:bob", tagged + "nodes");
        for (int other : redisCluster.masters()) {
            if (other != holder) {
                assertThat(redisCluster.keys(other, "*" + nodes.prefix() + "*")).as("keys on master %d", other).isEmpty();
            }
        }
    }

    @Test
    void whenTheMasterHoldingTheKeysIsKilledItsReplicaTakesOverAndTheNodesCarryOn() throws Exception {
        // A node expiry as an operator sets it, longer than a failover's effects take to settle: the nodes come back
        // to Redis each on its own time (its client learns the new master by itself), and until the other has
        // beaten again neither may take it for dead.
        Map<String, String> expiry = Map.of("cluster.node-expiry", "3s");
        GatewayExtension a = nodes.start("a", expiry);
        GatewayExtension b = nodes.start("b", expiry);
        TestClient alice = a.login("alice");
        TestClient bob = b.login("bob");
        alice.requestOk("type", "message", "to", "bob", "data", Map.of("n", 1));
        bob.next("message");
        String nodesKey = "{" + nodes.prefix() + "}nodes";
        int master = redisCluster.masterOf(nodesKey);

        redisCluster.kill(master);
        redisCluster.awaitFailover(nodesKey, master);

        // Until the nodes have followed the failover a message may be refused 'unreachable'; then they go on.
        await("a message from node a reaches bob on node b again").atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode reply = alice.request("type", "message", "to", "bob", "data", Map.of("n", 2));
            assertThat(reply.path("type").asText()).as(reply.toString()).isEqualTo("ok");
        });
        assertThat(bob.next("message").path("data").path("n").asInt()).isEqualTo(2);
        // What the cluster knew survived on the replica: names are still unique (nobody took alice for dead while
        // no node could beat), and new logins work.
        b.client().requestError("name-taken", "type", "login", "name", "alice");
        TestClient carol = b.login("carol");
        carol.requestOk("type", "message", "to", "alice", "data", Map.of("from", "carol"));
        assertThat(alice.next("message").path("data").path("from").asText()).isEqualTo("carol");
    }
}
