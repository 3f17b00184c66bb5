package org.webrtcgateway.testing.haproxy;

/**
 * One server of a backend as HAProxy's {@code show stat} reports it.
 *
 * @param backend the backend's name ({@code gateways})
 * @param server the server's name ({@code node1})
 * @param status what HAProxy's health checks make of it: {@code UP}, {@code DOWN}, {@code UP 1/2} (up, one check
 *               failed, going down), {@code DOWN 1/2} (down, going up), {@code MAINT}, or {@code no check}
 * @param currentSessions connections to it open now ({@code scur})
 * @param totalSessions connections it was given since HAProxy started ({@code stot})
 */
public record ServerStatus(String backend, String server, String status, int currentSessions, long totalSessions) {

    /** Fully up: its checks pass (or it has none), new connections may go to it. */
    public boolean isUp() {
        return status.equals("UP") || status.equals("no check");
    }

    /** Fully down: marked so by its checks, given no new connection. */
    public boolean isDown() {
        return status.equals("DOWN");
    }
}
