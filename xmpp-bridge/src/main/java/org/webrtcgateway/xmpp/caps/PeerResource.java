package org.webrtcgateway.xmpp.caps;

import java.util.Set;

import org.jxmpp.jid.FullJid;

/**
 * One available resource of a contact, as its presence said: its priority and, once disco#info told (or the
 * verified XEP-0115 cache knew), its features. {@code features} is null while they are not known.
 */
public record PeerResource(FullJid jid, int priority, Set<String> features) {

    public PeerResource {
        features = features == null ? null : Set.copyOf(features);
    }

    public boolean featuresKnown() {
        return features != null;
    }

    public boolean supports(String feature) {
        return features != null && features.contains(feature);
    }

    PeerResource withFeatures(Set<String> known) {
        return new PeerResource(jid, priority, known);
    }
}
