package org.webrtcgateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.api.IceCandidate;
import org.webrtcgateway.core.api.PresenceStatus;
import org.webrtcgateway.core.api.RawJson;
import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.api.Signal;

/** Every kind of signal crosses between nodes as it was: what one node encodes, another decodes to the same record. */
class SignalCodecTest {

    private static final Address.Local ALICE = new Address.Local("alice");
    private static final Address PHONE = Address.of("sip:1001@example.org");

    static Stream<Signal> everyKindOfSignal() {
        return Stream.of(
                new Signal.Offer(ALICE, "c1", "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n"),
                new Signal.Answer(PHONE, "c1", "v=0\r\n"),
                new Signal.Candidate(ALICE, "c1", new IceCandidate("candidate:1 1 udp 1 127.0.0.1 9 typ host", "0", 0, "ab")),
                new Signal.Candidate(ALICE, "c1", null),
                new Signal.Ringing(PHONE, "c1"),
                new Signal.Bye(PHONE, "c1", "transferred"),
                new Signal.Dtmf(ALICE, "c1", "12#", 160),
                new Signal.Transfer(ALICE, "c1", Address.of("sip:1002@example.org")),
                new Signal.Transfer(PHONE, "c1", new Address.Local("carol")),
                new Signal.TransferResult(PHONE, "c1", RouteResult.accepted()),
                new Signal.TransferResult(PHONE, "c1", RouteResult.rejected(ErrorCode.UNREACHABLE, "486 Busy Here")),
                new Signal.Mailbox(Address.of("sip:*97@example.org"), 3, 11),
                new Signal.Text(ALICE, "room-1", new RawJson("{\"hi\":1}")),
                new Signal.Presence(PHONE, PresenceStatus.BUSY, "on the phone"),
                new Signal.Subscription(ALICE, true),
                new Signal.PeerJoined(ALICE, "room-1"),
                new Signal.PeerLeft(ALICE, "room-1"));
    }

    @ParameterizedTest
    @MethodSource("everyKindOfSignal")
    void aSignalDecodesToWhatWasEncoded(Signal signal) {
        assertThat(SignalCodec.decode(SignalCodec.encode(signal))).isEqualTo(signal);
    }

    @Test
    void anUnknownKindIsRefusedWithItsName() {
        assertThatThrownBy(() -> SignalCodec.decode("{\"n\":\"alice\",\"t\":\"teleport\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("teleport");
    }
}
