package org.webrtcgateway.xmpp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;
import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.core.config.CoreConfig;
import org.webrtcgateway.core.config.Setting;
import org.webrtcgateway.core.config.Settings;

/**
 * The {@code xmpp.*} keys. Every JID is parsed with jxmpp here, at start-up, so a bad one stops the
 * gateway with its key's name instead of producing a stanza nobody can route.
 */
public record XmppConfig(boolean enabled, String server, Path trustCertificate, Map<String, XmppAccountConfig> accounts,
                         SubscriptionPolicy subscriptionPolicy, boolean loginAtLogin, boolean jingleMessage, Duration ringTimeout,
                         ComponentConfig component, int maxCallsPerUser) {

    /** Whether gateway users are the component's ({@code xmpp.mode: component}); {@code component} is null otherwise. */
    public boolean componentMode() {
        return component != null;
    }

    /** What the bridge answers a contact who asks to follow a gateway user the user does not follow. */
    public enum SubscriptionPolicy {
        /** Every request is approved: the user's presence is public to the contacts that ask. */
        ACCEPT,
        /** Only contacts the user follows (asked for with 'subscribe') are approved; others are refused. */
        REJECT
    }

    /**
     * Component mode (XEP-0114): the gateway owns {@code domain}, and every gateway user is {@code name@domain}
     * through one connection to the server's component port at {@code host:port}, authenticated with {@code secret}.
     */
    public record ComponentConfig(DomainBareJid domain, String host, int port, String secret) {
        @Override
        public String toString() {
            return "XMPP component " + domain + " at " + host + ":" + port; // never the secret
        }
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
    public static final Setting<Path> TRUST_CERTIFICATE = Setting.path("xmpp.trust-certificate",
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
    public static final Setting<String> ACCOUNT_PASSWORD = Setting.secret("xmpp.account.<user>.password",
            "password of xmpp.account.<user>.jid");

    public static final Setting<Boolean> JINGLE_MESSAGE = Setting.bool("xmpp.jingle-message-initiation", true,
            "rings XMPP users the way today's clients do, with XEP-0353 (propose, proceed...), and announces it; with"
                    + " false the gateway neither announces nor uses it: calls are direct Jingle session-initiates");
    public static final Setting<Duration> RING_TIMEOUT = Setting.duration("xmpp.ring-timeout", Duration.ofSeconds(60),
            "how long a call to or from an XMPP user may ring unanswered before it ends with reason 'timeout'");

    public static final Setting<String> MODE = Setting.string("xmpp.mode", "accounts",
            "how gateway users appear in XMPP: 'accounts' (each logs in as its own account, xmpp.account.*) or 'component'"
                    + " (XEP-0114: each is <name>@xmpp.component.domain while logged in to the gateway, through one connection)");
    public static final Setting<String> COMPONENT_DOMAIN = Setting.string("xmpp.component.domain", null,
            "component mode: the subdomain the XMPP server gives the gateway, e.g. gw.example.org");
    public static final Setting<String> COMPONENT_SERVER = Setting.string("xmpp.component.server", "localhost:5347",
            "component mode: host:port of the XMPP server's component port (plain TCP: keep it on loopback or a private network)");
    public static final Setting<String> COMPONENT_SECRET = Setting.secret("xmpp.component.secret",
            "component mode: the secret the server has for xmpp.component.domain");

    public static final List<Setting<?>> SETTINGS = List.of(ENABLED, SERVER, TRUST_CERTIFICATE, SUBSCRIPTION_POLICY,
            LOGIN_AT, ACCOUNT_JID, ACCOUNT_PASSWORD, JINGLE_MESSAGE, RING_TIMEOUT, MODE, COMPONENT_DOMAIN, COMPONENT_SERVER,
            COMPONENT_SECRET);

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
        if (server != null && !server.matches(HOST_PORT)) {
            throw new ConfigException(SERVER.key() + ": expected host:port, got '" + server + "'");
        }
        ComponentConfig component = isComponentMode(s.get(MODE)) ? component(s, accounts) : noComponent(s);
        return new XmppConfig(s.get(ENABLED), server, s.get(TRUST_CERTIFICATE), Map.copyOf(accounts), policy(s.get(SUBSCRIPTION_POLICY)),
                loginAtLogin(s.get(LOGIN_AT)), s.get(JINGLE_MESSAGE), s.get(RING_TIMEOUT), component,
                s.get(CoreConfig.MAX_CALLS));
    }

    private static final String HOST_PORT = "[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}";

    private static boolean isComponentMode(String value) {
        return switch (value) {
            case "accounts" -> false;
            case "component" -> true;
            default -> throw new ConfigException(MODE.key() + ": 'accounts' or 'component', got '" + value + "'");
        };
    }

    /** Component mode: a domain, a secret (one way only), a host:port; accounts would be silently unused, so they are refused. */
    private static ComponentConfig component(Settings s, Map<String, XmppAccountConfig> accounts) {
        if (!accounts.isEmpty()) {
            throw new ConfigException("xmpp.account.* is for " + MODE.key() + " 'accounts'; in 'component' mode users are <name>@"
                    + COMPONENT_DOMAIN.key());
        }
        String domainText = s.get(COMPONENT_DOMAIN);
        if (domainText == null || domainText.isBlank()) {
            throw new ConfigException(COMPONENT_DOMAIN.key() + " is needed with " + MODE.key() + " 'component'");
        }
        DomainBareJid domain;
        try {
            domain = JidCreate.domainBareFrom(domainText);
        } catch (XmppStringprepException | IllegalArgumentException e) {
            throw new ConfigException(COMPONENT_DOMAIN.key() + ": expected a domain like gw.example.org, got '" + domainText + "'");
        }
        String server = s.get(COMPONENT_SERVER);
        if (server == null || !server.matches(HOST_PORT)) {
            throw new ConfigException(COMPONENT_SERVER.key() + ": expected host:port, got '" + server + "'");
        }
        int colon = server.lastIndexOf(':');
        int port = Integer.parseInt(server.substring(colon + 1));
        if (port < 1 || port > 65_535) {
            throw new ConfigException(COMPONENT_SERVER.key() + ": port " + port + " is not from 1 to 65535");
        }
        return new ComponentConfig(domain, server.substring(0, colon), port, secret(s));
    }

    private static String secret(Settings s) {
        String secret = s.get(COMPONENT_SECRET);
        if (secret == null || secret.isEmpty()) {
            throw new ConfigException(COMPONENT_SECRET.key() + " (or " + COMPONENT_SECRET.key() + Setting.FILE_SUFFIX
                    + ") is needed with " + MODE.key() + " 'component'");
        }
        return secret;
    }

    /** Account mode: component settings would be silently unused, so they are refused. */
    private static ComponentConfig noComponent(Settings s) {
        for (String key : List.of(COMPONENT_DOMAIN.key(), COMPONENT_SECRET.key(), COMPONENT_SECRET.key() + Setting.FILE_SUFFIX,
                COMPONENT_SERVER.key())) {
            if (s.keys().contains(key)) {
                throw new ConfigException(key + " needs " + MODE.key() + " 'component'");
            }
        }
        return null;
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
