package org.webrtcgateway.sip.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import javax.sip.RequestEvent;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.header.CallIdHeader;
import javax.sip.message.MessageFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webrtcgateway.sip.testing.FreePorts;
import org.webrtcgateway.sip.testing.RequestListener;

/**
 * A JAIN-SIP stack with {@link CompactUdpMessageProcessorFactory}, as the gateway runs it, fed raw datagrams over
 * loopback: what its one reused receive buffer must not change.
 */
class CompactUdpMessageProcessorTest {

    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    private SipStack stack;
    private int port;

    @BeforeEach
    void startStack() throws Exception {
        port = FreePorts.udpAndTcp();
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "compact-udp-test-" + port);
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jServerLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", String.valueOf(CompactUdpMessageProcessor.WORKERS));
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", CompactUdpMessageProcessorFactory.class.getName());
        stack = factory.createSipStack(p);
        SipProvider provider = stack.createSipProvider(stack.createListeningPoint("127.0.0.1", port, "udp"));
        MessageFactory messages = factory.createMessageFactory();
        provider.addSipListener(new AnswerEveryOptions(provider, messages, bodies));
        stack.start();
    }

    @AfterEach
    void stopStack() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void datagramsOfEverySizeArriveWholeAndInOrderThoughTheyShareOneBuffer() throws Exception {
        // Sent back to back, a small one after each large one: a queued message that still pointed into the shared
        // buffer would carry the next datagram's bytes.
        int[] sizes = {200, 40_000, 10, 60_000, 1_000, 5};
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            peer.setSoTimeout(10_000);
            for (int i = 0; i < sizes.length; i++) {
                byte[] options = options(i, body(i, sizes[i]), peer.getLocalPort());
                peer.send(new DatagramPacket(options, options.length, InetAddress.getByName("127.0.0.1"), port));
            }
            List<String> answered = new ArrayList<>();
            for (int i = 0; i < sizes.length; i++) {
                DatagramPacket response = new DatagramPacket(new byte[2048], 2048);
                peer.receive(response);
                // From the listening socket, not a new one on another port: the peer (or its NAT) expects it there.
                assertThat(response.getPort()).isEqualTo(port);
                String text = new String(response.getData(), 0, response.getLength(), StandardCharsets.UTF_8);
                assertThat(text).startsWith("SIP/2.0 200");
                answered.add(text.replaceAll("(?s).*Call-ID: (call-\\d+).*", "$1"));
            }
            assertThat(answered).containsExactly("call-0", "call-1", "call-2", "call-3", "call-4", "call-5");
        }
        for (int i = 0; i < sizes.length; i++) {
            assertThat(bodies.get("call-" + i)).as("body of call-%d", i).isEqualTo(body(i, sizes[i]));
        }
    }

    private static String body(int i, int size) {
        return String.valueOf((char) ('a' + i)).repeat(size);
    }

    private static byte[] options(int i, String body, int fromPort) {
        return ("OPTIONS sip:gateway@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + fromPort + ";branch=z9hG4bK-compact-" + i + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:peer@127.0.0.1>;tag=peer-" + i + "\r\n"
                + "To: <sip:gateway@127.0.0.1>\r\n"
                + "Call-ID: call-" + i + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Content-Type: text/plain\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }

    /** Records each OPTIONS' body by Call-ID and answers 200, statelessly. */
    private record AnswerEveryOptions(SipProvider provider, MessageFactory messages, Map<String, String> bodies)
            implements RequestListener {

        @Override
        public void processRequest(RequestEvent event) {
            String callId = ((CallIdHeader) event.getRequest().getHeader(CallIdHeader.NAME)).getCallId();
            bodies.put(callId, new String(event.getRequest().getRawContent(), StandardCharsets.UTF_8));
            try {
                provider.sendResponse(messages.createResponse(200, event.getRequest()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
