package org.webrtcgateway.server;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.Bridge;
import org.webrtcgateway.core.api.BridgeContext;
import org.webrtcgateway.core.api.Deadline;
import org.webrtcgateway.core.api.BridgeThread;
import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.api.Signal;

/**
 * The network of a made-up scheme, for tests: every address in it answers every offer at once, with
 * the offer's own SDP. Other signals are taken and dropped.
 */
final class EchoBridge implements Bridge {

    private final String scheme;
    private volatile BridgeContext context;
    private volatile ScheduledExecutorService thread;

    EchoBridge(String scheme) {
        this.scheme = scheme;
    }

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public Set<String> schemes() {
        return Set.of(scheme);
    }

    @Override
    public void start(BridgeContext context) {
        this.context = context;
        this.thread = BridgeThread.start("echo-bridge");
    }

    @Override
    public Optional<String> stop(Deadline deadline) {
        thread.shutdownNow(); // nothing to say goodbye to: its calls are echoes of the caller's
        return Optional.empty();
    }

    @Override
    public RouteResult send(Address to, Signal signal) {
        if (signal instanceof Signal.Offer offer && offer.from() instanceof Address.Local caller) {
            // Answered on the bridge's own thread, as a real network answers later: send must not block,
            // and the gateway is still placing the call when it hands the offer over.
            thread.execute(() -> context.deliver(caller, new Signal.Answer(to, offer.call(), offer.body())));
        }
        return RouteResult.accepted();
    }
}
