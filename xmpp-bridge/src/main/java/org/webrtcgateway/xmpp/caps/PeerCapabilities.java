package org.webrtcgateway.xmpp.caps;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smackx.caps.packet.CapsExtension;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverInfoBuilder;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.FullJid;
import org.jxmpp.jid.Jid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.xmpp.link.XmppEndpoint;

/**
 * The available resources of each gateway user's contacts and what each supports, learned from presence and
 * XEP-0115 entity capabilities (asking disco#info, XEP-0030, for a capabilities version not seen before), so a call
 * can pick how to ring: XEP-0353 or a direct session-initiate to the resource that does Jingle RTP. A version's
 * features are cached only once its hash verifies, so one peer cannot tell lies about another's software. Bounded:
 * at most {@link #MAX_CONTACTS} contacts per user, {@link #MAX_RESOURCES} resources each, {@link #MAX_VERSIONS}
 * cached versions. Written on the bridge's thread; read from any thread too (a call's ringing is chosen before the
 * browser's offer is accepted, on the event loop).
 */
public final class PeerCapabilities {

    private static final Logger log = LoggerFactory.getLogger(PeerCapabilities.class);
    static final int MAX_CONTACTS = 10_000;
    static final int MAX_RESOURCES = 16;
    static final int MAX_VERSIONS = 1_000;

    /** user name -> contact -> resource -> what is known of it. */
    private final Map<String, Map<BareJid, Map<FullJid, PeerResource>>> resources = new ConcurrentHashMap<>();
    /** Verified XEP-0115 versions ("hash ver") and their features, least recently used first. */
    private final Map<String, Set<String>> versions = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
            return size() > MAX_VERSIONS;
        }
    };

    /** A contact's available or unavailable presence reached {@code at}'s user. */
    public void presence(XmppEndpoint at, Presence presence) {
        Jid from = presence.getFrom();
        if (from == null || !from.isEntityFullJid()) {
            return;
        }
        FullJid resource = from.asFullJidIfPossible();
        Map<BareJid, Map<FullJid, PeerResource>> contacts = resources.computeIfAbsent(at.user().name(), u -> new ConcurrentHashMap<>());
        if (presence.getType() == Presence.Type.unavailable) {
            Map<FullJid, PeerResource> known = contacts.get(resource.asBareJid());
            if (known != null) {
                known.remove(resource);
                if (known.isEmpty()) {
                    contacts.remove(resource.asBareJid());
                }
            }
            return;
        }
        Map<FullJid, PeerResource> known = contacts.get(resource.asBareJid());
        if (known == null) {
            if (contacts.size() >= MAX_CONTACTS) {
                return;
            }
            known = new ConcurrentHashMap<>();
            contacts.put(resource.asBareJid(), known);
        }
        if (!known.containsKey(resource) && known.size() >= MAX_RESOURCES) {
            return;
        }
        CapsExtension caps = presence.getExtension(CapsExtension.class);
        Set<String> features = caps == null ? null : versions.get(versionKey(caps));
        PeerResource previous = known.get(resource);
        if (features == null && previous != null && caps == null) {
            features = previous.features(); // a presence change without caps keeps what disco said
        }
        known.put(resource, new PeerResource(resource, presence.getPriority(), features));
        if (features == null) {
            discover(at, resource, caps);
        }
    }

    /** The available resources of {@code contact} that {@code user} knows of, highest priority first. */
    public List<PeerResource> resources(Address.Local user, BareJid contact) {
        Map<FullJid, PeerResource> known = resources.getOrDefault(user.name(), Map.of()).get(contact);
        if (known == null) {
            return List.of();
        }
        List<PeerResource> list = new ArrayList<>(known.values());
        list.sort(Comparator.comparingInt(PeerResource::priority).reversed());
        return list;
    }

    /** The user's connection went or logged out: what it knew may be stale. */
    public void forget(Address.Local user) {
        resources.remove(user.name());
    }

    private void discover(XmppEndpoint at, FullJid resource, CapsExtension caps) {
        DiscoverInfoBuilder request = DiscoverInfo.builder(at.stanzaFactory().buildIqData().to(resource).ofType(IQ.Type.get));
        if (caps != null) {
            request.setNode(caps.getNode() + '#' + caps.getVer());
        }
        at.request(request.build()).whenComplete((reply, failure) -> {
            if (failure != null || !(reply instanceof DiscoverInfo info)) {
                log.debug("{}: no disco#info from {} ({})", at.user(), resource, failure == null ? reply : failure.toString());
                learned(at, resource, Set.of());
                return;
            }
            Set<String> features = info.getFeatures().stream().map(DiscoverInfo.Feature::getVar).collect(Collectors.toSet());
            if (caps != null && caps.getHash() != null && verified(caps, info)) {
                versions.put(versionKey(caps), features);
            }
            learned(at, resource, features);
        });
    }

    private static boolean verified(CapsExtension caps, DiscoverInfo info) {
        try {
            return org.jivesoftware.smackx.caps.EntityCapsManager.verifyDiscoverInfoVersion(caps.getVer(), caps.getHash(), info);
        } catch (RuntimeException e) {
            return false; // an unknown hash function, a malformed form: not cached, still used for this resource
        }
    }

    private void learned(XmppEndpoint at, FullJid resource, Set<String> features) {
        Map<FullJid, PeerResource> known = resources.getOrDefault(at.user().name(), Map.of()).get(resource.asBareJid());
        if (known != null) {
            known.computeIfPresent(resource, (jid, was) -> was.withFeatures(features));
        }
    }

    private static String versionKey(CapsExtension caps) {
        return caps.getHash() + ' ' + caps.getVer();
    }
}
