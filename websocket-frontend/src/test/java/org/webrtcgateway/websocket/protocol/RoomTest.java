package org.webrtcgateway.websocket.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.TestClient;

/** PROTOCOL.md, client to gateway: {@code join}, {@code leave}, and {@code message} to a {@code room}. */
class RoomTest {

    private static final Duration QUIET = Duration.ofMillis(200);

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension()
            .with("room.max-per-connection", "3")
            .with("room.max-capacity", "10");

    @Test
    void theFirstToJoinCreatesTheRoomAndIsInitiatorWithTheDefaultCapacity() {
        TestClient alice = gateway.login("alice");

        JsonNode ok = alice.requestOk("type", "join", "room", "lobby");

        assertThat(ok.path("room").asText()).isEqualTo("lobby");
        assertThat(ok.path("peers").isArray()).as("peers in %s", ok).isTrue();
        assertThat(ok.path("peers")).isEmpty();
        assertThat(ok.path("initiator").asBoolean()).isTrue();
        assertThat(ok.path("capacity").asInt()).isEqualTo(2);
    }

    @Test
    void joinWithoutIdStillGetsOk() {
        TestClient alice = gateway.login("alice");

        alice.send("type", "join", "room", "lobby");

        JsonNode ok = alice.next("ok");
        assertThat(ok.has("id")).isFalse();
        assertThat(ok.path("room").asText()).isEqualTo("lobby");
        assertThat(ok.path("initiator").asBoolean()).isTrue();
    }

    @Test
    void aLaterJoinerSeesThePeersAlreadyThereAndIsNotInitiator() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        TestClient carol = gateway.login("carol");
        join("lobby", 3, alice, bob);

        JsonNode ok = carol.requestOk("type", "join", "room", "lobby");

        assertThat(strings(ok.path("peers"))).containsExactlyInAnyOrder("alice", "bob");
        assertThat(ok.path("initiator").asBoolean()).isFalse();
        assertThat(ok.path("capacity").asInt()).isEqualTo(3);
    }

    @Test
    void theOthersInTheRoomGetPeerJoinedWithFromAndRoom() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        TestClient carol = gateway.login("carol");
        joinAndTakePeerJoined("lobby", 3, alice, bob);

        carol.requestOk("type", "join", "room", "lobby");

        for (TestClient member : List.of(alice, bob)) {
            JsonNode joined = member.next("peer-joined");
            assertThat(joined.path("from").asText()).isEqualTo("carol");
            assertThat(joined.path("room").asText()).isEqualTo("lobby");
        }
        carol.expectNothing(QUIET);
    }

    @Test
    void aRoomHoldingTwoByDefaultRefusesAThirdWithRoomFullAndChangesNothing() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        TestClient carol = gateway.login("carol");
        joinAndTakePeerJoined("lobby", alice, bob);

        carol.requestError("room-full", "type", "join", "room", "lobby");

        alice.expectNothing(QUIET);
        bob.expectNothing(QUIET);
        carol.requestError("forbidden", "type", "message", "room", "lobby", "data", "let me in");
    }

    @Test
    void theCreatorsCapacityWins() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        TestClient carol = gateway.login("carol");
        TestClient dave = gateway.login("dave");
        join("lobby", 3, alice, bob);

        assertThat(carol.requestOk("type", "join", "room", "lobby").path("capacity").asInt()).isEqualTo(3);
        dave.requestError("room-full", "type", "join", "room", "lobby");
    }

    @Test
    void aLaterJoinersCapacityIsIgnored() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        TestClient carol = gateway.login("carol");
        join("lobby", alice);

        JsonNode ok = bob.requestOk("type", "join", "room", "lobby", "capacity", 5);

        assertThat(ok.path("capacity").asInt()).isEqualTo(2);
        carol.requestError("room-full", "type", "join", "room", "lobby", "capacity", 5);
    }

    @Test
    void aCapacityAboveTheConfiguredMaximumIsBadMessage() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");

        alice.requestError("bad-message", "type", "join", "room", "lobby", "capacity", 11);

        assertThat(bob.requestOk("type", "join", "room", "lobby").path("initiator").asBoolean())
                .as("the refused join created nothing").isTrue();
        assertThat(alice.requestOk("type", "join", "room", "big", "capacity", 10).path("capacity").asInt()).isEqualTo(10);
    }

    @Test
    void aCapacityBelowOneIsBadMessage() {
        TestClient alice = gateway.login("alice");

        alice.requestError("bad-message", "type", "join", "room", "lobby", "capacity", 0);
        alice.requestError("bad-message", "type", "join", "room", "lobby", "capacity", -1);
    }

    @Test
    void joiningARoomOneIsAlreadyInIsOkWithoutASecondPeerJoined() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        joinAndTakePeerJoined("lobby", alice, bob);

        JsonNode again = bob.requestOk("type", "join", "room", "lobby");

        assertThat(again.path("room").asText()).isEqualTo("lobby");
        assertThat(strings(again.path("peers"))).containsExactly("alice");
        assertThat(again.path("initiator").asBoolean()).isFalse();
        alice.expectNothing(QUIET);
    }

    @Test
    void joiningAFullRoomOneIsAlreadyInIsStillOk() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        joinAndTakePeerJoined("lobby", alice, bob);

        alice.requestOk("type", "join", "room", "lobby");
    }

    @Test
    void leaveTellsTheOthersPeerLeftWithFromAndRoom() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        joinAndTakePeerJoined("lobby", alice, bob);

        bob.requestOk("type", "leave", "room", "lobby");

        JsonNode left = alice.next("peer-left");
        assertThat(left.path("from").asText()).isEqualTo("bob");
        assertThat(left.path("room").asText()).isEqualTo("lobby");
        bob.expectNothing(QUIET);
    }

    @Test
    void afterLeavingTheRoomHasSpaceAgainAndTheLeaverGetsNoMoreOfItsTraffic() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        TestClient carol = gateway.login("carol");
        joinAndTakePeerJoined("lobby", alice, bob);
        bob.requestOk("type", "leave", "room", "lobby");
        alice.next("peer-left");

        carol.requestOk("type", "join", "room", "lobby");
        alice.next("peer-joined");
        alice.requestOk("type", "message", "room", "lobby", "data", "hi");

        assertThat(carol.next("message").path("data").asText()).isEqualTo("hi");
        bob.expectNothing(QUIET);
        bob.requestError("forbidden", "type", "message", "room", "lobby", "data", "still here?");
    }

    @Test
    void leavingARoomOneIsNotInIsOk() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        join("lobby", bob);

        alice.requestOk("type", "leave", "room", "lobby");
        alice.requestOk("type", "leave", "room", "nowhere");

        bob.expectNothing(QUIET);
    }

    @Test
    void leaveWithoutIdGetsNoReply() {
        TestClient alice = gateway.login("alice");
        join("lobby", alice);

        alice.send("type", "leave", "room", "lobby");

        alice.expectNothing(QUIET);
    }

    @Test
    void closingTheSocketLeavesEveryRoomWithPeerLeft() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        TestClient carol = gateway.login("carol");
        joinAndTakePeerJoined("one", alice, bob);
        joinAndTakePeerJoined("two", alice, carol);

        alice.closeNormally();

        JsonNode bobSees = bob.next("peer-left");
        assertThat(bobSees.path("from").asText()).isEqualTo("alice");
        assertThat(bobSees.path("room").asText()).isEqualTo("one");
        JsonNode carolSees = carol.next("peer-left");
        assertThat(carolSees.path("from").asText()).isEqualTo("alice");
        assertThat(carolSees.path("room").asText()).isEqualTo("two");
    }

    @Test
    void aRoomMessageReachesEveryOtherMemberWithRoomAndFromButNotTheSender() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        TestClient carol = gateway.login("carol");
        TestClient outsider = gateway.login("outsider");
        joinAndTakePeerJoined("lobby", 3, alice, bob, carol);

        alice.requestOk("type", "message", "room", "lobby", "data", java.util.Map.of("text", "hello"));

        for (TestClient member : List.of(bob, carol)) {
            JsonNode message = member.next("message");
            assertThat(message.path("from").asText()).isEqualTo("alice");
            assertThat(message.path("room").asText()).isEqualTo("lobby");
            assertThat(message.path("data").path("text").asText()).isEqualTo("hello");
        }
        alice.expectNothing(QUIET);
        outsider.expectNothing(QUIET);
    }

    static Stream<String> dataValues() {
        return Stream.of(
                "{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\"}}",
                "[1,\"two\",3.5,{\"four\":[]}]",
                "\"just a string\"",
                "42",
                "-0.125",
                "12345678901234567890123",
                "true",
                "null",
                "{}",
                "[]",
                "\"\"",
                "{\"sdp\":\"v=0\\r\\no=- 1 2 IN IP4 127.0.0.1\\r\\n\",\"quote\":\"\\\"\",\"slash\":\"\\\\\"}",
                "{\"greeting\":\"héllo wörld ✓ 日本語 😀\",\"nested\":{\"deeper\":[{\"émoji\":\"🎉\"}]}}",
                "{\"escaped\":\"\\u0000\\u001f\\t\"}");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("dataValues")
    void roomMessageDataIsRelayedVerbatim(String data) {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        join("lobby", alice, bob);

        alice.sendRaw("{\"type\":\"message\",\"room\":\"lobby\",\"data\":" + data + "}");

        JsonNode message = bob.next("message");
        assertThat(message.get("data")).isEqualTo(TestClient.parse(data));
    }

    @Test
    void aRoomMessageFromANonMemberIsForbidden() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        TestClient mallory = gateway.login("mallory");
        joinAndTakePeerJoined("lobby", alice, bob);

        mallory.requestError("forbidden", "type", "message", "room", "lobby", "data", "spam");
        mallory.requestError("forbidden", "type", "message", "room", "no-such-room", "data", "spam");

        alice.expectNothing(QUIET);
        bob.expectNothing(QUIET);
    }

    @Test
    void joiningMoreRoomsThanTheConnectionLimitIsForbidden() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        List.of("r1", "r2", "r3").forEach(room -> join(room, alice));

        alice.requestError("forbidden", "type", "join", "room", "r4");

        assertThat(bob.requestOk("type", "join", "room", "r4").path("initiator").asBoolean())
                .as("the refused join created nothing").isTrue();
        alice.requestOk("type", "join", "room", "r3");
        alice.requestOk("type", "leave", "room", "r1");
        alice.requestOk("type", "join", "room", "r5");
    }

    @Test
    void anEmptiedRoomDisappearsSoTheNextJoinerIsInitiatorAndSetsTheCapacity() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        join("lobby", 5, alice);
        alice.requestOk("type", "leave", "room", "lobby");

        JsonNode ok = bob.requestOk("type", "join", "room", "lobby");

        assertThat(ok.path("initiator").asBoolean()).isTrue();
        assertThat(ok.path("peers")).isEmpty();
        assertThat(ok.path("capacity").asInt()).isEqualTo(2);
    }

    @Test
    void aRoomEmptiedByAClosedSocketDisappearsToo() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        TestClient carol = gateway.login("carol");
        joinAndTakePeerJoined("lobby", alice, bob);
        alice.requestOk("type", "leave", "room", "lobby");

        bob.closeNormally();

        // carol's join may race bob's session ending: either it is the second member, or the room is new.
        awaitAlone(carol, "lobby");
    }

    @Test
    void roomNamesOutsideTheNameFormAreBadMessage() {
        TestClient alice = gateway.login("alice");

        alice.requestError("bad-message", "type", "join", "room", "");
        alice.requestError("bad-message", "type", "join", "room", "has space");
        alice.requestError("bad-message", "type", "join", "room", "r".repeat(65));
        alice.requestError("bad-message", "type", "join", "room", "salle-é");
    }

    /** {@code members} join {@code room} in turn; the peer-joined this sends the earlier ones stay unread. */
    static void join(String room, TestClient... members) {
        for (TestClient member : members) {
            member.requestOk("type", "join", "room", room);
        }
    }

    /** Like {@link #join(String, TestClient...)}, with the first member creating the room for {@code capacity}. */
    static void join(String room, int capacity, TestClient... members) {
        members[0].requestOk("type", "join", "room", room, "capacity", capacity);
        join(room, Arrays.copyOfRange(members, 1, members.length));
    }

    /** {@code members} join {@code room} in turn, and each reads the peer-joined of those who join after it. */
    static void joinAndTakePeerJoined(String room, TestClient... members) {
        join(room, members);
        takePeerJoined(members);
    }

    /** Like {@link #joinAndTakePeerJoined(String, TestClient...)}, with the first member creating the room for {@code capacity}. */
    static void joinAndTakePeerJoined(String room, int capacity, TestClient... members) {
        join(room, capacity, members);
        takePeerJoined(members);
    }

    private static void takePeerJoined(TestClient... members) {
        for (int i = 0; i < members.length; i++) {
            for (int later = i + 1; later < members.length; later++) {
                members[i].next("peer-joined");
            }
        }
    }

    /** Joins and leaves until the room turns out empty (its last member's session has ended). */
    private static void awaitAlone(TestClient client, String room) {
        org.awaitility.Awaitility.await().atMost(TestClient.WAIT).untilAsserted(() -> {
            JsonNode ok = client.requestOk("type", "join", "room", room);
            if (!ok.path("initiator").asBoolean()) {
                client.requestOk("type", "leave", "room", room);
            }
            assertThat(ok.path("initiator").asBoolean()).isTrue();
        });
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
