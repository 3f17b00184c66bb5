package org.webrtcgateway.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;

import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.AddressForm;
import org.webrtcgateway.core.api.IceCandidate;
import org.webrtcgateway.core.api.PresenceStatus;
import org.webrtcgateway.core.api.RawJson;
import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.testing.RecordingBridge;

/**
 * A network that lives in the test: a bridge for the made-up scheme {@code mem:} (a {@link RecordingBridge}
 * with its address form) and one far party, {@code mem:bob}, that the test plays. The reference every
 * real bridge's far side is held against in {@link BridgeContract}.
 */
public final class InMemoryFarSide implements FarSide {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Address.External BOB = (Address.External) new AddressForm("mem", Pattern.compile("[a-z0-9.-]{1,64}"))
            .parse("mem:bob").orElseThrow();

    private final RecordingBridge bridge = new RecordingBridge("mem", "mem");
    /** Signals the gateway sent that no wait has taken yet, oldest first. */
    private final List<Signal> unclaimed = new ArrayList<>();
    private final Map<String, Address.Local> followers = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();

    /** What a gateway needs to have this network: the bridge and the form of {@code mem:} addresses. */
    public Module module() {
        Module bridgeModule = bridge.module();
        return new AbstractModule() {
            @Override
            protected void configure() {
                install(bridgeModule);
                Multibinder.newSetBinder(binder(), AddressForm.class).addBinding()
                        .toInstance(new AddressForm("mem", Pattern.compile("[a-z0-9.-]{1,64}")));
            }
        };
    }

    @Override
    public String address() {
        return BOB.toString();
    }

    @Override
    public FarCall nextCall() {
        Signal.Offer offer = (Signal.Offer) await(signal -> signal instanceof Signal.Offer);
        return new Call((Address.Local) offer.from(), offer.call(), offer.sdp());
    }

    @Override
    public FarCall call(String user, String offerSdp) {
        Call call = new Call(new Address.Local(user), "mem-" + calls.incrementAndGet(), offerSdp);
        accepted(bridge.context().deliver(call.user, new Signal.Offer(BOB, call.id, offerSdp)));
        return call;
    }

    @Override
    public void message(String user, String text) {
        try {
            accepted(bridge.context().deliver(new Address.Local(user),
                    new Signal.Text(BOB, null, new RawJson(JSON.writeValueAsString(text)))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String nextMessage() {
        Signal.Text text = (Signal.Text) await(signal -> signal instanceof Signal.Text);
        try {
            return JSON.readTree(text.data().json()).asText();
        } catch (JsonProcessingException e) {
            throw new AssertionError("the message's data is not JSON: " + text.data().json(), e);
        }
    }

    @Override
    public boolean hasPresence() {
        return true;
    }

    @Override
    public void setPresence(String status) {
        Signal.Subscription subscription = (Signal.Subscription) await(signal -> signal instanceof Signal.Subscription s && s.follow());
        followers.put(subscription.from().toString(), (Address.Local) subscription.from());
        PresenceStatus presence = PresenceStatus.fromWireName(status).orElseThrow();
        followers.values().forEach(follower -> accepted(bridge.context().deliver(follower, new Signal.Presence(BOB, presence, null))));
    }

    /** Takes the oldest signal the gateway sent that {@code wanted}, waiting for more as needed. */
    private synchronized Signal await(Predicate<Signal> wanted) {
        for (int taken = 0; taken < 100; taken++) {
            for (Iterator<Signal> it = unclaimed.iterator(); it.hasNext(); ) {
                Signal signal = it.next();
                if (wanted.test(signal)) {
                    it.remove();
                    return signal;
                }
            }
            RecordingBridge.Sent sent = bridge.next(); // fails the test after 5 s with nothing
            assertThat(sent.to()).isEqualTo(BOB);
            unclaimed.add(sent.signal());
        }
        throw new AssertionError("none of the gateway's signals was the one awaited: " + unclaimed);
    }

    private static void accepted(RouteResult result) {
        assertThat(result.isAccepted()).as("the gateway took it: %s", result).isTrue();
    }

    /** One call between a gateway user and {@code mem:bob}. */
    private final class Call implements FarCall {
        private final Address.Local user;
        private final String id;
        private final String offer;

        Call(Address.Local user, String id, String offer) {
            this.user = user;
            this.id = id;
            this.offer = offer;
        }

        @Override
        public String offer() {
            return offer;
        }

        @Override
        public void ringing() {
            accepted(bridge.context().deliver(user, new Signal.Ringing(BOB, id)));
        }

        @Override
        public void answer(String sdp) {
            accepted(bridge.context().deliver(user, new Signal.Answer(BOB, id, sdp)));
        }

        @Override
        public void reject(String reason) {
            accepted(bridge.context().deliver(user, new Signal.Bye(BOB, id, reason)));
        }

        @Override
        public void hangUp() {
            accepted(bridge.context().deliver(user, new Signal.Bye(BOB, id, null)));
        }

        @Override
        public void candidate(String candidateLine) {
            accepted(bridge.context().deliver(user, new Signal.Candidate(BOB, id, new IceCandidate(candidateLine, "0", 0, null))));
        }

        @Override
        public void awaitCandidate(String candidateLine) {
            if (!offer.contains(candidateLine)) {
                await(signal -> signal instanceof Signal.Candidate c && c.call().equals(id) && c.candidate().candidate().equals(candidateLine));
            }
        }

        @Override
        public String awaitAnswer() {
            return ((Signal.Answer) await(signal -> signal instanceof Signal.Answer a && a.call().equals(id))).sdp();
        }

        @Override
        public void awaitEnded() {
            await(signal -> signal instanceof Signal.Bye b && b.call().equals(id));
        }
    }
}
