package org.webrtcgateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.Sdps;
import org.webrtcgateway.testing.TestClient;
import org.webrtcgateway.testing.redis.RedisExtension;

/** Users on different nodes of one cluster reach each other as on one node. */
@Tag("redis")
class CrossNodeTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @RegisterExtension
    final Nodes nodes = new Nodes(redis);


    @Test
    void aNameTakenOnOneNodeIsTakenOnEveryNode() throws Exception {
        GatewayExtension a = nodes.start("a");
        GatewayExtension b = nodes.start("b");
        a.login("alice");

        b.client().requestError("name-taken", "type", "login", "name", "alice");
    }

    @Test
    void aNameIsFreeOnEveryNodeOnceItsUserLoggedOut() throws Exception {
        GatewayExtension a = nodes.start("a");
        GatewayExtension b = nodes.start("b");
        TestClient alice = a.login("alice");
        alice.closeNormally();

        org.awaitility.Awaitility.await().atMost(TestClient.WAIT).untilAsserted(() -> {
            TestClient again = b.client();
            JsonNode reply = again.request("type", "login", "name", "alice");
            assertThat(reply.path("type").asText()).isEqualTo("ok");
        });
    }

    @Test
    void aCallBetweenUsersOnTwoNodesIsSetUpRelayedAndEnded() throws Exception {
        GatewayExtension a = nodes.start("a");
        GatewayExtension b = nodes.start("b");
        TestClient alice = a.login("alice");
        TestClient bob = b.login("bob");

        String call = alice.requestOk("type", "offer", "to", "bob", "sdp", Sdps.ONE_AUDIO_STREAM).path("call").asText();
        JsonNode offer = bob.next("offer");
        assertThat(offer.path("from").asText()).isEqualTo("alice");
        assertThat(offer.path("sdp").asText()).isEqualTo(Sdps.ONE_AUDIO_STREAM);
        bob.requestOk("type", "answer", "call", call, "sdp", Sdps.ONE_AUDIO_STREAM);
        assertThat(alice.next("answer").path("sdp").asText()).isEqualTo(Sdps.ONE_AUDIO_STREAM);
        bob.requestOk("type", "candidate", "call", call, "candidate",
                java.util.Map.of("candidate", "candidate:1 1 udp 1 127.0.0.1 5000 typ host", "sdpMid", "0", "sdpMLineIndex", 0));
        assertThat(alice.next("candidate").path("candidate").path("candidate").asText()).contains("127.0.0.1 5000");
        alice.requestOk("type", "bye", "call", call);
        assertThat(bob.next("bye").path("call").asText()).isEqualTo(call);
    }

    @Test
    void anOfferToABusyUserOnAnotherNodeEndsWithByeSayingWhy() throws Exception {
        GatewayExtension a = nodes.start("a");
        GatewayExtension b = nodes.start("b", java.util.Map.of("call.max-per-user", "1"));
        TestClient alice = a.login("alice");
        TestClient carol = a.login("carol");
        TestClient bob = b.login("bob");
        carol.requestOk("type", "offer", "to", "bob", "sdp", Sdps.ONE_AUDIO_STREAM);
        bob.next("offer");

        String call = alice.requestOk("type", "offer", "to", "bob", "sdp", Sdps.ONE_AUDIO_STREAM).path("call").asText();

        JsonNode bye = alice.next("bye");
        assertThat(bye.path("call").asText()).isEqualTo(call);
        assertThat(bye.path("reason").asText()).isEqualTo("busy");
    }

    @Test
    void aCallToANameNobodyHoldsIsUnknownPeer() throws Exception {
        nodes.start("a");
        GatewayExtension b = nodes.start("b");
        TestClient bob = b.login("bob");

        bob.requestError("unknown-peer", "type", "offer", "to", "nobody", "sdp", Sdps.ONE_AUDIO_STREAM);
    }

    @Test
    void messagesBetweenNodesKeepEachSendersOrder() throws Exception {
        // Each sender sends its messages at once, past the per-connection rate a browser gets.
        java.util.Map<String, String> unlimited = java.util.Map.of("websocket.messages-per-second", "0");
        GatewayExtension a = nodes.start("a", unlimited);
        GatewayExtension b = nodes.start("b", unlimited);
        GatewayExtension c = nodes.start("c", unlimited);
        TestClient bob = b.login("bob");
        List<TestClient> senders = List.of(a.login("alice"), c.login("carol"), b.login("dave"));
        int each = 300;
        List<CompletableFuture<Void>> sending = new ArrayList<>();
        for (TestClient sender : senders) {
            sending.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < each; i++) {
                    sender.send("type", "message", "to", "bob", "data", java.util.Map.of("n", i));
                }
            }));
        }
        sending.forEach(CompletableFuture::join);

        java.util.Map<String, Integer> next = new java.util.HashMap<>();
        for (int i = 0; i < each * senders.size(); i++) {
            JsonNode message = bob.next("message");
            String from = message.path("from").asText();
            int expected = next.getOrDefault(from, 0);
            assertThat(message.path("data").path("n").asInt()).as("message %d from %s", expected, from).isEqualTo(expected);
            next.put(from, expected + 1);
        }
        assertThat(next).containsOnlyKeys("alice", "carol", "dave").allSatisfy((from, count) -> assertThat(count).isEqualTo(each));
    }

    @Test
    void aRoomAcrossNodesRelaysToEveryMemberAndTellsWhoJoinedAndLeft() throws Exception {
        GatewayExtension a = nodes.start("a");
        GatewayExtension b = nodes.start("b");
        TestClient alice = a.login("alice");
        TestClient bob = b.login("bob");
        TestClient carol = a.login("carol");

        JsonNode created = alice.requestOk("type", "join", "room", "r1", "capacity", 3);
        assertThat(created.path("initiator").asBoolean()).isTrue();
        JsonNode joined = bob.requestOk("type", "join", "room", "r1");
        assertThat(joined.path("peers")).extracting(JsonNode::asText).containsExactly("alice");
        assertThat(alice.next("peer-joined").path("from").asText()).isEqualTo("bob");
        carol.requestOk("type", "join", "room", "r1");
        assertThat(bob.next("peer-joined").path("from").asText()).isEqualTo("carol");
        alice.next("peer-joined");

        bob.requestOk("type", "message", "room", "r1", "data", java.util.Map.of("hi", 1));
        assertThat(alice.next("message").path("from").asText()).isEqualTo("bob");
        assertThat(carol.next("message").path("room").asText()).isEqualTo("r1");

        bob.requestOk("type", "leave", "room", "r1");
        assertThat(alice.next("peer-left").path("from").asText()).isEqualTo("bob");
        assertThat(carol.next("peer-left").path("from").asText()).isEqualTo("bob");
    }

    @Test
    void membersJoiningOnThreeNodesAtOnceEachHearOfEveryOtherMemberExactlyOnce() throws Exception {
        List<GatewayExtension> where = List.of(nodes.start("a"), nodes.start("b"), nodes.start("c"));
        where.get(0).login("owner").requestOk("type", "join", "room", "many", "capacity", 13);
        List<TestClient> members = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            members.add(where.get(i % 3).login("member" + i));
        }
        // Whom each member heard of: in its join's list of peers, or as peer-joined (before or after its ok).
        java.util.Map<TestClient, java.util.Map<String, Integer>> heard = new java.util.concurrent.ConcurrentHashMap<>();
        members.parallelStream().forEach(member -> {
            java.util.Map<String, Integer> counts = new java.util.HashMap<>();
            heard.put(member, counts);
            member.send("type", "join", "room", "many", "id", 1);
            JsonNode message = member.next();
            while (message.path("type").asText().equals("peer-joined")) {
                counts.merge(message.path("from").asText(), 1, Integer::sum);
                message = member.next();
            }
            assertThat(message.path("type").asText()).as(message.toString()).isEqualTo("ok");
            message.path("peers").forEach(peer -> counts.merge(peer.asText(), 1, Integer::sum));
        });
        members.forEach(member -> member.send("type", "message", "room", "many", "data", java.util.Map.of("done", 1)));

        // A member's peer-joined goes the same way as its message after it: once every 'done' is in, all is.
        members.parallelStream().forEach(member -> {
            java.util.Map<String, Integer> counts = heard.get(member);
            java.util.Set<String> done = new java.util.HashSet<>();
            while (done.size() < members.size() - 1) {
                JsonNode message = member.next();
                switch (message.path("type").asText()) {
                    case "peer-joined" -> counts.merge(message.path("from").asText(), 1, Integer::sum);
                    case "message" -> done.add(message.path("from").asText());
                    default -> throw new AssertionError(member + " got " + message);
                }
            }
        });
        for (int i = 0; i < members.size(); i++) {
            java.util.Map<String, Integer> everyOtherOnce = new java.util.HashMap<>(java.util.Map.of("owner", 1));
            for (int j = 0; j < members.size(); j++) {
                if (j != i) {
                    everyOtherOnce.put("member" + j, 1);
                }
            }
            assertThat(heard.get(members.get(i))).as("whom member%d heard of", i).isEqualTo(everyOtherOnce);
        }
    }

    @Test
    void twoNodesCannotBothGiveAwayARoomsLastSeat() throws Exception {
        GatewayExtension a = nodes.start("a");
        GatewayExtension b = nodes.start("b");
        GatewayExtension c = nodes.start("c");
        a.login("owner").requestOk("type", "join", "room", "race", "capacity", 4);
        List<GatewayExtension> where = List.of(a, b, c);
        List<TestClient> racers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            racers.add(where.get(i % 3).login("racer" + i));
        }
        ConcurrentLinkedQueue<String> outcomes = new ConcurrentLinkedQueue<>();
        racers.parallelStream().forEach(racer -> {
            JsonNode reply = racer.request("type", "join", "room", "race");
            outcomes.add(reply.path("type").asText().equals("ok") ? "seated" : reply.path("code").asText());
        });

        assertThat(outcomes).filteredOn("seated"::equals).hasSize(3);
        assertThat(outcomes).filteredOn("room-full"::equals).hasSize(9);
    }

    @Test
    void aFollowerOnAnotherNodeSeesPresenceChangesAndOffline() throws Exception {
        GatewayExtension a = nodes.start("a");
        GatewayExtension b = nodes.start("b");
        TestClient bob = b.login("bob");
        JsonNode before = bob.requestOk("type", "subscribe", "to", "alice");
        assertThat(before.path("status").asText()).isEqualTo("offline");

        TestClient alice = a.login("alice");
        assertThat(bob.next("presence").path("status").asText()).isEqualTo("available");
        alice.requestOk("type", "presence", "status", "away", "note", "lunch");
        JsonNode away = bob.next("presence");
        assertThat(away.path("status").asText()).isEqualTo("away");
        assertThat(away.path("note").asText()).isEqualTo("lunch");
        TestClient carol = b.login("carol");
        JsonNode now = carol.requestOk("type", "subscribe", "to", "alice");
        assertThat(now.path("status").asText()).isEqualTo("away");

        alice.closeNormally();
        assertThat(bob.next("presence").path("status").asText()).isEqualTo("offline");
    }

    @Test
    void aResumeThroughAnotherNodeKeepsTheSessionWithItsRoomsCallsAndWaitingMessagesInOrder() throws Exception {
        GatewayExtension a = nodes.start("a");
        GatewayExtension b = nodes.start("b");
        TestClient alice = a.client();
        String token = alice.login("alice").path("session").asText();
        TestClient bob = b.login("bob");
        TestClient carol = a.login("carol");
        bob.requestOk("type", "join", "room", "r", "capacity", 3);
        alice.requestOk("type", "join", "room", "r");
        bob.next("peer-joined");
        String withBob = alice.requestOk("type", "offer", "to", "bob", "sdp", Sdps.ONE_AUDIO_STREAM).path("call").asText();
        bob.next("offer");
        bob.requestOk("type", "answer", "call", withBob, "sdp", Sdps.ONE_AUDIO_STREAM);
        alice.next("answer");
        String withCarol = carol.requestOk("type", "offer", "to", "alice", "sdp", Sdps.ONE_AUDIO_STREAM).path("call").asText();
        alice.next("offer");
        alice.drop();
        a.awaitDropped("alice");
        for (int i = 0; i < 5; i++) {
            bob.requestOk("type", "message", "to", "alice", "data", java.util.Map.of("n", i));
        }

        TestClient back = b.client();
        JsonNode ok = back.requestOk("type", "login", "resume", token);

        assertThat(ok.path("name").asText()).isEqualTo("alice");
        assertThat(ok.path("resumed").asBoolean()).isTrue();
        assertThat(ok.has("interrupted")).as("its node is alive: nothing was lost").isFalse();
        assertThat(ok.path("rooms")).extracting(JsonNode::asText).containsExactly("r");
        assertThat(ok.path("calls")).extracting(JsonNode::asText).containsExactlyInAnyOrder(withBob, withCarol);
        bob.requestOk("type", "message", "to", "alice", "data", java.util.Map.of("n", 5));
        for (int i = 0; i <= 5; i++) {
            assertThat(back.next("message").path("data").path("n").asInt()).isEqualTo(i);
        }
        // The calls go on, with a user of the new node and with one of the old node.
        back.requestOk("type", "offer", "call", withBob, "sdp", Sdps.ONE_AUDIO_STREAM);
        assertThat(bob.next("offer").path("call").asText()).isEqualTo(withBob);
        carol.requestOk("type", "candidate", "call", withCarol, "candidate",
                java.util.Map.of("candidate", "candidate:1 1 udp 1 127.0.0.1 5000 typ host", "sdpMid", "0", "sdpMLineIndex", 0));
        assertThat(back.next("candidate").path("call").asText()).isEqualTo(withCarol);
        back.requestOk("type", "answer", "call", withCarol, "sdp", Sdps.ONE_AUDIO_STREAM);
        assertThat(carol.next("answer").path("call").asText()).isEqualTo(withCarol);
        // The room too, both ways.
        bob.requestOk("type", "message", "room", "r", "data", java.util.Map.of("room", 1));
        assertThat(back.next("message").path("room").asText()).isEqualTo("r");
        back.requestOk("type", "message", "room", "r", "data", java.util.Map.of("room", 2));
        assertThat(bob.next("message").path("data").path("room").asInt()).isEqualTo(2);
        // The token it came with is spent, on every node.
        a.client().requestError("unauthorized", "type", "login", "resume", token);
        b.client().requestError("unauthorized", "type", "login", "resume", token);
        // A hang-up from the old node's user reaches it on the new one.
        carol.requestOk("type", "bye", "call", withCarol);
        assertThat(back.next("bye").path("call").asText()).isEqualTo(withCarol);
    }

    @Test
    void aNodeThatStopsParksItsSessionsAndTheirBrowsersResumeOnAnotherWithNothingLost() throws Exception {
        GatewayExtension a = nodes.start("a");
        GatewayExtension b = nodes.start("b");
        // not a.client(): the extension closes its own clients before it stops the node
        TestClient alice = TestClient.connect(a.wsUri());
        String token = alice.login("alice").path("session").asText();
        TestClient bob = b.login("bob");
        bob.requestOk("type", "join", "room", "r", "capacity", 3);
        alice.requestOk("type", "join", "room", "r");
        bob.next("peer-joined");
        String call = alice.requestOk("type", "offer", "to", "bob", "sdp", Sdps.ONE_AUDIO_STREAM).path("call").asText();
        bob.next("offer");
        bob.requestOk("type", "answer", "call", call, "sdp", Sdps.ONE_AUDIO_STREAM);
        alice.next("answer");

        a.stop(); // SIGTERM, as a rolling upgrade does

        assertThat(alice.awaitClose().code()).as("going away: the browser resumes elsewhere").isEqualTo(1001);
        bob.requestOk("type", "message", "to", "alice", "data", java.util.Map.of("while", "parked"));
        TestClient back = b.client();
        JsonNode ok = back.requestOk("type", "login", "resume", token);
        assertThat(ok.path("resumed").asBoolean()).isTrue();
        assertThat(ok.has("interrupted")).as("the node stopped cleanly: nothing was lost").isFalse();
        assertThat(ok.path("calls")).extracting(JsonNode::asText).containsExactly(call);
        assertThat(ok.path("rooms")).extracting(JsonNode::asText).containsExactly("r");
        assertThat(back.next("message").path("data").path("while").asText()).isEqualTo("parked");
        back.requestOk("type", "offer", "call", call, "sdp", Sdps.ONE_AUDIO_STREAM);
        assertThat(bob.next("offer").path("call").asText()).as("no bye, no peer-left: the call goes on").isEqualTo(call);
        bob.requestOk("type", "message", "room", "r", "data", java.util.Map.of("room", "still"));
        assertThat(back.next("message").path("room").asText()).isEqualTo("r");
    }

    @Test
    void aCallToAUserWhoLoggedOutAMomentAgoOnAnotherNodeEndsWithByeUnknownPeerAndTheNextRequestIsRefused() throws Exception {
        // a long heartbeat: alice's node keeps knowing bob's name for a second (KnownRemoteNames)
        java.util.Map<String, String> slowBeat = java.util.Map.of("cluster.heartbeat", "5s", "cluster.node-expiry", "15s");
        GatewayExtension a = nodes.start("a", slowBeat);
        GatewayExtension b = nodes.start("b", slowBeat);
        GatewayExtension c = nodes.start("c", slowBeat);
        TestClient alice = a.login("alice");
        TestClient bob = b.login("bob");
        alice.requestOk("type", "message", "to", "bob", "data", java.util.Map.of("hi", 1));
        bob.next("message");
        bob.closeNormally();
        TestClient carol = c.login("carol"); // her node never asked for bob: it asks Redis
        org.awaitility.Awaitility.await("bob's name is free").atMost(TestClient.WAIT).untilAsserted(() ->
                carol.requestError("unknown-peer", "type", "message", "to", "bob", "data", java.util.Map.of()));

        JsonNode offered = alice.request("type", "offer", "to", "bob", "sdp", Sdps.ONE_AUDIO_STREAM);

        assertThat(offered.path("type").asText()).as("alice's node still knew bob's name").isEqualTo("ok");
        JsonNode bye = alice.next("bye");
        assertThat(bye.path("call").asText()).isEqualTo(offered.path("call").asText());
        assertThat(bye.path("reason").asText()).isEqualTo("unknown-peer");
        alice.requestError("unknown-peer", "type", "message", "to", "bob", "data", java.util.Map.of());
    }
}
