package org.webrtcgateway.bench;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.IceCandidate;
import org.webrtcgateway.core.api.RawJson;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.core.protocol.Inbound;
import org.webrtcgateway.core.protocol.JsonDecoder;
import org.webrtcgateway.core.protocol.JsonEncoder;
import org.webrtcgateway.core.protocol.ServerMessage;

/**
 * Decoding and encoding the messages the gateway relays most: a {@code message} carrying an ICE
 * candidate (what the load generator's relay sends), a trickled {@code candidate}, and a 3 KB offer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {

    static final String CANDIDATE_LINE = "candidate:842163049 1 udp 1677729535 192.0.2.10 54321 typ srflx raddr 10.0.0.2 rport 54321 generation 0 ufrag EsAw network-cost 999";
    static final byte[] MESSAGE_FRAME = ("{\"type\":\"message\",\"to\":\"user42\",\"data\":{\"candidate\":\"" + CANDIDATE_LINE
            + "\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0,\"usernameFragment\":\"EsAw\"}}").getBytes(StandardCharsets.UTF_8);
    static final byte[] CANDIDATE_FRAME = ("{\"type\":\"candidate\",\"call\":\"c-42\",\"candidate\":{\"candidate\":\"" + CANDIDATE_LINE
            + "\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0,\"usernameFragment\":\"EsAw\"}}").getBytes(StandardCharsets.UTF_8);
    static final String SDP = Sdp.offer();
    static final byte[] OFFER_FRAME = ("{\"type\":\"offer\",\"to\":\"user42\",\"call\":\"c-42\",\"sdp\":\""
            + SDP.replace("\r\n", "\\r\\n") + "\"}").getBytes(StandardCharsets.UTF_8);

    private final JsonDecoder decoder = new JsonDecoder();
    private final JsonEncoder encoder = new JsonEncoder();
    private final OutputStream sink = OutputStream.nullOutputStream();
    private final ServerMessage relayedMessage = new ServerMessage.Delivery(new Signal.Text(new Address.Local("user41"), null,
            new RawJson("{\"candidate\":\"" + CANDIDATE_LINE + "\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0,\"usernameFragment\":\"EsAw\"}")));
    private final ServerMessage relayedCandidate = new ServerMessage.Delivery(new Signal.Candidate(new Address.Local("user41"), "c-42",
            new IceCandidate(CANDIDATE_LINE, "0", 0, "EsAw")));
    private final ServerMessage relayedOffer = new ServerMessage.Delivery(new Signal.Offer(new Address.Local("user41"), "c-42", SDP));

    @Benchmark
    public Inbound decodeMessage() {
        return decoder.decode(MESSAGE_FRAME, 0, MESSAGE_FRAME.length);
    }

    @Benchmark
    public Inbound decodeCandidate() {
        return decoder.decode(CANDIDATE_FRAME, 0, CANDIDATE_FRAME.length);
    }

    @Benchmark
    public Inbound decodeOffer() {
        return decoder.decode(OFFER_FRAME, 0, OFFER_FRAME.length);
    }

    @Benchmark
    public void encodeMessage() {
        encoder.encode(relayedMessage, sink);
    }

    @Benchmark
    public void encodeCandidate() {
        encoder.encode(relayedCandidate, sink);
    }

    @Benchmark
    public void encodeOffer() {
        encoder.encode(relayedOffer, sink);
    }
}
