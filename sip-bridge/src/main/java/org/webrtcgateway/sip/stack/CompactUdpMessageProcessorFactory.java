package org.webrtcgateway.sip.stack;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;

import javax.sip.ListeningPoint;

import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessorFactory;
import gov.nist.javax.sip.stack.OIOMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/**
 * JAIN-SIP's own message processors, except for UDP: there a {@link CompactUdpMessageProcessor}, which receives
 * every datagram into one buffer instead of a new 64 KiB one each. Named in the stack property
 * {@code gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY}; JAIN-SIP creates it with its no-argument constructor.
 */
public final class CompactUdpMessageProcessorFactory implements MessageProcessorFactory {

    private final MessageProcessorFactory others = new OIOMessageProcessorFactory();

    @Override
    public MessageProcessor createMessageProcessor(SIPTransactionStack stack, InetAddress address, int port,
                                                   String transport) throws IOException {
        if (!ListeningPoint.UDP.equalsIgnoreCase(transport)) {
            return others.createMessageProcessor(stack, address, port, transport);
        }
        CompactUdpMessageProcessor processor = new CompactUdpMessageProcessor(address, stack, port);
        sendFromListeningSocket(stack);
        return processor;
    }

    /**
     * What JAIN-SIP's own factory does for UDP besides creating the processor: it sets the stack's package-private
     * {@code udpFlag}, without which every UDP message would leave from a new socket on a random port instead of the
     * listening one (responses and requests then come from a port the peer never sent to, which NATs and many PBXs
     * drop). No public way sets it.
     */
    private static void sendFromListeningSocket(SIPTransactionStack stack) throws IOException {
        try {
            Field udpFlag = SIPTransactionStack.class.getDeclaredField("udpFlag");
            udpFlag.setAccessible(true);
            udpFlag.setBoolean(stack, true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IOException("this JAIN-SIP has no udpFlag to set; the UDP processor cannot be replaced", e);
        }
    }
}
