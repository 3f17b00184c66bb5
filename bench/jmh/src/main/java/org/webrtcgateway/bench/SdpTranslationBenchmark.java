package org.webrtcgateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.webrtcgateway.xmpp.sdp.JingleSessionContents;
import org.webrtcgateway.xmpp.sdp.SdpRole;
import org.webrtcgateway.xmpp.sdp.SdpToJingle;
import org.webrtcgateway.xmpp.sdp.SessionDescription;

/**
 * What the XMPP bridge does with every offer and answer a browser sends to a Jingle peer, on the event loop: the SDP
 * parsed and translated to Jingle (XmppBridge.session). Chromium's audio+video offer, the one bench/xmpp-load.sh sends
 * (JFR of that load: about a tenth of the gateway's CPU in a bridged Jingle call). Run from the repository's root (the
 * offer is the XMPP bridge's test fixture), or name the file with -Dsdp=FILE.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SdpTranslationBenchmark {

    private String offer;

    @Setup
    public void readOffer() throws IOException {
        offer = Files.readString(Path.of(System.getProperty("sdp", "xmpp-bridge/src/test/resources/sdp/chromium-audio-video-offer.sdp")));
    }

    @Benchmark
    public SessionDescription parseOffer() {
        return SessionDescription.parse(offer);
    }

    @Benchmark
    public JingleSessionContents offerToJingle() {
        return SdpToJingle.translate(SessionDescription.parse(offer), SdpRole.INITIATOR);
    }
}
