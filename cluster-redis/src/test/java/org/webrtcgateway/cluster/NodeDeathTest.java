package org.webrtcgateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * A node that stops taking part (as a crash looks to the others): one of its users resumes on another node, keeping
 * its call; another does not come back and ends for its follower within the bound. The same as
 * ClusterBehindHaproxyIT with SIGKILL, in one JVM.
 */
@Tag("redis")
class NodeDeathTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @RegisterExtension
    final Nodes nodes = new Nodes(redis);


    @Test
    void oneUserOfADeadNodeResumesElsewhereWhileAnotherEndsForItsFollower() throws Exception {
        Map<String, String> grace = Map.of("session.resume-grace", "2s");
        GatewayExtension a = nodes.start("a", grace);
        GatewayExtension b = nodes.start("b", grace);
        TestClient alice = a.client();
        String token = alice.login("alice").path("session").asText();
        TestClient dave = a.login("dave");
        TestClient bob = b.login("bob");
        bob.requestOk("type", "subscribe", "to", "dave");
        String call = alice.requestOk("type", "offer", "to", "bob", "sdp", Sdps.ONE_AUDIO_STREAM).path("call").asText();
        bob.next("offer");
        bob.requestOk("type", "answer", "call", call, "sdp", Sdps.ONE_AUDIO_STREAM);
        alice.next("answer");

        ((RedisCluster) a.injector().getInstance(Cluster.class)).haltWithoutLeaving();
        long halted = System.nanoTime();
        TestClient back = b.client();
        JsonNode resumed = back.requestOk("type", "login", "resume", token);
        long resumedAfter = (System.nanoTime() - halted) / 1_000_000;

        assertThat(resumed.path("interrupted").asBoolean()).isTrue();
        assertThat(resumed.path("calls")).extracting(JsonNode::asText).containsExactly(call);
        back.requestOk("type", "offer", "call", call, "sdp", Sdps.ONE_AUDIO_STREAM);
        assertThat(bob.nextOfType("offer").path("call").asText()).isEqualTo(call);
        JsonNode offline = bob.nextOfType("presence", p -> p.path("from").asText().equals("dave"));
        assertThat(offline.path("status").asText()).as("resumed after %d ms", resumedAfter).isEqualTo("offline");
    }
}
