package org.webrtcgateway.sip;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.Names;
import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.core.config.Setting;
import org.webrtcgateway.core.config.Settings;
import org.webrtcgateway.core.net.AddressRanges;
import org.webrtcgateway.sip.routing.DialPlan;
import org.webrtcgateway.sip.routing.IncomingRoutes;
import org.webrtcgateway.sip.stack.VerifyingTlsLayer;

/**
 * The {@code sip.*} keys. Everything that may end up in a SIP header (addresses of record, user
 * names, hosts) is validated here, at start-up, so a bad value stops the gateway with the key's
 * name instead of producing a malformed request later.
 */
public record SipConfig(
        boolean enabled,
        String bindAddress,
        int port,
        List<String> transports,
        String contactHost,
        Duration inviteTimeout,
        Duration gatheringDeadline,
        Duration keepAliveInterval,
        Duration optionsInterval,
        int registerExpires,
        Duration registerRetryMin,
        Duration registerRetryMax,
        Optional<SipAccount> trunk,
        Map<String, SipAccount> accounts,
        DialPlan dialPlan,
        IncomingRoutes incomingRoutes,
        String defaultProxy,
        boolean registerAtLogin,
        Edge edge) {

    /**
     * Who may send the bridge requests and how fast: {@code trustedSources} as configured (empty: the proxies'
     * addresses, see {@link #trustedSourceEntries}), the per-source rate (0 = no limit) and burst, and whether
     * untrusted sources get no answer at all instead of 403.
     */
    public record Edge(List<String> trustedSources, int requestsPerSecond, int requestBurst, boolean silent) {
        public Edge {
            trustedSources = List.copyOf(trustedSources);
        }
    }

    public static final Setting<Boolean> ENABLED = Setting.bool("sip.enabled", false,
            "turns the SIP bridge on; without it no SIP port is opened and sip:/tel: addresses are unreachable");
    public static final Setting<String> BIND = Setting.string("sip.bind", "127.0.0.1",
            "address the SIP stack listens on");
    public static final Setting<Integer> PORT = Setting.integer("sip.port", 5060, 1, 65535,
            "SIP port (the same for every transport)");
    public static final Setting<List<String>> TRANSPORTS = new Setting<>("sip.transports", List.of("udp", "tcp"),
            SipConfig::parseTransports, "transports to listen on and send with: udp, tcp, tls (the first is used for requests)");
    public static final Setting<String> CONTACT_HOST = Setting.string("sip.contact-host", null,
            "host written in Contact and Via (default: sip.bind); the address the PBX reaches the gateway at");
    public static final Setting<Path> TLS_KEYSTORE = Setting.path("sip.tls-keystore",
            "PKCS#12 keystore with the gateway's TLS certificate (for the tls transport)");
    public static final Setting<String> TLS_KEYSTORE_PASSWORD = Setting.secret("sip.tls-keystore-password",
            "password of sip.tls-keystore");
    public static final Setting<Path> TLS_TRUSTSTORE = Setting.path("sip.tls-truststore",
            "PKCS#12 truststore (same password as sip.tls-keystore) that TLS peers' certificates are verified against, as well as"
                    + " that they name the host connected to (default: the JVM's CA certificates)");
    public static final Setting<Duration> INVITE_TIMEOUT = Setting.duration("sip.invite-timeout", Duration.ofSeconds(32),
            "an outgoing INVITE that gets no response at all for this long ends the call with bye reason 'unreachable'");
    public static final Setting<Duration> GATHERING = Setting.duration("sip.gathering-deadline", Duration.ofSeconds(2),
            "longest wait for a browser's end-of-candidates before its SDP goes to SIP with the candidates so far");
    public static final Setting<Duration> KEEPALIVE = Setting.duration("sip.keepalive-interval", Duration.ofSeconds(30),
            "an in-dialog OPTIONS goes to every established call this often; no answer ends the call (0 = off)");
    public static final Setting<Duration> OPTIONS_INTERVAL = Setting.duration("sip.options-interval", Duration.ofSeconds(30),
            "an out-of-dialog OPTIONS goes to each proxy (sip.proxy, an account's or the trunk's) this often, sooner after"
                    + " a failure; no answer, 408 or 503 makes /readyz answer 503 (0 = off)");
    public static final Setting<Integer> REGISTER_EXPIRES = Setting.integer("sip.register-expires", 600, 30, 86400,
            "registration lifetime asked for, in seconds; refreshed at 80 %");
    public static final Setting<Duration> REGISTER_RETRY_MIN = Setting.duration("sip.register-retry-min", Duration.ofSeconds(2),
            "first wait before registering again after a failure (doubles each time)");
    public static final Setting<Duration> REGISTER_RETRY_MAX = Setting.duration("sip.register-retry-max", Duration.ofMinutes(5),
            "longest wait between registration attempts");

    public static final Setting<List<String>> TRUSTED_SOURCES = new Setting<>("sip.trusted-sources", List.of(),
            AddressRanges::parseEntries, "addresses, address/prefix ranges and host names SIP requests are accepted from;"
                    + " others get 403 (default: the addresses of sip.proxy, the accounts' and the trunk's proxies, resolved at start)");
    public static final Setting<Integer> REQUESTS_PER_SECOND = Setting.integer("sip.requests-per-second", 1000, 0, 1_000_000,
            "SIP requests a second one source address may send on average; past it a trusted source gets 503 with"
                    + " Retry-After, others nothing (0 = no limit). A trusted source's requests in dialogs the gateway"
                    + " has (ACK, BYE, re-INVITE) and its CANCELs are not counted: they end or carry calls already let in");
    public static final Setting<Integer> REQUEST_BURST = Setting.integer("sip.request-burst", 2000, 1, 10_000_000,
            "SIP requests one source address may send at once before sip.requests-per-second holds it back");
    public static final Setting<String> UNTRUSTED_POLICY = new Setting<>("sip.untrusted-policy", "reject",
            SipConfig::parseUntrustedPolicy, "what a request from a source not in sip.trusted-sources gets: 'reject' (403)"
                    + " or 'silent' (no answer at all, so scanners do not find the gateway)");

    public static final Setting<String> PROXY = Setting.string("sip.proxy", null,
            "default outbound proxy and registrar, host:port (e.g. 127.0.0.1:5060); accounts may override");

    public static final Setting<String> ACCOUNT_AOR = Setting.string("sip.account.<user>.aor", null,
            "address of record of gateway user <user>, e.g. sip:1001@pbx.example.org; the bridge registers it");
    public static final Setting<String> ACCOUNT_AUTH_USER = Setting.string("sip.account.<user>.auth-user", null,
            "digest user name (default: the user part of the aor)");
    public static final Setting<String> ACCOUNT_PASSWORD = Setting.secret("sip.account.<user>.password",
            "digest password");
    public static final Setting<String> ACCOUNT_PROXY = Setting.string("sip.account.<user>.proxy", null,
            "registrar and outbound proxy of this account, host:port (default: sip.proxy)");
    public static final Setting<String> REGISTER_AT = new Setting<>("sip.register-at", "start", SipConfig::parseRegisterAt,
            "when accounts REGISTER: 'start' (from start-up to shutdown; a call for a user who is not logged in gets 480) "
                    + "or 'login' (while the user is logged in; un-REGISTER when the session ends)");
    public static final Setting<Boolean> ACCOUNT_REGISTER = Setting.bool("sip.account.<user>.register", true,
            "whether the bridge REGISTERs this account (false: the PBX routes to the gateway by address)");

    public static final Setting<String> TRUNK_DOMAIN = Setting.string("sip.trunk.domain", null,
            "trunk mode: users without an account call as sip:<user>@<domain>, with no registration");
    public static final Setting<String> TRUNK_AUTH_USER = Setting.string("sip.trunk.auth-user", null,
            "trunk mode: digest user name, when the PBX challenges the trunk");
    public static final Setting<String> TRUNK_PASSWORD = Setting.secret("sip.trunk.password",
            "trunk mode: digest password");

    public static final Setting<String> DIAL_MATCH = Setting.string("sip.dial-plan.<rule>.match", null,
            "dial plan: regular expression on the dialed address (rules apply in name order, the first match wins)");
    public static final Setting<String> DIAL_TO = Setting.string("sip.dial-plan.<rule>.to", null,
            "dial plan: the SIP URI to call, with $1... for the match's groups, e.g. sip:$1@pbx.example.org");
    public static final Setting<String> INCOMING_MATCH = Setting.string("sip.incoming.<rule>.match", null,
            "incoming route: regular expression on the Request-URI (sip:user@host, no parameters)");
    public static final Setting<String> INCOMING_USER = Setting.string("sip.incoming.<rule>.user", null,
            "incoming route: the gateway user that gets calls and messages matching it");
    public static final Setting<String> INCOMING_DEFAULT = Setting.string("sip.incoming.default-user", null,
            "gateway user for incoming requests that match no account and no route (empty: 404)");

    public static final List<Setting<?>> SETTINGS = List.of(ENABLED, BIND, PORT, TRANSPORTS, CONTACT_HOST,
            TLS_KEYSTORE, TLS_KEYSTORE_PASSWORD, TLS_TRUSTSTORE, INVITE_TIMEOUT, GATHERING, KEEPALIVE, OPTIONS_INTERVAL,
            REGISTER_EXPIRES, REGISTER_RETRY_MIN, REGISTER_RETRY_MAX, REGISTER_AT, PROXY,
            TRUSTED_SOURCES, REQUESTS_PER_SECOND, REQUEST_BURST, UNTRUSTED_POLICY,
            ACCOUNT_AOR, ACCOUNT_AUTH_USER, ACCOUNT_PASSWORD, ACCOUNT_PROXY, ACCOUNT_REGISTER,
            TRUNK_DOMAIN, TRUNK_AUTH_USER, TRUNK_PASSWORD,
            DIAL_MATCH, DIAL_TO, INCOMING_MATCH, INCOMING_USER, INCOMING_DEFAULT);

    private static final Pattern HOST_PORT = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9\\-]{0,62})(?:\\.[A-Za-z0-9](?:[A-Za-z0-9\\-]{0,62}))*|\\[[0-9A-Fa-f:.]{2,45}\\])(?::[0-9]{1,5})?");
    /** A digest user name: the RFC 3261 user characters, nothing that could end a quoted string. */
    private static final Pattern AUTH_USER = Pattern.compile("[A-Za-z0-9\\-_.!~*'()&=+$,;/%]{1,128}");

    public SipConfig {
        transports = List.copyOf(transports);
        accounts = Map.copyOf(accounts);
    }

    public static SipConfig from(Settings s) {
        boolean enabled = s.get(ENABLED);
        String bind = hostPort(BIND.key(), s.get(BIND), false);
        String contactHost = s.get(CONTACT_HOST) == null || s.get(CONTACT_HOST).isBlank() ? bind
                : hostPort(CONTACT_HOST.key(), s.get(CONTACT_HOST), false);
        String defaultProxy = optionalHostPort(PROXY.key(), s.get(PROXY));
        int expires = s.get(REGISTER_EXPIRES);

        Map<String, SipAccount> accounts = new LinkedHashMap<>();
        for (String user : s.names(ACCOUNT_AOR)) {
            accounts.put(user, account(s, user, defaultProxy));
        }
        for (Setting<?> other : List.of(ACCOUNT_AUTH_USER, ACCOUNT_PASSWORD, ACCOUNT_PROXY, ACCOUNT_REGISTER)) {
            for (String user : s.names(other)) {
                if (!accounts.containsKey(user)) {
                    throw new ConfigException(other.forName(user).key() + ": account '" + user + "' has no "
                            + ACCOUNT_AOR.forName(user).key());
                }
            }
        }
        Optional<SipAccount> trunk = Optional.empty();
        String trunkDomain = s.get(TRUNK_DOMAIN);
        if (trunkDomain != null && !trunkDomain.isBlank()) {
            hostPort(TRUNK_DOMAIN.key(), trunkDomain, true);
            if (defaultProxy == null) {
                throw new ConfigException(TRUNK_DOMAIN.key() + " needs " + PROXY.key() + " (where the trunk's requests go)");
            }
            String authUser = authUser(TRUNK_AUTH_USER.key(), s.get(TRUNK_AUTH_USER));
            trunk = Optional.of(new SipAccount(null, null, trunkDomain, authUser, s.get(TRUNK_PASSWORD), defaultProxy, false));
        }

        List<DialPlan.Rule> dialRules = new ArrayList<>();
        for (String rule : s.names(DIAL_MATCH)) {
            String to = s.get(DIAL_TO.forName(rule));
            if (to == null || to.isBlank()) {
                throw new ConfigException(DIAL_TO.forName(rule).key() + " is missing for " + DIAL_MATCH.forName(rule).key());
            }
            dialRules.add(new DialPlan.Rule(rule, regex(DIAL_MATCH.forName(rule).key(), s.get(DIAL_MATCH.forName(rule))), to));
        }
        for (String rule : s.names(DIAL_TO)) {
            if (s.get(DIAL_MATCH.forName(rule)) == null) {
                throw new ConfigException(DIAL_MATCH.forName(rule).key() + " is missing for " + DIAL_TO.forName(rule).key());
            }
        }
        List<IncomingRoutes.Rule> incoming = new ArrayList<>();
        for (String rule : s.names(INCOMING_MATCH)) {
            String user = s.get(INCOMING_USER.forName(rule));
            if (!Names.isValidName(user)) {
                throw new ConfigException(INCOMING_USER.forName(rule).key() + ": expected a gateway user name, got '" + user + "'");
            }
            incoming.add(new IncomingRoutes.Rule(rule, regex(INCOMING_MATCH.forName(rule).key(), s.get(INCOMING_MATCH.forName(rule))), user));
        }
        for (String rule : s.names(INCOMING_USER)) {
            if (s.get(INCOMING_MATCH.forName(rule)) == null) {
                throw new ConfigException(INCOMING_MATCH.forName(rule).key() + " is missing for " + INCOMING_USER.forName(rule).key());
            }
        }
        String defaultUser = s.get(INCOMING_DEFAULT);
        if (defaultUser != null && !defaultUser.isBlank() && !Names.isValidName(defaultUser)) {
            throw new ConfigException(INCOMING_DEFAULT.key() + ": expected a gateway user name, got '" + defaultUser + "'");
        }
        Duration retryMin = s.get(REGISTER_RETRY_MIN);
        Duration retryMax = s.get(REGISTER_RETRY_MAX);
        if (retryMin.isZero() || retryMin.isNegative() || retryMax.compareTo(retryMin) < 0) {
            throw new ConfigException(REGISTER_RETRY_MIN.key() + " must be above 0 and at most " + REGISTER_RETRY_MAX.key());
        }
        Duration gathering = s.get(GATHERING);
        Duration inviteTimeout = s.get(INVITE_TIMEOUT);
        if (gathering.isNegative() || inviteTimeout.isZero() || inviteTimeout.isNegative()) {
            throw new ConfigException(INVITE_TIMEOUT.key() + " must be above 0 and " + GATHERING.key() + " not negative");
        }
        if (enabled && s.get(TRANSPORTS).contains("tls") && s.get(TLS_KEYSTORE) == null) {
            throw new ConfigException(TRANSPORTS.key() + " has tls, which needs " + TLS_KEYSTORE.key() + " (the gateway's certificate)");
        }
        if (enabled && accounts.isEmpty() && trunk.isEmpty()) {
            throw new ConfigException(ENABLED.key() + " is true but there is no sip.account.<user>.aor and no "
                    + TRUNK_DOMAIN.key() + ": nobody could call");
        }
        return new SipConfig(enabled, bind, s.get(PORT), s.get(TRANSPORTS), contactHost, inviteTimeout, gathering,
                s.get(KEEPALIVE), nonNegative(OPTIONS_INTERVAL, s.get(OPTIONS_INTERVAL)), expires, retryMin, retryMax, trunk, accounts,
                new DialPlan(dialRules), new IncomingRoutes(incoming, defaultUser == null || defaultUser.isBlank() ? null : defaultUser),
                defaultProxy, s.get(REGISTER_AT).equals("login"),
                new Edge(s.get(TRUSTED_SOURCES), s.get(REQUESTS_PER_SECOND), s.get(REQUEST_BURST),
                        s.get(UNTRUSTED_POLICY).equals("silent")));
    }

    private static Duration nonNegative(Setting<Duration> setting, Duration value) {
        if (value.isNegative()) {
            throw new ConfigException(setting.key() + " cannot be negative");
        }
        return value;
    }

    /**
     * Where the bridge's requests go, each proxy once, with an account to send from: what {@code sip.options-interval}
     * probes. The trunk's proxy is probed as {@code sip:gateway@<trunk domain>}.
     */
    public List<SipAccount> proxiesToProbe() {
        Map<String, SipAccount> byProxy = new java.util.TreeMap<>();
        accounts.values().forEach(account -> byProxy.putIfAbsent(account.proxy(),
                new SipAccount(null, "gateway", account.domain(), null, null, account.proxy(), false)));
        trunk.ifPresent(t -> byProxy.putIfAbsent(t.proxy(), t.forProbe()));
        return List.copyOf(byProxy.values());
    }

    /**
     * What {@code sip.trusted-sources} says, or without it every proxy the bridge sends to ({@code sip.proxy}, the
     * accounts' and the trunk's): the PBX behind them answers and calls through them, so set-ups from before the
     * setting keep working. Loopback is not added: a test or a local PBX names it.
     */
    public List<String> trustedSourceEntries() {
        if (!edge.trustedSources().isEmpty()) {
            return edge.trustedSources();
        }
        java.util.Set<String> proxies = new java.util.TreeSet<>();
        if (defaultProxy != null) {
            proxies.add(defaultProxy);
        }
        accounts.values().forEach(account -> proxies.add(account.proxy()));
        trunk.ifPresent(t -> proxies.add(t.proxy()));
        return List.copyOf(proxies);
    }

    /**
     * TLS settings, kept apart from the record: they only matter to the stack's properties, which
     * {@link VerifyingTlsLayer} reads. Without a truststore the JVM's CA certificates are trusted.
     */
    public static Map<String, String> tlsProperties(Settings s) {
        Map<String, String> tls = new LinkedHashMap<>();
        if (s.get(TLS_KEYSTORE) != null) {
            tls.put(VerifyingTlsLayer.KEYSTORE, s.get(TLS_KEYSTORE).toString());
            tls.put(VerifyingTlsLayer.KEYSTORE_PASSWORD, Optional.ofNullable(s.get(TLS_KEYSTORE_PASSWORD)).orElse(""));
        }
        if (s.get(TLS_TRUSTSTORE) != null) {
            tls.put(VerifyingTlsLayer.TRUSTSTORE, s.get(TLS_TRUSTSTORE).toString());
        }
        return tls;
    }

    /** The account a gateway user calls and is called with: its own, else the trunk's. */
    public Optional<SipAccount> accountOf(String user) {
        SipAccount own = accounts.get(user);
        if (own != null) {
            return Optional.of(own);
        }
        return trunk.map(t -> t.forTrunkUser(user));
    }

    public String transport() {
        return transports.get(0);
    }

    private static String parseUntrustedPolicy(String value) {
        String v = value.trim();
        if (!v.equals("reject") && !v.equals("silent")) {
            throw new IllegalArgumentException("expected 'reject' or 'silent', got '" + value + "'");
        }
        return v;
    }

    private static String parseRegisterAt(String value) {
        String v = value.trim();
        if (!v.equals("start") && !v.equals("login")) {
            throw new IllegalArgumentException("expected 'start' or 'login', got '" + value + "'");
        }
        return v;
    }

    /** Login-token claims that carry a SIP account: {@code sip_aor}, and optionally {@code sip_password}, {@code sip_auth_user}, {@code sip_proxy}. */
    public static final Map<String, Setting<?>> CLAIMS = Map.of(
            "sip_aor", ACCOUNT_AOR, "sip_password", ACCOUNT_PASSWORD, "sip_auth_user", ACCOUNT_AUTH_USER, "sip_proxy", ACCOUNT_PROXY);

    /**
     * The SIP account a user's login-token claims describe, validated like a configured one (so
     * nothing unsafe reaches a header), or empty when the claims carry none.
     *
     * @throws ConfigException naming the claim's setting when a claim is of the wrong form
     */
    public Optional<SipAccount> accountFromClaims(String user, Map<String, Object> claims) {
        if (!(claims.get("sip_aor") instanceof String)) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        CLAIMS.forEach((claim, setting) -> {
            if (claims.get(claim) instanceof String value) {
                values.put(setting.forName(user).key(), value);
            }
        });
        return Optional.of(account(Settings.of(values), user, defaultProxy));
    }

    private static SipAccount account(Settings s, String user, String defaultProxy) {
        String aorKey = ACCOUNT_AOR.forName(user).key();
        if (!Names.isValidName(user)) {
            throw new ConfigException(aorKey + ": '" + user + "' is not a valid gateway user name");
        }
        Address aor = Address.parse(s.get(ACCOUNT_AOR.forName(user))).orElse(null);
        if (!(aor instanceof Address.External ext) || !ext.scheme().startsWith("sip") || !ext.uri().contains("@")
                || ext.uri().contains(";")) {
            throw new ConfigException(aorKey + ": expected an address of record like sip:1001@pbx.example.org, got '"
                    + s.get(ACCOUNT_AOR.forName(user)) + "'");
        }
        String uri = ext.uri();
        String userPart = uri.substring(uri.indexOf(':') + 1, uri.indexOf('@'));
        String domain = uri.substring(uri.indexOf('@') + 1);
        String authUser = authUser(ACCOUNT_AUTH_USER.forName(user).key(), s.get(ACCOUNT_AUTH_USER.forName(user)));
        String proxy = Optional.ofNullable(optionalHostPort(ACCOUNT_PROXY.forName(user).key(), s.get(ACCOUNT_PROXY.forName(user))))
                .orElse(defaultProxy);
        if (proxy == null) {
            throw new ConfigException(ACCOUNT_PROXY.forName(user).key() + " or " + PROXY.key()
                    + " must say where account '" + user + "' registers and sends its requests");
        }
        return new SipAccount(user, userPart, domain, authUser != null ? authUser : userPart,
                s.get(ACCOUNT_PASSWORD.forName(user)), proxy, s.get(ACCOUNT_REGISTER.forName(user)));
    }

    private static String authUser(String key, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!AUTH_USER.matcher(value).matches()) {
            throw new ConfigException(key + ": '" + value + "' is not a valid SIP user name");
        }
        return value;
    }

    private static String optionalHostPort(String key, String value) {
        return value == null || value.isBlank() ? null : hostPort(key, value, true);
    }

    private static String hostPort(String key, String value, boolean portAllowed) {
        String v = value.trim();
        if (!HOST_PORT.matcher(v).matches() || (!portAllowed && v.matches(".*:[0-9]+$") && !v.startsWith("["))) {
            throw new ConfigException(key + ": expected a host" + (portAllowed ? " or host:port" : "") + ", got '" + value + "'");
        }
        return v;
    }

    private static Pattern regex(String key, String value) {
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw new ConfigException(key + ": not a regular expression: " + e.getDescription());
        }
    }

    private static List<String> parseTransports(String text) {
        List<String> list = new ArrayList<>();
        for (String t : text.split(",")) {
            String transport = t.trim().toLowerCase(Locale.ROOT);
            if (transport.isEmpty()) {
                continue;
            }
            if (!List.of("udp", "tcp", "tls").contains(transport)) {
                throw new IllegalArgumentException("expected udp, tcp or tls, got '" + t.trim() + "'");
            }
            if (!list.contains(transport)) {
                list.add(transport);
            }
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("expected at least one of udp, tcp, tls");
        }
        return List.copyOf(list);
    }
}
