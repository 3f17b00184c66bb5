package org.webrtcgateway.xmpp.component;

import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.packet.StanzaFactory;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Localpart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.log.RepeatedCondition;
import org.webrtcgateway.core.api.PresenceStatus;
import org.webrtcgateway.xmpp.XmppConfig.SubscriptionPolicy;
import org.webrtcgateway.xmpp.XmppPresence;
import org.webrtcgateway.xmpp.link.InboundStanzas;

/**
 * Presence for the component's users, doing what a server does for its accounts (RFC 6121), since no server
 * does it for a component's JIDs: subscriptions both ways ({@link Subscriptions}), a contact's request approved
 * when the user follows (or asked to follow) that contact, else as {@code xmpp.subscription-policy} says; the
 * user's presence sent to each follower (with XEP-0115 caps) when it changes, when the user logs in, when the
 * stream comes back, and as the answer to a follower's probe; unavailable when the user logs out. Contacts'
 * available and unavailable presence goes to the shared code. The bridge's thread only.
 */
final class ComponentPresence {

    private static final Logger log = LoggerFactory.getLogger(ComponentPresence.class);
    private static final RepeatedCondition tooMany = RepeatedCondition.warn(log, "subscriptions not recorded: too many (at most "
            + Subscriptions.MAX_PER_USER + " per user, " + Subscriptions.MAX_TOTAL + " in all)");

    private final DomainBareJid domain;
    private final ComponentStream stream;
    private final StanzaFactory stanzas;
    private final ComponentDisco disco;
    private final SubscriptionPolicy policy;
    private final Subscriptions subscriptions = new Subscriptions();

    ComponentPresence(DomainBareJid domain, ComponentStream stream, StanzaFactory stanzas, ComponentDisco disco, SubscriptionPolicy policy) {
        this.domain = domain;
        this.stream = stream;
        this.stanzas = stanzas;
        this.disco = disco;
        this.policy = policy;
    }

    // ------------------------------------------------------------------ the user's side

    void follow(ComponentEndpoint user, BareJid contact) {
        if (!subscriptions.addFollowed(user.localpart(), contact)) {
            tooMany.occurred(user + " following " + contact);
        }
        stream.sendOrDrop(subscription(user.localpart(), contact, Presence.Type.subscribe));
    }

    void unfollow(ComponentEndpoint user, BareJid contact) {
        subscriptions.removeFollowed(user.localpart(), contact);
        stream.sendOrDrop(subscription(user.localpart(), contact, Presence.Type.unsubscribe));
    }

    /** The user's presence now, to every follower. */
    void publish(ComponentEndpoint user) {
        for (BareJid follower : subscriptions.followers(user.localpart())) {
            stream.sendOrDrop(presenceOf(user, follower));
        }
    }

    /** The user is online (a login, or the stream is back): its presence out, and its contacts' asked for. */
    void announce(ComponentEndpoint user) {
        publish(user);
        for (BareJid contact : subscriptions.followed(user.localpart())) {
            stream.sendOrDrop(subscription(user.localpart(), contact, Presence.Type.probe));
        }
    }

    /** The user logged out: unavailable to every follower. */
    void retire(ComponentEndpoint user) {
        for (BareJid follower : subscriptions.followers(user.localpart())) {
            stream.sendOrDrop(stanzas.buildPresenceStanza().from(user.jidEvenWhileDown()).to(follower)
                    .ofType(Presence.Type.unavailable).build());
        }
    }

    // ------------------------------------------------------------------ from contacts

    /** A presence to {@code user}; {@code online} is the user's endpoint, or null when the user is not logged in. */
    void received(Localpart user, ComponentEndpoint online, Presence presence, InboundStanzas inbound) {
        Jid from = presence.getFrom();
        if (from == null) {
            return;
        }
        BareJid contact = from.asBareJid();
        switch (presence.getType()) {
            case available, unavailable -> {
                if (online != null) {
                    inbound.presence(online, presence);
                }
            }
            case subscribe -> answerRequest(user, online, contact);
            case unsubscribe -> {
                subscriptions.removeFollower(user, contact);
                if (online != null) {
                    stream.sendOrDrop(stanzas.buildPresenceStanza().from(online.jidEvenWhileDown()).to(contact)
                            .ofType(Presence.Type.unavailable).build());
                }
            }
            case unsubscribed -> subscriptions.removeFollowed(user, contact); // refused, or no longer allowed
            case probe -> answerProbe(user, online, contact);
            default -> log.debug("{} to {}: {}", presence.getType(), user, from); // subscribed (the contact's presence follows), error
        }
    }

    private void answerRequest(Localpart user, ComponentEndpoint online, BareJid contact) {
        boolean approved = approves(user, contact) && subscriptions.addFollower(user, contact);
        log.debug("{} asks to follow {}@{}: {}", contact, user, domain, approved ? "approved" : "refused");
        stream.sendOrDrop(subscription(user, contact, approved ? Presence.Type.subscribed : Presence.Type.unsubscribed));
        if (approved && online != null) {
            stream.sendOrDrop(presenceOf(online, contact));
        }
    }

    /** A contact may follow the user when the user follows (or asked to follow) it, else as the policy says. */
    private boolean approves(Localpart user, BareJid contact) {
        return subscriptions.follows(user, contact) || policy == SubscriptionPolicy.ACCEPT;
    }

    /**
     * A probe is answered for a follower, and for a contact whose request would be approved now (its server
     * remembers a subscription this gateway forgot when it restarted); others learn nothing.
     */
    private void answerProbe(Localpart user, ComponentEndpoint online, BareJid contact) {
        boolean follower = subscriptions.isFollowedBy(user, contact)
                || (approves(user, contact) && subscriptions.addFollower(user, contact));
        if (!follower) {
            return;
        }
        stream.sendOrDrop(online != null ? presenceOf(online, contact)
                : stanzas.buildPresenceStanza().from(bare(user)).to(contact).ofType(Presence.Type.unavailable).build());
    }

    // ------------------------------------------------------------------ stanzas

    private Presence presenceOf(ComponentEndpoint user, BareJid to) {
        PresenceBuilder builder = stanzas.buildPresenceStanza().from(user.jidEvenWhileDown()).to(to);
        if (user.status() != PresenceStatus.OFFLINE) {
            builder.addExtension(disco.caps());
        }
        return XmppPresence.fromGateway(builder, user.status(), user.note());
    }

    /** Subscription requests, answers and probes come from the user's bare JID (RFC 6121 §3.1.1, §4.3). */
    private Presence subscription(Localpart user, BareJid contact, Presence.Type type) {
        return stanzas.buildPresenceStanza().from(bare(user)).to(contact).ofType(type).build();
    }

    private EntityBareJid bare(Localpart user) {
        return JidCreate.entityBareFrom(user, domain);
    }
}
