package org.webrtcgateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.core.cluster.Cluster;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.RecordingBridge;
import org.webrtcgateway.testing.Sdps;
import org.webrtcgateway.testing.TestClient;
import org.webrtcgateway.testing.redis.RedisExtension;

/**
 * A call from a bridge (a SIP phone, an XMPP contact) for a user on another node stays on the node whose bridge
 * holds it: the user's signals reach that bridge there, and when that node dies the call ends with {@code bye}
 * reason {@code gone}.
 */
@Tag("redis")
class BridgedCallsAcrossNodesTest {

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @RegisterExtension
    final Nodes nodes = new Nodes(redis);


    @Test
    void aBridgedCallForAUserOnAnotherNodeIsRelayedBothWaysAndEndsWithGoneWhenTheBridgesNodeDies() throws Exception {
        RecordingBridge phones = new RecordingBridge("phones", "phone");
        GatewayExtension a = nodes.start("a", java.util.Map.of(), phones.module());
        GatewayExtension b = nodes.start("b");
        TestClient bob = b.login("bob");
        Address.External phone = new Address.External("phone", "phone:1001");

        assertThat(phones.context().deliver(new Address.Local("bob"), new Signal.Offer(phone, "c1", Sdps.ONE_AUDIO_STREAM))
                .isAccepted()).isTrue();
        JsonNode offer = bob.next("offer");
        assertThat(offer.path("from").asText()).isEqualTo("phone:1001");
        bob.requestOk("type", "answer", "call", "c1", "sdp", Sdps.ONE_AUDIO_STREAM);
        RecordingBridge.Sent answer = phones.next();
        assertThat(answer.to()).isEqualTo(phone);
        assertThat(answer.signal()).isInstanceOf(Signal.Answer.class);
        assertThat(answer.signal().from()).isEqualTo(new Address.Local("bob"));

        ((RedisCluster) a.injector().getInstance(Cluster.class)).haltWithoutLeaving();

        JsonNode bye = bob.nextMatching("bye", message -> message.path("type").asText().equals("bye"));
        assertThat(bye.path("call").asText()).isEqualTo("c1");
        assertThat(bye.path("reason").asText()).isEqualTo("gone");
        bob.expectNothing(Duration.ofMillis(300));
    }

    @Test
    void aTransferOfABridgedCallHeldOnAnotherNodeIsAnsweredByThatNodesBridgeAndItsMailboxReachesTheUser() throws Exception {
        RecordingBridge phones = new RecordingBridge("phones", "sip");
        GatewayExtension a = nodes.start("a", java.util.Map.of(), phones.module());
        GatewayExtension b = nodes.start("b");
        TestClient bob = b.login("bob");
        Address phone = Address.of("sip:1001@pbx.example.org");
        Address.Local bobsAddress = new Address.Local("bob");
        phones.context().deliver(bobsAddress, new Signal.Offer(phone, "c1", Sdps.ONE_AUDIO_STREAM));
        bob.next("offer");
        bob.requestOk("type", "answer", "call", "c1", "sdp", Sdps.ONE_AUDIO_STREAM);
        phones.next(Signal.Answer.class);

        bob.send("type", "transfer", "id", 5, "call", "c1", "to", "sip:1002@pbx.example.org");

        Signal.Transfer transfer = phones.next(Signal.Transfer.class);
        assertThat(transfer.to()).isEqualTo(Address.of("sip:1002@pbx.example.org"));
        bob.expectNothing(Duration.ofMillis(200));
        assertThat(phones.context().deliver(bobsAddress, new Signal.TransferResult(phone, "c1", RouteResult.accepted()))
                .isAccepted()).isTrue();
        assertThat(bob.next("ok").path("id").asInt()).isEqualTo(5);
        phones.context().deliver(bobsAddress, new Signal.Bye(phone, "c1", "transferred"));
        assertThat(bob.next("bye").path("reason").asText()).isEqualTo("transferred");

        phones.context().deliver(bobsAddress, new Signal.Mailbox(Address.of("sip:*97@pbx.example.org"), 1, 4));
        JsonNode mailbox = bob.next("mailbox");
        assertThat(mailbox.path("new").asInt()).isEqualTo(1);
        assertThat(mailbox.path("old").asInt()).isEqualTo(4);
    }
}
