package org.webrtcgateway.sip.media;

import java.net.InetSocketAddress;
import java.net.SocketException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rtpengine instances of the SIP bridge ({@code sip.rtpengine.ng}), each pinged every
 * {@code sip.rtpengine.check-interval}, and the media leg of each new call: relayed through the first instance up
 * when its {@link MediaMode} says so, else passed through. No instance configured: every leg passes through.
 */
public final class MediaRelays implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MediaRelays.class);

    private final List<RtpengineInstance> instances;
    private final Set<CompletableFuture<?>> deletes = ConcurrentHashMap.newKeySet();
    /** rtpengine's call-id of each relayed call: unique per gateway process (one SIP Call-ID may carry two of our calls). */
    private final String prefix;
    private final AtomicLong sequence = new AtomicLong();
    private ScheduledFuture<?> checks;

    private MediaRelays(List<RtpengineInstance> instances) {
        this.instances = List.copyOf(instances);
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        this.prefix = "gw-" + HexFormat.of().formatHex(random) + "-";
    }

    /** Opens an ng client per instance (their addresses resolved now) and starts the health checks on {@code scheduler}. */
    public static MediaRelays start(MediaConfig config, ScheduledExecutorService scheduler) throws SocketException {
        List<RtpengineInstance> instances = new ArrayList<>();
        try {
            for (InetSocketAddress unresolved : config.rtpengines()) {
                InetSocketAddress address = new InetSocketAddress(unresolved.getHostString(), unresolved.getPort());
                if (address.isUnresolved()) {
                    log.warn("rtpengine host {} does not resolve: it gets no calls", unresolved.getHostString());
                    continue;
                }
                instances.add(new RtpengineInstance(address, config.timeout()));
            }
        } catch (SocketException e) {
            instances.forEach(RtpengineInstance::close);
            throw e;
        }
        MediaRelays relays = new MediaRelays(instances);
        if (!instances.isEmpty()) {
            long ms = config.checkInterval().toMillis();
            relays.checks = scheduler.scheduleWithFixedDelay(() -> instances.forEach(RtpengineInstance::ping), 0, ms, TimeUnit.MILLISECONDS);
            log.info("media of plain-RTP calls relayed by rtpengine at {}", instances.stream().map(RtpengineInstance::address).toList());
        }
        return relays;
    }

    /** The media leg of a new call in {@code mode} whose far end offered {@code farEndOffer} (null: we offer). */
    public MediaLeg legFor(MediaMode mode, String farEndOffer) {
        return mode.relays(farEndOffer) ? new RelayedLeg(this, prefix + sequence.incrementAndGet()) : MediaLeg.PASS_THROUGH;
    }

    /** The instances up now, in order of preference. */
    List<RtpengineInstance> instancesUp() {
        return instances.stream().filter(RtpengineInstance::isUp).toList();
    }

    /** How many instances are up (for the metrics). */
    public int up() {
        return instancesUp().size();
    }

    /** How many instances are configured. */
    public int configured() {
        return instances.size();
    }

    /** While no instance is up, why: a readiness problem (plain-RTP calls fail with {@value MediaFailure#UNREACHABLE}). */
    public Optional<String> problem() {
        if (instances.isEmpty() || instances.stream().anyMatch(RtpengineInstance::isUp)) {
            return Optional.empty();
        }
        List<String> problems = instances.stream().map(RtpengineInstance::problem).filter(p -> p != null).toList();
        return Optional.of("no media relay answers: " + String.join("; ", problems));
    }

    void deleting(CompletableFuture<?> delete) {
        deletes.add(delete);
        delete.whenComplete((reply, error) -> {
            deletes.remove(delete);
            if (error != null) {
                log.debug("an rtpengine delete failed: {}", error.toString());
            }
        });
    }

    /** Completes once every delete sent so far is answered (or failed): what the bridge's stop waits for. */
    public CompletableFuture<Void> allDeleted() {
        return CompletableFuture.allOf(deletes.toArray(CompletableFuture[]::new)).handle((done, error) -> null);
    }

    @Override
    public void close() {
        if (checks != null) {
            checks.cancel(false);
        }
        instances.forEach(RtpengineInstance::close);
    }
}
