package org.webrtcgateway.sip.rtpengine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.sip.testing.RtpengineExtension;

/** The ng client against a real rtpengine, and against a UDP peer that loses and repeats datagrams on purpose. */
class NgClientTest {

    @RegisterExtension
    static final RtpengineExtension rtpengine = new RtpengineExtension();

    private static final String PLAIN_RTP_OFFER = "v=0\r\no=- 1545997027 1 IN IP4 127.0.0.1\r\ns=phone\r\n"
            + "c=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";

    @Tag("rtpengine")
    @Test
    void rtpengineAnswersAPingAndRewritesAnOfferUntilTheCallIsDeleted() throws Exception {
        try (NgClient client = new NgClient(rtpengine.ng(), Duration.ofMillis(200))) {
            assertThat(client.send(Map.of("command", "ping"), Duration.ofSeconds(2)).get(3, TimeUnit.SECONDS))
                    .containsEntry("result", "pong");

            Map<String, Object> offered = client.send(Map.of("command", "offer", "call-id", "ng-test-1", "from-tag", "phone",
                    "sdp", PLAIN_RTP_OFFER, "flags", List.of("trust-address")), Duration.ofSeconds(2)).get(3, TimeUnit.SECONDS);

            assertThat(offered).containsEntry("result", "ok");
            String sdp = (String) offered.get("sdp");
            assertThat(sdp).contains("m=audio ").doesNotContain("m=audio 6000 ").contains("c=IN IP4 127.0.0.1");
            Map<String, Object> deleted = client.send(Map.of("command", "delete", "call-id", "ng-test-1", "from-tag", "phone"),
                    Duration.ofSeconds(2)).get(3, TimeUnit.SECONDS);
            assertThat(deleted).containsEntry("result", "ok");
        }
    }

    @Tag("rtpengine")
    @Test
    void rtpenginesRefusalFailsTheCommandWithItsReason() throws Exception {
        try (NgClient client = new NgClient(rtpengine.ng(), Duration.ofMillis(200))) {
            CompletableFuture<Map<String, Object>> reply = client.send(Map.of("command", "offer", "call-id", "ng-test-2",
                    "from-tag", "phone", "sdp", "not SDP"), Duration.ofSeconds(2));

            assertThatThrownBy(() -> reply.get(3, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(NgClient.NgError.class).hasMessage("Failed to parse SDP");
        }
    }

    @Test
    void aLostCommandIsSentAgainWithItsCookieAndADuplicateReplyIsDropped() throws Exception {
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             NgClient client = new NgClient((InetSocketAddress) peer.getLocalSocketAddress(), Duration.ofMillis(50))) {
            peer.setSoTimeout(2000);
            CompletableFuture<Map<String, Object>> reply = client.send(Map.of("command", "ping"), Duration.ofSeconds(2));

            DatagramPacket first = receive(peer); // "lost": not answered
            DatagramPacket again = receive(peer);
            String cookie = cookieOf(first);
            assertThat(cookieOf(again)).as("a retransmission keeps its cookie").isEqualTo(cookie);
            answer(peer, again, cookie + " d6:result4:ponge");
            answer(peer, again, cookie + " d6:result5:errore"); // a duplicate after the answer: dropped

            assertThat(reply.get(2, TimeUnit.SECONDS)).containsEntry("result", "pong");
        }
    }

    @Test
    void aCommandNobodyAnswersFailsWithATimeout() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             NgClient client = new NgClient((InetSocketAddress) silent.getLocalSocketAddress(), Duration.ofMillis(50))) {
            CompletableFuture<Map<String, Object>> reply = client.send(Map.of("command", "ping"), Duration.ofMillis(300));

            assertThatThrownBy(() -> reply.get(3, TimeUnit.SECONDS)).cause().isInstanceOf(TimeoutException.class)
                    .hasMessageContaining("did not answer 'ping' within 300 ms");
        }
    }

    private static DatagramPacket receive(DatagramSocket socket) throws Exception {
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        socket.receive(packet);
        return packet;
    }

    private static String cookieOf(DatagramPacket packet) {
        String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
        return text.substring(0, text.indexOf(' '));
    }

    private static void answer(DatagramSocket peer, DatagramPacket to, String reply) throws Exception {
        byte[] bytes = reply.getBytes(StandardCharsets.US_ASCII);
        peer.send(new DatagramPacket(bytes, bytes.length, to.getSocketAddress()));
    }
}
