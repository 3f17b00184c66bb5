package org.webrtcgateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.webrtcgateway.testing.Sdps;
import org.webrtcgateway.testing.TestClient;
import org.webrtcgateway.testing.redis.RedisExtension;

/**
 * Two nodes of a cluster as separate processes of the bundle, on a real Redis; one dies by SIGKILL, as a crash or
 * the out-of-memory killer would end it, with no chance to say goodbye. The other node's users must hear of it
 * within the bound the settings give: {@code node-expiry + heartbeat + resume-grace} (1 s + 0.2 s + 1 s here).
 */
@Tag("redis")
class ClusterNodeDeathIT {

    @RegisterExtension
    static final UnpackedBundle bundle = UnpackedBundle.perClass();

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @TempDir
    Path folder;

    /** One cluster per test: its nodes share this prefix. */
    private final String keyPrefix = "death" + System.nanoTime();

    private GatewayProcess node(String id) throws Exception {
        return node(id, "1s");
    }

    private GatewayProcess node(String id, String resumeGrace) throws Exception {
        Path config = folder.resolve(id + ".yaml");
        Files.writeString(config, String.join("\n",
                "websocket:", "  bind: 127.0.0.1", "  port: 0",
                "session:", "  resume-grace: " + resumeGrace,
                "cluster:", "  enabled: true", "  redis-uri: " + redis.uri(), "  key-prefix: \"" + keyPrefix + ":\"",
                "  node-id: " + id, "  heartbeat: 200ms", "  node-expiry: 1s", ""));
        return bundle.start(Map.of(), "--config", config.toString());
    }

    @Test
    void aKilledNodesUsersEndForTheOtherNodesUsersAndTheirNamesComeFreeWithinTheBound() throws Exception {
        GatewayProcess dying = node("dying");
        GatewayProcess staying = node("staying");
        TestClient alice = TestClient.connect(dying.awaitWebSocketUri());
        alice.login("alice");
        java.net.URI stayingUri = staying.awaitWebSocketUri();
        TestClient bob = TestClient.connect(stayingUri);
        bob.login("bob");
        assertThat(bob.requestOk("type", "subscribe", "to", "alice").path("status").asText()).isEqualTo("available");
        String call = inARoomAndACall(alice, bob);

        dying.signal("KILL");
        long killed = System.nanoTime();

        // All three arrive once the dead node's session ends; TestClient waits 5 s for each, past the 2.2 s bound.
        Map<String, JsonNode> told = new java.util.HashMap<>();
        for (int i = 0; i < 3; i++) {
            JsonNode message = bob.next();
            told.put(message.path("type").asText(), message);
        }
        assertThat(told).containsOnlyKeys("bye", "peer-left", "presence");
        assertThat(told.get("bye").path("call").asText()).isEqualTo(call);
        assertThat(told.get("bye").path("reason").asText()).isEqualTo("gone");
        assertThat(told.get("peer-left").path("from").asText()).isEqualTo("alice");
        assertThat(told.get("presence").path("status").asText()).isEqualTo("offline");
        long tookMillis = (System.nanoTime() - killed) / 1_000_000;
        assertThat(tookMillis).as("milliseconds from SIGKILL to the end of alice's session").isGreaterThanOrEqualTo(1000);

        TestClient aliceAgain = TestClient.connect(stayingUri);
        assertThat(aliceAgain.login("alice").path("type").asText()).isEqualTo("ok");
    }

    @Test
    void theUsersOfAKilledNodeResumeOnAnotherWithTheirCallsAndRoomsAndAreToldTheyWereInterrupted() throws Exception {
        GatewayProcess dying = node("dying", "30s");
        GatewayProcess staying = node("staying", "30s");
        TestClient alice = TestClient.connect(dying.awaitWebSocketUri());
        String token = alice.login("alice").path("session").asText();
        java.net.URI stayingUri = staying.awaitWebSocketUri();
        TestClient bob = TestClient.connect(stayingUri);
        bob.login("bob");
        String call = inARoomAndACall(alice, bob);

        dying.signal("KILL");
        alice.awaitClose();
        // Sent while alice's node is dead: kept for her in the cluster once the node is found dead.
        bob.requestOk("type", "message", "to", "alice", "data", Map.of("while", "away"));

        TestClient back = TestClient.connect(stayingUri);
        JsonNode resumed = back.requestOk("type", "login", "resume", token);
        assertThat(resumed.path("resumed").asBoolean()).isTrue();
        assertThat(resumed.path("interrupted").asBoolean()).as("her node died: messages around it may be lost").isTrue();
        assertThat(resumed.path("rooms")).extracting(JsonNode::asText).containsExactly("r");
        assertThat(resumed.path("calls")).extracting(JsonNode::asText).containsExactly(call);
        back.requestOk("type", "offer", "call", call, "sdp", Sdps.ONE_AUDIO_STREAM); // an ICE restart's offer
        assertThat(bob.nextOfType("offer").path("call").asText()).isEqualTo(call);
        bob.requestOk("type", "message", "room", "r", "data", Map.of("still", "in"));
        assertThat(back.nextOfType("message", m -> m.path("room").asText().equals("r")).path("data").path("still").asText())
                .isEqualTo("in");
        bob.expectNothing(java.time.Duration.ofMillis(500)); // no bye, no peer-left, no offline
    }

    /** Puts {@code alice} and {@code bob} in room {@code r} and in an answered call that alice placed; returns its id. */
    private static String inARoomAndACall(TestClient alice, TestClient bob) {
        bob.requestOk("type", "join", "room", "r", "capacity", 3);
        alice.requestOk("type", "join", "room", "r");
        bob.next("peer-joined");
        String call = alice.requestOk("type", "offer", "to", "bob", "sdp", Sdps.ONE_AUDIO_STREAM).path("call").asText();
        bob.next("offer");
        bob.requestOk("type", "answer", "call", call, "sdp", Sdps.ONE_AUDIO_STREAM);
        alice.next("answer");
        return call;
    }
}
