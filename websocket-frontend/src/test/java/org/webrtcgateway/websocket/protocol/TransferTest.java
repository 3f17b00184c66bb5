package org.webrtcgateway.websocket.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.testing.GatewayExtension;
import org.webrtcgateway.testing.RecordingBridge;
import org.webrtcgateway.testing.TestClient;

/**
 * PROTOCOL.md {@code transfer} and {@code mailbox}: between two browsers the gateway relays the transfer and the
 * page acts on it; to a bridge it is a question for the bridge's network, answered when that network says how it
 * went. The bridge here records what it gets; the SIP bridge's REFER is proven against Kamailio in sip-bridge.
 */
class TransferTest {

    private static final Address PHONE = Address.of("sip:1001@127.0.0.1");
    private static final Address.Local ALICE = new Address.Local("alice");

    private final RecordingBridge sip = new RecordingBridge("sip", "sip", "sips", "tel");

    @RegisterExtension
    final GatewayExtension gateway = new GatewayExtension().withModule(sip.module())
            .with("access.default.call-deny", "mallory, tel:+1900*");

    @Test
    void aTransferReachesTheOtherBrowserWhichCallsTheTargetAndEndsTheCallAsTransferred() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        TestClient carol = gateway.login("carol");
        String call = callAndAnswer(alice, bob);

        JsonNode ok = alice.requestOk("type", "transfer", "call", call, "to", "carol");

        assertThat(ok.path("type").asText()).isEqualTo("ok");
        JsonNode transfer = bob.next("transfer");
        assertThat(transfer.path("from").asText()).isEqualTo("alice");
        assertThat(transfer.path("call").asText()).isEqualTo(call);
        assertThat(transfer.path("to").asText()).isEqualTo("carol");
        bob.requestOk("type", "offer", "to", "carol", "call", "after-transfer", "sdp", "v=0\r\n");
        assertThat(carol.next("offer").path("from").asText()).isEqualTo("bob");
        bob.requestOk("type", "bye", "call", call, "reason", "transferred");
        assertThat(alice.next("bye").path("reason").asText()).isEqualTo("transferred");
    }

    @Test
    void aTransferOfACallOneDoesNotHaveIsUnknownCallAndReachesNoOne() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        callAndAnswer(alice, bob);

        alice.requestError("unknown-call", "type", "transfer", "call", "no-such-call", "to", "carol");

        bob.expectNothing(Duration.ofMillis(200));
    }

    @Test
    void aTransferNeedsACallAndATargetOtherThanOneself() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        String call = callAndAnswer(alice, bob);

        alice.requestError("bad-message", "type", "transfer", "call", call);
        alice.requestError("bad-message", "type", "transfer", "to", "carol");
        alice.requestError("bad-message", "type", "transfer", "call", call, "to", "alice");
        alice.requestError("bad-message", "type", "transfer", "call", call, "to", "not a name");
    }

    @Test
    void aTransferToWhatTheAccessRulesDenyIsForbiddenAndReachesNoOne() {
        TestClient alice = gateway.login("alice");
        TestClient bob = gateway.login("bob");
        String call = callAndAnswer(alice, bob);

        alice.requestError("forbidden", "type", "transfer", "call", call, "to", "mallory");
        alice.requestError("forbidden", "type", "transfer", "call", call, "to", "tel:+19005550100");

        bob.expectNothing(Duration.ofMillis(200));
    }

    @Test
    void aTransferOfABridgedCallIsAnsweredOnlyWhenTheBridgeSaysItWorked() {
        TestClient alice = gateway.login("alice");
        String call = callThePhone(alice);

        alice.send("type", "transfer", "id", 7, "call", call, "to", "sip:1002@127.0.0.1");

        Signal.Transfer transfer = sip.next(Signal.Transfer.class);
        assertThat(transfer).isEqualTo(new Signal.Transfer(ALICE, call, Address.of("sip:1002@127.0.0.1")));
        alice.expectNothing(Duration.ofMillis(200));
        assertThat(sip.context().deliver(ALICE, new Signal.TransferResult(PHONE, call, RouteResult.accepted())).isAccepted()).isTrue();
        JsonNode ok = alice.next("ok");
        assertThat(ok.path("id").asInt()).isEqualTo(7);
        sip.context().deliver(ALICE, new Signal.Bye(PHONE, call, "transferred"));
        assertThat(alice.next("bye").path("reason").asText()).isEqualTo("transferred");
    }

    @Test
    void aTransferTheFarNetworkRefusesIsAnErrorAndTheCallGoesOn() {
        TestClient alice = gateway.login("alice");
        String call = callThePhone(alice);
        alice.send("type", "transfer", "id", "t1", "call", call, "to", "sip:1002@127.0.0.1");
        sip.next(Signal.Transfer.class);

        sip.context().deliver(ALICE, new Signal.TransferResult(PHONE, call,
                RouteResult.rejected(ErrorCode.UNREACHABLE, "sip:1002@127.0.0.1 answered 486 Busy Here")));

        JsonNode error = alice.next("error");
        assertThat(error.path("id").asText()).isEqualTo("t1");
        assertThat(error.path("code").asText()).isEqualTo("unreachable");
        assertThat(error.path("message").asText()).contains("486 Busy Here");
        alice.requestOk("type", "dtmf", "call", call, "tones", "1");
        assertThat(sip.next(Signal.Dtmf.class).call()).isEqualTo(call);
    }

    @Test
    void oneTransferAtATimePerCall() {
        TestClient alice = gateway.login("alice");
        String call = callThePhone(alice);
        alice.send("type", "transfer", "id", 1, "call", call, "to", "sip:1002@127.0.0.1");
        sip.next(Signal.Transfer.class);

        JsonNode second = alice.requestError("bad-message", "type", "transfer", "call", call, "to", "sip:1003@127.0.0.1");

        assertThat(second.path("message").asText()).contains("under way");
    }

    @Test
    void aCallEndingWhileItsTransferIsUnderWayAnswersTheTransferByHowItEnded() {
        TestClient alice = gateway.login("alice");
        String transferred = callThePhone(alice);
        alice.send("type", "transfer", "id", 1, "call", transferred, "to", "sip:1002@127.0.0.1");
        sip.next(Signal.Transfer.class);

        sip.context().deliver(ALICE, new Signal.Bye(PHONE, transferred, "transferred"));

        assertThat(alice.next("ok").path("id").asInt()).isEqualTo(1);
        assertThat(alice.next("bye").path("reason").asText()).isEqualTo("transferred");

        String hungUp = callThePhone(alice);
        alice.send("type", "transfer", "id", 2, "call", hungUp, "to", "sip:1002@127.0.0.1");
        sip.next(Signal.Transfer.class);
        sip.context().deliver(ALICE, new Signal.Bye(PHONE, hungUp, "timeout"));

        JsonNode error = alice.next("error");
        assertThat(error.path("id").asInt()).isEqualTo(2);
        assertThat(error.path("message").asText()).contains("timeout");
        alice.next("bye");
    }

    @Test
    void aTransferResultWithNoTransferUnderWayIsRefusedToTheBridge() {
        TestClient alice = gateway.login("alice");
        String call = callThePhone(alice);

        RouteResult result = sip.context().deliver(ALICE, new Signal.TransferResult(PHONE, call, RouteResult.accepted()));

        assertThat(result).isInstanceOf(RouteResult.Rejected.class);
        alice.expectNothing(Duration.ofMillis(200));
    }

    @Test
    void aBridgesMessageWaitingReachesTheUserAsMailbox() {
        TestClient alice = gateway.login("alice");

        RouteResult delivered = sip.context().deliver(ALICE, new Signal.Mailbox(Address.of("sip:*97@127.0.0.1"), 2, 5));

        assertThat(delivered.isAccepted()).isTrue();
        JsonNode mailbox = alice.next("mailbox");
        assertThat(mailbox.path("from").asText()).isEqualTo("sip:*97@127.0.0.1");
        assertThat(mailbox.path("new").asInt()).isEqualTo(2);
        assertThat(mailbox.path("old").asInt()).isEqualTo(5);
    }

    private static String callAndAnswer(TestClient caller, TestClient callee) {
        String call = caller.requestOk("type", "offer", "to", callee.name(), "sdp", "v=0\r\n").path("call").asText();
        callee.next("offer");
        callee.requestOk("type", "answer", "call", call, "sdp", "v=0\r\n");
        caller.next("answer");
        return call;
    }

    private String callThePhone(TestClient caller) {
        String call = caller.requestOk("type", "offer", "to", PHONE.toString(), "sdp", "v=0\r\n").path("call").asText();
        sip.next(Signal.Offer.class);
        sip.context().deliver(ALICE, new Signal.Answer(PHONE, call, "v=0\r\n"));
        caller.next("answer");
        return call;
    }
}
