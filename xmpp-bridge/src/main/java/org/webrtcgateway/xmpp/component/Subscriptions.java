package org.webrtcgateway.xmpp.component;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.parts.Localpart;

/**
 * The component's own record of presence subscriptions, which a server keeps in rosters for its accounts: for
 * each gateway user, the contacts that follow it and the contacts it follows (or asked to). Kept while the
 * gateway runs, across the users' logins (contacts' servers remember them longer: a probe restores a follower
 * lost with a restart, see {@link ComponentPresence}). Bounded: {@link #MAX_PER_USER} contacts per user each way,
 * {@link #MAX_TOTAL} in all; past that nothing more is recorded, and a contact asking is refused. The bridge's
 * thread only.
 */
final class Subscriptions {

    static final int MAX_PER_USER = 1_000;
    static final int MAX_TOTAL = 100_000;

    private final Map<Localpart, Set<BareJid>> followers = new HashMap<>();
    private final Map<Localpart, Set<BareJid>> followed = new HashMap<>();
    private final int maxPerUser;
    private final int maxTotal;
    private int total;

    Subscriptions() {
        this(MAX_PER_USER, MAX_TOTAL);
    }

    Subscriptions(int maxPerUser, int maxTotal) {
        this.maxPerUser = maxPerUser;
        this.maxTotal = maxTotal;
    }

    /** {@code contact} follows {@code user}; false when that could not be recorded (the bounds). */
    boolean addFollower(Localpart user, BareJid contact) {
        return add(followers, user, contact);
    }

    void removeFollower(Localpart user, BareJid contact) {
        remove(followers, user, contact);
    }

    boolean isFollowedBy(Localpart user, BareJid contact) {
        return followers.getOrDefault(user, Set.of()).contains(contact);
    }

    Set<BareJid> followers(Localpart user) {
        return Set.copyOf(followers.getOrDefault(user, Set.of()));
    }

    /** {@code user} follows {@code contact}, or asked to; false when that could not be recorded (the bounds). */
    boolean addFollowed(Localpart user, BareJid contact) {
        return add(followed, user, contact);
    }

    void removeFollowed(Localpart user, BareJid contact) {
        remove(followed, user, contact);
    }

    boolean follows(Localpart user, BareJid contact) {
        return followed.getOrDefault(user, Set.of()).contains(contact);
    }

    Set<BareJid> followed(Localpart user) {
        return Set.copyOf(followed.getOrDefault(user, Set.of()));
    }

    private boolean add(Map<Localpart, Set<BareJid>> relation, Localpart user, BareJid contact) {
        Set<BareJid> contacts = relation.get(user);
        if (contacts != null && contacts.contains(contact)) {
            return true;
        }
        if (total >= maxTotal || (contacts != null && contacts.size() >= maxPerUser)) {
            return false;
        }
        relation.computeIfAbsent(user, u -> new LinkedHashSet<>()).add(contact);
        total++;
        return true;
    }

    private void remove(Map<Localpart, Set<BareJid>> relation, Localpart user, BareJid contact) {
        Set<BareJid> contacts = relation.get(user);
        if (contacts != null && contacts.remove(contact)) {
            total--;
            if (contacts.isEmpty()) {
                relation.remove(user);
            }
        }
    }
}
