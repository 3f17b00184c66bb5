package org.webrtcgateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.core.cluster.Cluster;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.Sdps;
import org.webrtcgateway.testing.TestClient;
import org.webrtcgateway.testing.redis.RedisExtension;

/** While Redis is away, nodes serve their own users and refuse cross-node work; when it is back they recover alone. */
@Tag("redis")
class RedisOutageTest {

    @RegisterExtension
    final RedisExtension redis = new RedisExtension();

    @RegisterExtension
    final Nodes nodes = new Nodes(redis);
    private final HttpClient http = HttpClient.newHttpClient();


    @Test
    void whileRedisIsAwayLocalUsersGoOnAndCrossNodeWorkIsUnreachableThenAllRecoversWhenItIsBackEmpty() throws Exception {
        GatewayExtension a = nodes.start("a");
        GatewayExtension b = nodes.start("b");
        TestClient alice = a.login("alice");
        TestClient carol = a.login("carol");
        TestClient bob = b.login("bob");
        alice.requestOk("type", "join", "room", "r", "capacity", 5);
        bob.requestOk("type", "join", "room", "r");
        alice.next("peer-joined");
        assertThat(readyz(a).statusCode()).isEqualTo(200);

        redis.kill();

        await("node a reports Redis unreachable").atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            HttpResponse<String> ready = readyz(a);
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("cluster: Redis");
        });
        // Users of one node still call and message each other.
        String call = alice.requestOk("type", "offer", "to", "carol", "sdp", Sdps.ONE_AUDIO_STREAM).path("call").asText();
        assertThat(carol.next("offer").path("call").asText()).isEqualTo(call);
        alice.requestOk("type", "message", "to", "carol", "data", Map.of("still", "here"));
        assertThat(carol.next("message").path("data").path("still").asText()).isEqualTo("here");
        // What needs another node, or a cluster-wide claim, is refused with a reason.
        JsonNode toBob = alice.requestError("unreachable", "type", "message", "to", "bob", "data", Map.of());
        assertThat(toBob.path("message").asText()).contains("cluster store is unreachable");
        a.client().requestError("unreachable", "type", "login", "name", "dave");

        redis.start(); // empty: Redis kept nothing

        await("node a is ready again").atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(readyz(a).statusCode()).isEqualTo(200));
        await("both nodes registered their users again").atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                b.client().requestError("name-taken", "type", "login", "name", "alice"));
        alice.requestOk("type", "message", "to", "bob", "data", Map.of("after", "outage"));
        assertThat(bob.next("message").path("data").path("after").asText()).isEqualTo("outage");
        // The room was registered again too: a message reaches the member on the other node.
        bob.requestOk("type", "message", "room", "r", "data", Map.of("room", "back"));
        assertThat(alice.next("message").path("data").path("room").asText()).isEqualTo("back");
    }

    @Test
    void aNodeWhoseInboxFallsBehindIsNotReadyUntilItHasCaughtUp() throws Exception {
        GatewayExtension a = nodes.start("a");
        GatewayExtension b = nodes.start("b");
        TestClient alice = a.login("alice");
        TestClient bob = b.login("bob");
        RedisCluster bobsNode = (RedisCluster) b.injector().getInstance(Cluster.class);

        bobsNode.pauseInbox();
        alice.requestOk("type", "message", "to", "bob", "data", Map.of("waits", "unread"));

        await("node b reports its inbox behind, past cluster.node-expiry (400ms)").atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> {
                    HttpResponse<String> ready = readyz(b);
                    assertThat(ready.statusCode()).isEqualTo(503);
                    assertThat(ready.body()).contains("inbox is").contains("ms behind");
                });
        assertThat(readyz(a).statusCode()).as("the sender's node is not behind").isEqualTo(200);

        bobsNode.resumeInbox();

        assertThat(bob.next("message").path("data").path("waits").asText()).isEqualTo("unread");
        await("node b is ready again").atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(readyz(b).statusCode()).isEqualTo(200));
    }

    private HttpResponse<String> readyz(GatewayExtension node) throws Exception {
        return http.send(HttpRequest.newBuilder(node.httpUri("/readyz")).build(), HttpResponse.BodyHandlers.ofString());
    }
}
