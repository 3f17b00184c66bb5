package org.webrtcgateway.core.session;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

/** The logged-in sessions, by name and by resume token. */
@Singleton
public final class SessionRegistry {

    private static final char[] NAME_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    private final ConcurrentHashMap<String, Session> byName = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Session> byToken = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    public Session byName(String name) {
        return byName.get(name);
    }

    public Session byResumeToken(String token) {
        return token == null ? null : byToken.get(token);
    }

    /** Registers {@code session} under its name, unless the name is taken: then returns the session holding it. */
    public Session register(Session session) {
        Session existing = byName.putIfAbsent(session.name(), session);
        if (existing == null) {
            byToken.put(session.resumeToken(), session);
        }
        return existing;
    }

    /** Replaces {@code old} by {@code session} under their common name; false when {@code old} no longer holds it. */
    public boolean replace(Session old, Session session) {
        if (!byName.replace(session.name(), old, session)) {
            return false;
        }
        byToken.remove(old.resumeToken(), old);
        byToken.put(session.resumeToken(), session);
        return true;
    }

    /**
     * Spends {@code presented}, the token a resume came with, and gives {@code session} a fresh one
     * (the reply of that resume carries it). Null when the token was already spent: of two resumes
     * racing with one token, only one gets the session.
     */
    public String rotateResumeToken(Session session, String presented) {
        synchronized (session) {
            if (!byToken.remove(presented, session)) {
                return null;
            }
            String fresh = newResumeToken();
            session.resumeToken(fresh);
            byToken.put(fresh, session);
            if (byName.get(session.name()) != session) {
                // Removed while we rotated: its new token must not outlive it in the map.
                byToken.remove(fresh, session);
            }
            return fresh;
        }
    }

    public void remove(Session session) {
        byName.remove(session.name(), session);
        byToken.remove(session.resumeToken(), session);
    }

    public Collection<Session> all() {
        return byName.values();
    }

    public int size() {
        return byName.size();
    }

    /** 128 random bits: a resume token cannot be guessed. */
    public String newResumeToken() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A fresh name for a login that asked for none, e.g. {@code guest-k3v9x2mq}. */
    public String newGuestName() {
        StringBuilder name = new StringBuilder("guest-");
        for (int i = 0; i < 8; i++) {
            name.append(NAME_ALPHABET[random.nextInt(NAME_ALPHABET.length)]);
        }
        return name.toString();
    }

    /** A call id the gateway assigns when an offer has none. */
    public String newCallId() {
        byte[] bytes = new byte[9];
        random.nextBytes(bytes);
        return "c-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
