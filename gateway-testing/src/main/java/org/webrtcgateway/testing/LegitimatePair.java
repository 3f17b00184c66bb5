package org.webrtcgateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

/**
 * Two well-behaved users who call each other: what must keep working while someone attacks the
 * gateway. Each {@link #call} is a whole call: offer, answer, a candidate each way, hang-up.
 */
public final class LegitimatePair {

    private final TestClient caller;
    private final TestClient callee;

    private LegitimatePair(TestClient caller, TestClient callee) {
        this.caller = caller;
        this.callee = callee;
    }

    /** Logs in two users on {@code gateway} (names ending in {@code suffix}, so pairs do not clash). */
    public static LegitimatePair loggedIn(GatewayExtension gateway, String suffix) {
        return new LegitimatePair(gateway.login("caller" + suffix), gateway.login("callee" + suffix));
    }

    /** Two clients that have logged in already. */
    public static LegitimatePair of(TestClient caller, TestClient callee) {
        return new LegitimatePair(caller, callee);
    }

    public TestClient caller() {
        return caller;
    }

    public TestClient callee() {
        return callee;
    }

    /** One call from start to end; fails the test if any step does not arrive in time. */
    public void call() {
        String id = caller.requestOk("type", "offer", "to", callee.name(), "sdp", "v=0\r\n").path("call").asText();
        assertThat(callee.next("offer").path("call").asText()).isEqualTo(id);
        callee.requestOk("type", "answer", "call", id, "sdp", "v=0\r\n");
        assertThat(caller.next("answer").path("call").asText()).isEqualTo(id);
        caller.requestOk("type", "candidate", "call", id, "candidate", candidate(1));
        callee.next("candidate");
        callee.requestOk("type", "candidate", "call", id, "candidate", candidate(2));
        caller.next("candidate");
        caller.requestOk("type", "bye", "call", id);
        assertThat(callee.next("bye").path("call").asText()).isEqualTo(id);
    }

    private static Map<String, Object> candidate(int n) {
        return Map.of("candidate", "candidate:" + n + " 1 udp 2122260223 127.0.0.1 " + (50000 + n) + " typ host",
                "sdpMid", "0", "sdpMLineIndex", 0);
    }
}
