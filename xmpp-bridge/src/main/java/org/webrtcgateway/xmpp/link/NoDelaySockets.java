package org.webrtcgateway.xmpp.link;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;

import javax.net.SocketFactory;

/**
 * Sockets to the XMPP server with Nagle's algorithm off. Signaling is small stanzas that each wait for an answer
 * (propose, proceed, session-initiate, its result...): with Nagle on, each one can sit up to a delayed-ACK timeout
 * (~40 ms) in the kernel, and a call setup crosses the server several times.
 */
public final class NoDelaySockets extends SocketFactory {

    public static final NoDelaySockets INSTANCE = new NoDelaySockets();

    private NoDelaySockets() {
    }

    /** Turns Nagle off (and TCP keep-alive on) for a socket of ours. */
    public static Socket configure(Socket socket) throws SocketException {
        socket.setTcpNoDelay(true);
        socket.setKeepAlive(true);
        return socket;
    }

    @Override
    public Socket createSocket() throws IOException {
        return configure(new Socket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return configure(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return configure(new Socket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return configure(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return configure(new Socket(address, port, localAddress, localPort));
    }
}
