package org.webrtcgateway.xmpp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;
import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.core.config.Setting;
import org.webrtcgateway.core.config.Settings;

/**
 * The {@code xmpp.*} keys. Every JID is parsed with jxmpp here, at start-up, so a bad one stops the
 * gateway with its key's name instead of producing a stanza nobody can route.
 */
public record XmppConfig(boolean enabled, String server, Path trustCertificate, Map<String, XmppAccountConfig> accounts,
                         SubscriptionPolicy subscriptionPolicy, boolean loginAtLogin, boolean jingleMessage, Duration ringTimeout) {

    /** What the bridge answers a contact who asks to follow a gateway user the user does not follow. */
    public enum SubscriptionPolicy {
        /** Every request is approved: the user's presence is public to the contacts that ask. */
        ACCEPT,
        /** Only contacts the user follows (asked for with 'subscribe') are approved; others are refused. */
        REJECT
    }

    /** One gateway user's XMPP account. */
    public record XmppAccountConfig(String user, EntityBareJid jid, String password) {
        @Override
        public String toString() {
            return "XMPP account " + jid + " of " + user; // never the password
        }
    }

    public static final Setting<Boolean> ENABLED = Setting.bool("xmpp.enabled", false,
            "turns the XMPP bridge on; without it no XMPP connection is made and xmpp: addresses are unreachable");
    public static final Setting<String> SERVER = Setting.string("xmpp.server", null,
            "host:port of the XMPP server's client port (default: found from each account's domain by DNS SRV)");
    public static final Setting<Path> TRUST_CERTIFICATE = new Setting<>("xmpp.trust-certificate", null, Path::of,
            "PEM certificate (the server's own, or its CA's) that the server's TLS certificate is verified against"
                    + " (default: the JVM's certificate authorities)");
    public static final Setting<String> SUBSCRIPTION_POLICY = Setting.string("xmpp.subscription-policy", "reject",
            "a contact asking to follow a gateway user who does not follow it: 'accept' or 'reject'"
                    + " (a contact the user follows is always approved)");
    public static final Setting<String> LOGIN_AT = Setting.string("xmpp.login-at", "start",
            "when accounts log in: 'start' (from start-up to shutdown; contacts see the user online all along) or"
                    + " 'login' (while the user is logged in to the gateway)");
    public static final Setting<String> ACCOUNT_JID = Setting.string("xmpp.account.<user>.jid", null,
            "XMPP account of gateway user <user>, e.g. alice@example.org; the bridge logs in as it (STARTTLS, SCRAM)");
    public static final Setting<String> ACCOUNT_PASSWORD = Setting.string("xmpp.account.<user>.password", null,
            "password of xmpp.account.<user>.jid");

    public static final Setting<Boolean> JINGLE_MESSAGE = Setting.bool("xmpp.jingle-message-initiation", true,
            "rings XMPP users the way today's clients do, with XEP-0353 (propose, proceed...), and announces it; with"
                    + " false the gateway neither announces nor uses it: calls are direct Jingle session-initiates");
    public static final Setting<Duration> RING_TIMEOUT = Setting.duration("xmpp.ring-timeout", Duration.ofSeconds(60),
            "how long a call to or from an XMPP user may ring unanswered before it ends with reason 'timeout'");

    public static final List<Setting<?>> SETTINGS = List.of(ENABLED, SERVER, TRUST_CERTIFICATE, SUBSCRIPTION_POLICY,
            LOGIN_AT, ACCOUNT_JID, ACCOUNT_PASSWORD, JINGLE_MESSAGE, RING_TIMEOUT);

    public static XmppConfig from(Settings s) {
        Map<String, XmppAccountConfig> accounts = new LinkedHashMap<>();
        for (String user : s.names(ACCOUNT_JID)) {
            String key = ACCOUNT_JID.forName(user).key();
            EntityBareJid jid = bareJid(key, s.get(ACCOUNT_JID.forName(user)));
            String password = s.get(ACCOUNT_PASSWORD.forName(user));
            if (password == null || password.isEmpty()) {
                throw new ConfigException(ACCOUNT_PASSWORD.forName(user).key() + " is needed with " + key);
            }
            accounts.put(user, new XmppAccountConfig(user, jid, password));
        }
        for (String user : s.names(ACCOUNT_PASSWORD)) {
            if (!accounts.containsKey(user)) {
                throw new ConfigException(ACCOUNT_PASSWORD.forName(user).key() + " has no " + ACCOUNT_JID.forName(user).key());
            }
        }
        String server = s.get(SERVER);
        if (server != null && !server.matches("[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}")) {
            throw new ConfigException(SERVER.key() + ": expected host:port, got '" + server + "'");
        }
        return new XmppConfig(s.get(ENABLED), server, s.get(TRUST_CERTIFICATE), Map.copyOf(accounts), policy(s.get(SUBSCRIPTION_POLICY)),
                loginAtLogin(s.get(LOGIN_AT)), s.get(JINGLE_MESSAGE), s.get(RING_TIMEOUT));
    }

    /** The claims of a login token that carry an XMPP account. */
    public static final String CLAIM_JID = "xmpp_jid";
    public static final String CLAIM_PASSWORD = "xmpp_password";

    /**
     * The XMPP account a login token's claims carry ({@value #CLAIM_JID}, {@value #CLAIM_PASSWORD}), or
     * empty when they carry none.
     *
     * @throws ConfigException when they carry one that is not valid (the message names the claim, never the password)
     */
    public static java.util.Optional<XmppAccountConfig> accountFromClaims(String user, Map<String, Object> claims) {
        Object jid = claims.get(CLAIM_JID);
        if (jid == null) {
            return java.util.Optional.empty();
        }
        Object password = claims.get(CLAIM_PASSWORD);
        if (!(jid instanceof String text) || !(password instanceof String secret) || secret.isEmpty()) {
            throw new ConfigException("claims " + CLAIM_JID + " and " + CLAIM_PASSWORD + " must both be strings");
        }
        return java.util.Optional.of(new XmppAccountConfig(user, bareJid("claim " + CLAIM_JID, text), secret));
    }

    private static boolean loginAtLogin(String value) {
        return switch (value) {
            case "start" -> false;
            case "login" -> true;
            default -> throw new ConfigException(LOGIN_AT.key() + ": 'start' or 'login', got '" + value + "'");
        };
    }

    private static SubscriptionPolicy policy(String value) {
        return switch (value) {
            case "accept" -> SubscriptionPolicy.ACCEPT;
            case "reject" -> SubscriptionPolicy.REJECT;
            default -> throw new ConfigException(SUBSCRIPTION_POLICY.key() + ": 'accept' or 'reject', got '" + value + "'");
        };
    }

    private static EntityBareJid bareJid(String key, String value) {
        try {
            return JidCreate.entityBareFrom(value);
        } catch (XmppStringprepException | IllegalArgumentException e) {
            throw new ConfigException(key + ": expected a bare JID like alice@example.org, got '" + value + "'");
        }
    }
}
