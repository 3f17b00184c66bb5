package org.webrtcgateway.bench;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.webrtcgateway.core.CoreGateway;
import org.webrtcgateway.core.CoreModule;
import org.webrtcgateway.core.api.Deadline;
import org.webrtcgateway.core.config.Settings;
import org.webrtcgateway.core.protocol.ClientConnection;
import org.webrtcgateway.core.protocol.ClientLink;
import org.webrtcgateway.core.protocol.CloseReason;
import org.webrtcgateway.core.protocol.JsonDecoder;
import org.webrtcgateway.core.protocol.JsonEncoder;
import org.webrtcgateway.core.protocol.ServerMessage;

/**
 * One relayed {@code message} through the real core, network aside: decode the sender's frame,
 * route it to the receiver's session, encode what the receiver gets. The connections encode into a
 * reused buffer, as the WebSocket frontend encodes into a pooled one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RoutingBenchmark {

    private static final byte[] FRAME = CodecBenchmark.MESSAGE_FRAME;

    private Injector injector;
    private JsonDecoder decoder;
    private JsonEncoder encoder;
    private ClientLink sender;

    /** Encodes what it is sent, like the WebSocket connection, and throws it away. */
    private final class EncodingConnection implements ClientConnection {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);

        @Override
        public boolean send(ServerMessage message) {
            out.reset();
            encoder.encode(message, out);
            return true;
        }

        @Override
        public void close(CloseReason reason) {
        }

        @Override
        public String remoteAddress() {
            return "benchmark";
        }
    }

    @Setup(Level.Trial)
    public void startCore() throws Exception {
        injector = Guice.createInjector(Stage.PRODUCTION, new CoreModule(Settings.of(Map.of())));
        decoder = injector.getInstance(JsonDecoder.class);
        encoder = injector.getInstance(JsonEncoder.class);
        CoreGateway gateway = injector.getInstance(CoreGateway.class);
        gateway.start();
        sender = gateway.connect(new EncodingConnection(), null);
        ClientLink receiver = gateway.connect(new EncodingConnection(), null);
        sender.receive(decoder.decode("{\"type\":\"login\",\"name\":\"user41\"}"));
        receiver.receive(decoder.decode("{\"type\":\"login\",\"name\":\"user42\"}"));
    }

    @TearDown(Level.Trial)
    public void stopCore() {
        injector.getInstance(CoreGateway.class).stop(Deadline.in(Duration.ofSeconds(10)));
    }

    @Benchmark
    public void relayMessage() {
        sender.receive(decoder.decode(FRAME, 0, FRAME.length));
    }
}
