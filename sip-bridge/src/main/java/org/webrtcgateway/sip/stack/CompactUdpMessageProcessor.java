package org.webrtcgateway.sip.stack;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.LinkedList;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.DatagramQueuedMessageDispatch;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageChannel;
import gov.nist.javax.sip.stack.UDPMessageProcessor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.webrtcgateway.core.log.RepeatedCondition;

/**
 * JAIN-SIP's UDP processor with its receiving loop replaced: each datagram is read into one buffer kept for the
 * socket's life and queued as a copy of its own length. JAIN-SIP's loop allocates a new 64 KiB array for every
 * datagram (then copies the message, ~1 KB, out of it again); under SIP load those arrays were 55 % of all the bytes
 * the gateway allocated, and the young collections they caused copied the stack's lingering transactions each time
 * (docs/performance.md, section 9). Everything else (the socket, its sending, the worker thread that parses the queued
 * datagrams in order, stopping) is JAIN-SIP's.
 */
final class CompactUdpMessageProcessor extends UDPMessageProcessor {

    /**
     * Worker threads that parse the queued datagrams: one, so that the stack hands a dialog's messages to the
     * listener in the order they arrived (a 180 before its 200). SipEndpoint's THREAD_POOL_SIZE says the same.
     */
    static final int WORKERS = 1;
    /** The largest UDP payload there is (IPv6 jumbograms aside): nothing a peer sends is cut. */
    private static final int MAX_DATAGRAM = 65_536;

    private static final Logger log = LoggerFactory.getLogger(CompactUdpMessageProcessor.class);

    private final SIPTransactionStack stack;
    private final RepeatedCondition receiveErrors = new RepeatedCondition(log, Level.INFO, "SIP UDP receive errors",
            RepeatedCondition.MINUTE, System::nanoTime);

    CompactUdpMessageProcessor(InetAddress address, SIPTransactionStack stack, int port) throws IOException {
        super(address, stack, port);
        this.stack = stack;
    }

    @Override
    public void run() {
        String name = (stack instanceof SipStackImpl impl ? impl.getStackName() : "sip") + "-UDPMessageChannelThread-";
        LinkedList<UDPMessageChannel> workers = new LinkedList<>();
        for (int i = 0; i < WORKERS; i++) {
            // Each starts its thread, which takes the queued datagrams off messageQueue. The channel's constructor
            // is protected: an (empty) subclass of our own may call it.
            workers.add(new UDPMessageChannel(stack, this, name + i) { });
        }
        messageChannels = workers; // stop() closes them
        byte[] buffer = new byte[MAX_DATAGRAM];
        DatagramPacket received = new DatagramPacket(buffer, buffer.length);
        while (isRunning) {
            try {
                received.setLength(buffer.length); // each receive shrinks it to the datagram's length
                sock.receive(received);
                byte[] message = Arrays.copyOf(buffer, received.getLength());
                DatagramPacket datagram = new DatagramPacket(message, message.length, received.getSocketAddress());
                messageQueue.offer(new DatagramQueuedMessageDispatch(datagram, System.currentTimeMillis()));
            } catch (SocketTimeoutException e) {
                // only when a read timeout was set: nothing came, read on
            } catch (IOException | RuntimeException e) {
                if (!isRunning) {
                    return; // stop() closed the socket
                }
                receiveErrors.occurred(e.toString());
            }
        }
    }
}
