package org.webrtcgateway.sip.stack;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.SipStack;
import javax.sip.TransportNotSupportedException;

import org.webrtcgateway.core.config.ListenFailure;
import org.webrtcgateway.sip.SipConfig;

/**
 * Opens the stack's listening points, one per configured transport, and says in one line what an
 * operator must change when one cannot be opened (a port in use, an address not of this host, a low
 * port without the privilege).
 *
 * <p>Each address and port is first bound and released by a socket of our own: JAIN-SIP keeps a
 * listening point that failed to open inside the stack, and its {@code stop()} then fails on it (a
 * NullPointerException in its TCP processor), leaving the stack's timer threads running.
 */
final class ListeningPoints {

    private ListeningPoints() {
    }

    static List<ListeningPoint> open(SipStack stack, SipConfig config)
            throws InvalidArgumentException, TransportNotSupportedException {
        for (String transport : config.transports()) {
            probe(config, transport);
        }
        List<ListeningPoint> points = new ArrayList<>();
        for (String transport : config.transports()) {
            try {
                points.add(stack.createListeningPoint(config.bindAddress(), config.port(), transport));
            } catch (InvalidArgumentException e) {
                // Taken between the probe and now: still the operator's to fix, still one line.
                throw explained(config, transport, e);
            }
        }
        return points;
    }

    private static void probe(SipConfig config, String transport) {
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(config.bindAddress()), config.port());
            if (transport.equalsIgnoreCase(ListeningPoint.UDP)) {
                new DatagramSocket(address).close();
            } else {
                try (ServerSocket socket = new ServerSocket()) {
                    socket.setReuseAddress(true); // as the stack's own: the closed probe must not block it
                    socket.bind(address);
                }
            }
        } catch (IOException e) {
            throw explained(config, transport, e);
        }
    }

    private static RuntimeException explained(SipConfig config, String transport, Exception e) {
        return ListenFailure.explain(SipConfig.BIND.key(), SipConfig.PORT.key(), "SIP over " + transport,
                config.bindAddress(), config.port(), e).map(RuntimeException.class::cast)
                .orElseGet(() -> new IllegalStateException("cannot open the SIP listening point for " + transport, e));
    }
}
