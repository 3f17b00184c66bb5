package org.webrtcgateway.testing.haproxy;

/**
 * One server of a backend as HAProxy's {@code show stat} reports it.
 *
 * @param backend the backend's name ({@code gateways})
 * @param server the server's name ({@code node1})
 * @param status what HAProxy's health checks make of it: {@code UP}, {@code DOWN}, {@code UP 1/2} (up, one check
 *               failed, going down), {@code DOWN 1/2} (down, going up), {@code MAINT}, or {@code no check}
 * @param lastCheck the result of its last health check ({@code L7OK}, {@code L4CON}: refused, {@code L7TOUT}: no
 *                  answer in time, {@code L7STS}: a wrong status; {@code INI} before the first), empty without checks
 * @param currentSessions connections to it open now ({@code scur})
 * @param totalSessions connections it was given since HAProxy started ({@code stot})
 */
public record ServerStatus(String backend, String server, String status, String lastCheck, int currentSessions, long totalSessions) {

    /**
     * Up, and found so by a health check (or it has none): new connections may go to it. HAProxy starts a checked
     * server as {@code UP} before its first check, which may well take it down.
     */
    public boolean isUp() {
        return status.equals("no check") || status.equals("UP") && lastCheck.endsWith("OK");
    }

    /** Fully down: marked so by its checks, given no new connection. */
    public boolean isDown() {
        return status.equals("DOWN");
    }
}
