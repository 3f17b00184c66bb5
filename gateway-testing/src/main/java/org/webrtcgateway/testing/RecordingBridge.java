package org.webrtcgateway.testing;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;

import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.Bridge;
import org.webrtcgateway.core.api.BridgeContext;
import org.webrtcgateway.core.api.BridgeHealth;
import org.webrtcgateway.core.api.BridgeLeg;
import org.webrtcgateway.core.api.Deadline;
import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.api.Signal;

/**
 * An in-memory bridge for tests of the core's routing: it records what the gateway sends it, and a
 * test plays the far network by calling {@link #context()}. {@link #answerWith} changes what
 * {@link #send} returns (to test rejections and a bridge that throws).
 */
public final class RecordingBridge implements Bridge {

    /** One signal the gateway handed this bridge. */
    public record Sent(Address to, Signal signal) {
    }

    private final String name;
    private final Set<String> schemes;
    private final BlockingQueue<Sent> sent = new LinkedBlockingQueue<>();
    private volatile BiFunction<Address, Signal, RouteResult> answer = (to, signal) -> RouteResult.accepted();
    private volatile BridgeContext context;
    private volatile boolean stopped;
    private volatile BridgeHealth health = BridgeHealth.READY;
    private volatile List<BridgeLeg> legs = List.of();

    public RecordingBridge(String name, String... schemes) {
        this.name = name;
        this.schemes = Set.of(schemes);
    }

    /** A module that adds this bridge to the gateway's multibinder. */
    public AbstractModule module() {
        RecordingBridge bridge = this;
        return new AbstractModule() {
            @Override
            protected void configure() {
                Multibinder.newSetBinder(binder(), Bridge.class).addBinding().toInstance(bridge);
            }
        };
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> schemes() {
        return schemes;
    }

    @Override
    public void start(BridgeContext context) {
        this.context = context;
    }

    @Override
    public Optional<String> stop(Deadline deadline) {
        stopped = true;
        return Optional.empty();
    }

    @Override
    public RouteResult send(Address to, Signal signal) {
        sent.add(new Sent(to, signal));
        return answer.apply(to, signal);
    }

    /** What {@link #health} says from now on. */
    public void reportHealth(BridgeHealth health) {
        this.health = health;
    }

    @Override
    public BridgeHealth health() {
        return health;
    }

    /** What {@link #legs} lists from now on. */
    public void reportLegs(List<BridgeLeg> legs) {
        this.legs = List.copyOf(legs);
    }

    @Override
    public List<BridgeLeg> legs() {
        return legs;
    }

    public void answerWith(BiFunction<Address, Signal, RouteResult> answer) {
        this.answer = answer;
    }

    public BridgeContext context() {
        return context;
    }

    public boolean isStopped() {
        return stopped;
    }

    /** The next signal the gateway sent, waiting up to 5 s. */
    public Sent next() {
        try {
            Sent next = sent.poll(5, TimeUnit.SECONDS);
            if (next == null) {
                throw new AssertionError("bridge '" + name + "' was sent nothing within 5 s");
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next signal, which must be of {@code type}. */
    public <T extends Signal> T next(Class<T> type) {
        Sent next = next();
        if (!type.isInstance(next.signal())) {
            throw new AssertionError("bridge '" + name + "' expected a " + type.getSimpleName() + " and got " + next);
        }
        return type.cast(next.signal());
    }

    /**
     * Users this bridge was told logged in (with their claims), set their presence, and logged out, in
     * order: "online alice {...}", "presence alice away lunch", "offline alice".
     */
    public final BlockingQueue<String> userEvents = new LinkedBlockingQueue<>();

    @Override
    public void userOnline(Address.Local user, java.util.Map<String, Object> claims) {
        userEvents.add("online " + user + " " + new java.util.TreeMap<>(claims));
    }

    @Override
    public void userOffline(Address.Local user) {
        userEvents.add("offline " + user);
    }

    @Override
    public void userPresence(Address.Local user, org.webrtcgateway.core.api.PresenceStatus status, String note) {
        userEvents.add("presence " + user + " " + status.wireName() + " " + note);
    }

    public Sent poll() {
        return sent.poll();
    }
}
