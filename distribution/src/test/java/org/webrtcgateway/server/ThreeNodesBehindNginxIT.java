package org.webrtcgateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.webrtcgateway.testing.RawWebSocket;
import org.webrtcgateway.testing.TestClient;
import org.webrtcgateway.testing.nginx.Nginx;
import org.webrtcgateway.testing.nginx.NginxTemplate;

/**
 * The README's nginx configuration for several nodes (distribution/src/conf/nginx-cluster-example.conf, run as
 * written but for its addresses) in front of three gateway processes from the bundle, each told what the README
 * tells operators: nginx's address is a trusted proxy whose X-Forwarded-For names the client.
 */
@Tag("nginx")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThreeNodesBehindNginxIT {

    /**
     * What the README tells every node behind nginx, and one connection per client address: a node that took the
     * client from nginx's connection rather than from X-Forwarded-For would count every user as nginx, and refuse
     * the second.
     */
    private static final String[] BEHIND_NGINX = {"--websocket.trusted-proxies", "127.0.0.1/32", "--websocket.max-connections-per-address", "1"};

    private GatewayNodes nodes;

    @BeforeAll
    void startNodes() throws Exception {
        // no resuming: a session whose connection a test cut ends at once, and gives its address's connection back
        List<String> settings = new ArrayList<>(List.of(BEHIND_NGINX));
        settings.addAll(List.of("--session.resume-grace", "0s"));
        nodes = GatewayNodes.start(3, settings.toArray(String[]::new));
    }

    @AfterAll
    void stopNodes() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void loginsThroughNginxSpreadOverTheThreeNodesEachUserCountedAsItsOwnAddress() throws Exception {
        try (Nginx nginx = Nginx.cluster(nodes.ports())) {
            List<RawWebSocket> users = new ArrayList<>();
            try {
                for (int i = 2; i <= 10; i++) {
                    users.add(loginThrough(nginx, "127.0.0." + i, "user" + i));
                }

                assertThat(List.of(nodes.sessionsOn(0), nodes.sessionsOn(1), nodes.sessionsOn(2)))
                        .as("least connections: each node gets a third of the users").containsExactly(3, 3, 3);
            } finally {
                for (RawWebSocket user : users) {
                    user.closeNormally();
                }
            }
        }
    }

    @Test
    void aShortReadTimeoutCutsAWebSocketThatIsQuietBothWays() {
        // the control for the test below and for the template's 75s: nginx does end a proxied WebSocket nobody speaks in
        try (Nginx nginx = Nginx.cluster(NginxTemplate.shipped().withDirective("proxy_read_timeout", "1s"), nodes.ports())) {
            TestClient alice = TestClient.connect(nginx.webSocketUri());
            alice.login("alice-cut");
            long loggedIn = System.nanoTime();

            alice.awaitClose();

            assertThat(Duration.ofNanos(System.nanoTime() - loggedIn)).as("cut by the 1s read timeout")
                    .isBetween(Duration.ofMillis(800), Duration.ofSeconds(5));
        }
    }

    @Test
    void theGatewaysPingsKeepAWebSocketOpenThroughNginxsReadTimeout() throws Exception {
        NginxTemplate shortTimeouts = NginxTemplate.shipped().withDirective("proxy_read_timeout", "1s").withDirective("proxy_send_timeout", "1s");
        try (GatewayNodes pinging = GatewayNodes.start(3, "--websocket.trusted-proxies", "127.0.0.1/32",
                "--websocket.ping-interval", "300ms", "--websocket.idle-timeout", "5s");
             Nginx nginx = Nginx.cluster(shortTimeouts, pinging.ports())) {
            TestClient alice = TestClient.connect(nginx.webSocketUri());
            alice.login("alice");

            // alice sends nothing; the gateway's pings and her client's pongs are what nginx sees
            await("alice's connection stays open").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> !alice.isClosed());
            assertThat(alice.request("type", "ping").path("type").asText()).isEqualTo("pong");
            alice.closeNormally();
        }
    }

    @Test
    void aKilledNodeCostsNoLoginThroughNginx() throws Exception {
        try (GatewayNodes own = GatewayNodes.start(3, BEHIND_NGINX);
             Nginx nginx = Nginx.cluster(own.ports())) {
            List<RawWebSocket> users = new ArrayList<>();
            try {
                for (int i = 2; i <= 4; i++) {
                    users.add(loginThrough(nginx, "127.0.0." + i, "before" + i));
                }
                assertThat(own.sessionsOn(1)).as("node 1 has a user to lose").isEqualTo(1);

                own.kill(1);
                // nginx learns of it from the first connection refused, and tries that login on the next node
                for (int i = 5; i <= 13; i++) {
                    users.add(loginThrough(nginx, "127.0.0." + i, "after" + i));
                }

                assertThat(own.sessionsOn(0) + own.sessionsOn(2)).as("every user but node 1's is on node 0 or node 2")
                        .isEqualTo(2 + 9);
            } finally {
                for (RawWebSocket user : users) {
                    user.close();
                }
            }
        }
    }

    private static RawWebSocket loginThrough(Nginx nginx, String from, String name) throws IOException {
        RawWebSocket user = RawWebSocket.connectFrom(from, nginx.port());
        try {
            user.login(name);
            return user;
        } catch (IOException e) {
            user.close();
            throw new AssertionError(name + " could not log in through nginx from " + from + "; its log:\n" + nginx.log(), e);
        }
    }
}
