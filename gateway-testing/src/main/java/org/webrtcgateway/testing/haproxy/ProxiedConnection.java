package org.webrtcgateway.testing.haproxy;

import java.net.InetSocketAddress;

/**
 * A client connection HAProxy holds now ({@code show sess}): who it is from and which server it went to.
 *
 * @param client the client's address and port, as HAProxy accepted it
 * @param backend the backend that took it
 * @param server the server it went to ({@code node2}); empty until one was chosen
 */
public record ProxiedConnection(InetSocketAddress client, String backend, String server) {
}
