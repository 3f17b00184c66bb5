package org.webrtcgateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.webrtcgateway.testing.RawWebSocket;
import org.webrtcgateway.testing.TestClient;
import org.webrtcgateway.testing.haproxy.ClusterTemplate;
import org.webrtcgateway.testing.haproxy.Haproxy;
import org.webrtcgateway.testing.haproxy.ProxiedConnection;

/**
 * The README's HAProxy configuration for several nodes (distribution/src/conf/haproxy-cluster-example.cfg, run as
 * written but for its addresses) in front of three gateway processes from the bundle, each told what the README
 * tells operators: HAProxy's address is a trusted proxy that speaks the PROXY protocol. The nodes are independent
 * (no cluster mode): what is proven here is the load balancer's side of cluster mode.
 */
@Tag("haproxy")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThreeNodesBehindHaproxyIT {

    /** What the README tells every node behind HAProxy. */
    private static final String[] BEHIND_HAPROXY = {"--websocket.trusted-proxies", "127.0.0.1/32", "--websocket.proxy-protocol", "true"};
    private static final Duration ALL_UP = Duration.ofSeconds(10);

    /** Three nodes with the default settings, for the tests that kill none and change no node setting. */
    private GatewayNodes nodes;

    @BeforeAll
    void startNodes() throws Exception {
        // no resuming: a session whose connection a test cut ends at once, rather than within a later test's counts
        nodes = GatewayNodes.start(3, withSettings("--session.resume-grace", "0s"));
    }

    @AfterAll
    void stopNodes() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void loginsThroughHaproxySpreadOverTheThreeNodesWithoutStickiness() throws Exception {
        List<Integer> before = sessions(nodes);
        try (Haproxy haproxy = Haproxy.cluster(nodes.ports())) {
            haproxy.awaitAllUp(ALL_UP);
            List<RawWebSocket> users = new ArrayList<>();
            try {
                Map<String, Long> usersPerNode = new TreeMap<>();
                for (int i = 1; i <= 9; i++) {
                    // every user from 127.0.0.1: one client address, so no balancing by source could spread them
                    RawWebSocket user = loginThrough(haproxy, "user" + i);
                    users.add(user);
                    String node = haproxy.serverOf(user.localAddress()).orElseThrow(() -> new AssertionError(
                            "HAProxy holds no connection from " + user.localAddress() + ": " + haproxy.connections()));
                    usersPerNode.merge(node, 1L, Long::sum);
                }

                assertThat(usersPerNode).as("least connections: each node gets a third of the users")
                        .isEqualTo(Map.of("node1", 3L, "node2", 3L, "node3", 3L));
                assertThat(difference(sessions(nodes), before)).as("each node's own count agrees with HAProxy's")
                        .containsExactly(3, 3, 3);
                assertThat(haproxy.servers()).allSatisfy(server -> assertThat(server.currentSessions()).isEqualTo(3));
            } finally {
                for (RawWebSocket user : users) {
                    user.closeNormally();
                }
            }
        }
    }

    @Test
    void aDrainedNodeKeepsItsUsersAndIsGivenNoNewOnes() throws Exception {
        try (Haproxy haproxy = Haproxy.cluster(nodes.ports())) {
            haproxy.awaitAllUp(ALL_UP);
            List<RawWebSocket> users = new ArrayList<>();
            try {
                for (int i = 1; i <= 3; i++) {
                    users.add(loginThrough(haproxy, "kept" + i));
                }
                RawWebSocket onNode2 = userOn(haproxy, users, "node2");

                // what the README tells operators to do before upgrading a node
                assertThat(haproxy.command("set server gateways/node2 state drain")).isBlank();
                Map<String, Long> whileDrained = loginNine(haproxy, "drained", users);

                assertThat(whileDrained.keySet()).as("new users while node2 drains").containsOnly("node1", "node3");
                onNode2.sendText(TestClient.json("type", "ping", "id", 1));
                assertThat(TestClient.parse(onNode2.readUntil(0x1).text()).path("type").asText())
                        .as("node2's user is still served").isEqualTo("pong");
            } finally {
                for (RawWebSocket user : users) {
                    user.closeNormally();
                }
            }
        }
    }

    @Test
    void anIdleWebSocketStaysOpenPastHaproxysClientTimeout() {
        ClusterTemplate shortClientTimeouts = ClusterTemplate.shipped().withTimeout("client", "1s").withTimeout("server", "1s");
        try (Haproxy haproxy = Haproxy.cluster(shortClientTimeouts, nodes.ports())) {
            haproxy.awaitAllUp(ALL_UP);
            TestClient alice = TestClient.connect(haproxy.webSocketUri());
            alice.login("alice");

            // three times 'timeout client', quiet both ways (no gateway ping comes within 30s): the tunnel timeout holds it
            await("alice's connection stays open").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> !alice.isClosed());
            assertThat(alice.request("type", "ping").path("type").asText()).isEqualTo("pong");
            alice.closeNormally();
        }
    }

    @Test
    void aShortTunnelTimeoutCutsAWebSocketThatIsQuietBothWays() {
        // the control for the test below and for the template's 75s: HAProxy does end a tunnel nobody speaks in
        ClusterTemplate shortTunnel = ClusterTemplate.shipped().withTimeout("tunnel", "1s");
        try (Haproxy haproxy = Haproxy.cluster(shortTunnel, nodes.ports())) {
            haproxy.awaitAllUp(ALL_UP);
            TestClient alice = TestClient.connect(haproxy.webSocketUri());
            alice.login("alice-cut");
            long loggedIn = System.nanoTime();

            alice.awaitClose();

            assertThat(Duration.ofNanos(System.nanoTime() - loggedIn)).as("cut by the 1s tunnel timeout")
                    .isBetween(Duration.ofMillis(800), Duration.ofSeconds(5));
        }
    }

    @Test
    void theGatewaysPingsKeepAWebSocketOpenThroughTheTunnelTimeoutUntilItsNodeFreezes() throws Exception {
        try (GatewayNodes pinging = GatewayNodes.start(3, withSettings("--websocket.ping-interval", "300ms", "--websocket.idle-timeout", "5s"));
             Haproxy haproxy = Haproxy.cluster(ClusterTemplate.shipped().withTimeout("tunnel", "1s"), pinging.ports())) {
            haproxy.awaitAllUp(ALL_UP);
            TestClient alice = TestClient.connect(haproxy.webSocketUri());
            alice.login("alice");

            // alice sends nothing; the gateway's pings and her client's pongs are what crosses the tunnel
            await("alice's connection stays open").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> !alice.isClosed());
            assertThat(alice.request("type", "ping").path("type").asText()).isEqualTo("pong");

            // her node hangs: no pings, no close either; the tunnel timeout ends her connection, the checks the node
            String node = haproxy.connections().stream().map(ProxiedConnection::server).findFirst().orElseThrow();
            pinging.freeze(haproxy.serverNames().indexOf(node));
            alice.awaitClose();
            haproxy.awaitDown(node, Duration.ofSeconds(10));

            TestClient again = TestClient.connect(haproxy.webSocketUri());
            again.login("alice");
            assertThat(haproxy.connections()).as("alice is back, on another node").singleElement()
                    .satisfies(connection -> assertThat(connection.server()).isNotEqualTo(node));
            again.closeNormally();
        }
    }

    @Test
    void aKilledNodeIsMarkedDownWithinSecondsAndEveryNewLoginSucceedsOnTheOtherTwo() throws Exception {
        try (GatewayNodes own = GatewayNodes.start(3, BEHIND_HAPROXY);
             Haproxy haproxy = Haproxy.cluster(own.ports())) {
            haproxy.awaitAllUp(ALL_UP);
            List<RawWebSocket> users = new ArrayList<>();
            try {
                for (int i = 1; i <= 3; i++) {
                    users.add(loginThrough(haproxy, "before" + i));
                }
                RawWebSocket onNode2 = userOn(haproxy, users, "node2");

                own.kill(1);
                CompletableFuture<Duration> markedDown = CompletableFuture.supplyAsync(() -> haproxy.awaitDown("node2", Duration.ofSeconds(5)));

                assertThat(onNode2.closedByServer()).as("node2's user sees the connection end").isTrue();
                // before HAProxy's checks notice: a refused connection is tried again on another node
                Map<String, Long> rightAfter = loginNine(haproxy, "right-after", users);
                assertThat(markedDown.get(10, TimeUnit.SECONDS)).as("inter 500ms, fall 2: about a second").isLessThan(Duration.ofSeconds(4));
                Map<String, Long> onceDown = loginNine(haproxy, "once-down", users);

                assertThat(rightAfter.keySet()).as("logins right after the kill").containsOnly("node1", "node3");
                assertThat(onceDown.keySet()).as("logins once node2 is down").containsOnly("node1", "node3");
                assertThat(own.sessionsOn(0) + own.sessionsOn(2)).as("every user but node2's is on node1 or node3")
                        .isEqualTo(2 + 9 + 9);
                assertThat(haproxy.log()).contains("gateways/node2 is DOWN");
            } finally {
                for (RawWebSocket user : users) {
                    user.close();
                }
            }
        }
    }

    /** Nine logins through HAProxy, kept open in {@code users}; how many went to each node. */
    private static Map<String, Long> loginNine(Haproxy haproxy, String prefix, List<RawWebSocket> users) throws IOException {
        List<String> servers = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            RawWebSocket user = loginThrough(haproxy, prefix + i);
            users.add(user);
            servers.add(haproxy.serverOf(user.localAddress()).orElseThrow());
        }
        return servers.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** The user whose connection went to {@code node}. */
    private static RawWebSocket userOn(Haproxy haproxy, List<RawWebSocket> users, String node) {
        return users.stream().filter(user -> haproxy.serverOf(user.localAddress()).orElse("").equals(node))
                .findFirst().orElseThrow(() -> new AssertionError("no user on " + node + ": " + haproxy.connections()));
    }

    private static RawWebSocket loginThrough(Haproxy haproxy, String name) throws IOException {
        RawWebSocket user = RawWebSocket.connect(haproxy.port(), 0);
        try {
            user.login(name);
            return user;
        } catch (IOException e) {
            user.close();
            throw new AssertionError(name + " could not log in through HAProxy; its log:\n" + haproxy.log(), e);
        }
    }

    private static List<Integer> sessions(GatewayNodes nodes) {
        return List.of(nodes.sessionsOn(0), nodes.sessionsOn(1), nodes.sessionsOn(2));
    }

    private static List<Integer> difference(List<Integer> after, List<Integer> before) {
        List<Integer> difference = new ArrayList<>();
        for (int i = 0; i < after.size(); i++) {
            difference.add(after.get(i) - before.get(i));
        }
        return difference;
    }

    private static String[] withSettings(String... settings) {
        List<String> all = new ArrayList<>(List.of(BEHIND_HAPROXY));
        all.addAll(List.of(settings));
        return all.toArray(String[]::new);
    }
}
