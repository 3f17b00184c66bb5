package org.webrtcgateway.sip.subscribe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.BridgeContext;
import org.webrtcgateway.sip.SipAccount;
import org.webrtcgateway.sip.stack.SipEndpoint;

/**
 * Busy lamps: each user's subscriptions to SIP addresses ({@code subscribe} of a {@code sip:}/{@code tel:}
 * address), Event: dialog, else presence. Several users watching one address each have their own
 * subscription: simple, and each is from the user's own account, as the PBX's permissions expect. At most
 * {@code sip.max-subscriptions-per-user} per user: {@link #reserve} is asked on the caller's thread (the
 * event loop), everything else runs on the bridge thread.
 */
public final class BusyLamps {

    private static final Logger log = LoggerFactory.getLogger(BusyLamps.class);

    private final SipEndpoint endpoint;
    private final ScheduledExecutorService executor;
    private final SubscriptionTable table;
    private final BridgeContext gateway;
    private final SubscribeConfig config;
    /** What each user watches, reserved on the caller's thread so the bound holds however fast they ask. */
    private final Map<String, Set<Address.External>> reserved = new ConcurrentHashMap<>();
    /** Bridge thread only. */
    private final Map<String, Map<Address.External, BusyLamp>> lamps = new HashMap<>();

    BusyLamps(SipEndpoint endpoint, ScheduledExecutorService executor, SubscriptionTable table, BridgeContext gateway,
              SubscribeConfig config) {
        this.endpoint = endpoint;
        this.executor = executor;
        this.table = table;
        this.gateway = gateway;
        this.config = config;
    }

    /**
     * Takes one of {@code user}'s busy-lamp places for {@code watched} (again, if it is watched already), or says why
     * not. Any thread.
     */
    public Optional<String> reserve(String user, Address.External watched) {
        boolean[] full = new boolean[1];
        reserved.compute(user, (name, set) -> {
            Set<Address.External> watching = set != null ? set : ConcurrentHashMap.newKeySet();
            if (!watching.contains(watched) && watching.size() >= config.maxPerUser()) {
                full[0] = true;
            } else {
                watching.add(watched);
            }
            return watching.isEmpty() ? null : watching;
        });
        return full[0] ? Optional.of("you watch " + config.maxPerUser() + " SIP addresses already (sip.max-subscriptions-per-user)")
                : Optional.empty();
    }

    /** Gives back a place {@link #reserve} took when the subscription is not made after all. Any thread. */
    public void release(String user, Address.External watched) {
        reserved.computeIfPresent(user, (name, set) -> {
            set.remove(watched);
            return set.isEmpty() ? null : set;
        });
    }

    /** {@code user} watches {@code watched}, whose SIP URI is {@code target}, from {@code account}. Bridge thread. */
    public void watch(SipAccount account, Address.Local user, Address.External watched, String target) {
        Map<Address.External, BusyLamp> mine = lamps.computeIfAbsent(user.name(), name -> new HashMap<>());
        BusyLamp existing = mine.get(watched);
        if (existing != null) {
            existing.showAgain();
            return;
        }
        BusyLamp lamp = new BusyLamp(gateway, user, watched);
        Subscription subscription = new Subscription(endpoint, executor, table, account, target,
                List.of(EventPackage.DIALOG, EventPackage.PRESENCE), config.expires(), lamp);
        lamp.attach(subscription);
        mine.put(watched, lamp);
        log.debug("{} watches {} ({})", user, watched, target);
        subscription.start();
    }

    /**
     * {@code user} no longer watches {@code watched}: SUBSCRIBE Expires 0. Bridge thread; the caller {@link #release}d
     * the place already, so a {@code subscribe} right after the {@code unsubscribe} finds it free.
     */
    public void unwatch(String user, Address.External watched) {
        Map<Address.External, BusyLamp> mine = lamps.get(user);
        BusyLamp lamp = mine == null ? null : mine.remove(watched);
        if (mine != null && mine.isEmpty()) {
            lamps.remove(user);
        }
        if (lamp != null) {
            lamp.subscription().stop();
        }
    }

    /** The user's session ended: every lamp of theirs goes out. Bridge thread. */
    public void userGone(String user) {
        Map<Address.External, BusyLamp> mine = lamps.remove(user);
        if (mine != null) {
            // Only the places of the lamps ended here: a new session of the same name may have taken others since.
            mine.keySet().forEach(watched -> release(user, watched));
            mine.values().forEach(lamp -> lamp.subscription().stop());
        }
    }

    /** Ends every subscription; completes when every notifier answered or gave up. Bridge thread. */
    CompletableFuture<Void> stopAll() {
        List<CompletableFuture<Void>> ends = new ArrayList<>();
        lamps.values().forEach(mine -> mine.values().forEach(lamp -> ends.add(lamp.subscription().stop())));
        lamps.clear();
        reserved.clear();
        return CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new));
    }

    /** How many lamps are lit or being lit. Bridge thread. */
    int count() {
        return lamps.values().stream().mapToInt(Map::size).sum();
    }
}
