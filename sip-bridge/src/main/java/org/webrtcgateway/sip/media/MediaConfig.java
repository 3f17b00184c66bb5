package org.webrtcgateway.sip.media;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.core.config.Setting;
import org.webrtcgateway.core.config.Settings;
import org.webrtcgateway.sip.SipConfig;

/**
 * The media keys of the SIP bridge: what each account, the trunk and each dial-plan rule speak
 * ({@link MediaMode}), and the rtpengine instances that relay plain-RTP calls. Checked at start: a mode other than
 * {@code webrtc} needs at least one instance.
 *
 * @param accounts     the mode of each configured account that sets one (others: {@code webrtc})
 * @param trunk        the trunk's mode
 * @param rules        the mode of each dial-plan rule that sets one (others: the caller's account's)
 * @param rtpengines   the ng control addresses, in order of preference
 * @param timeout      how long an ng command may go unanswered (retransmitted meanwhile) before its instance counts as down
 * @param checkInterval how often each instance is pinged
 */
public record MediaConfig(Map<String, MediaMode> accounts, MediaMode trunk, Map<String, MediaMode> rules,
                          List<InetSocketAddress> rtpengines, Duration timeout, Duration checkInterval) {

    public static final Setting<String> ACCOUNT_MEDIA = new Setting<>("sip.account.<user>.media", "webrtc", MediaConfig::mode,
            "what this account's far ends speak: 'webrtc' (the browser's SDP passes through), 'rtp' (plain RTP: media through"
                    + " rtpengine, sip.rtpengine.ng) or 'auto' (relayed when a call's far end offers plain RTP, and on outgoing calls)");
    public static final Setting<String> TRUNK_MEDIA = new Setting<>("sip.trunk.media", "webrtc", MediaConfig::mode,
            "trunk mode: what the trunk's far ends speak: 'webrtc', 'rtp' or 'auto' (as sip.account.<user>.media)");
    public static final Setting<String> DIAL_MEDIA = new Setting<>("sip.dial-plan.<rule>.media", null, MediaConfig::mode,
            "dial plan: what the rule's targets speak: 'webrtc', 'rtp' or 'auto' (default: the caller's account's or the trunk's)");
    public static final Setting<List<String>> RTPENGINE_NG = new Setting<>("sip.rtpengine.ng", List.of(), MediaConfig::ngAddresses,
            "ng control addresses (host:port, UDP) of the rtpengine instances that relay plain-RTP calls, in order of preference;"
                    + " a new call goes to the first one up");
    public static final Setting<Duration> RTPENGINE_TIMEOUT = Setting.duration("sip.rtpengine.timeout", Duration.ofSeconds(1),
            "how long an rtpengine command may go unanswered (sent again meanwhile) before the instance counts as down");
    public static final Setting<Duration> RTPENGINE_CHECK = Setting.duration("sip.rtpengine.check-interval", Duration.ofSeconds(5),
            "each rtpengine instance is pinged this often; one that does not answer gets no new calls, and while none"
                    + " answers /readyz answers 503");

    public static final List<Setting<?>> SETTINGS = List.of(ACCOUNT_MEDIA, TRUNK_MEDIA, DIAL_MEDIA, RTPENGINE_NG,
            RTPENGINE_TIMEOUT, RTPENGINE_CHECK);

    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]{2,45}\\]|[A-Za-z0-9][A-Za-z0-9.\\-]{0,252}):([0-9]{1,5})");

    public MediaConfig {
        accounts = Map.copyOf(accounts);
        rules = Map.copyOf(rules);
        rtpengines = List.copyOf(rtpengines);
    }

    public static MediaConfig from(Settings s) {
        Map<String, MediaMode> accounts = new LinkedHashMap<>();
        for (String user : s.names(ACCOUNT_MEDIA)) {
            if (s.get(SipConfig.ACCOUNT_AOR.forName(user)) == null) {
                throw new ConfigException(ACCOUNT_MEDIA.forName(user).key() + ": account '" + user + "' has no "
                        + SipConfig.ACCOUNT_AOR.forName(user).key());
            }
            accounts.put(user, MediaMode.parse(s.get(ACCOUNT_MEDIA.forName(user))));
        }
        Map<String, MediaMode> rules = new LinkedHashMap<>();
        for (String rule : s.names(DIAL_MEDIA)) {
            if (s.get(SipConfig.DIAL_MATCH.forName(rule)) == null) {
                throw new ConfigException(SipConfig.DIAL_MATCH.forName(rule).key() + " is missing for " + DIAL_MEDIA.forName(rule).key());
            }
            rules.put(rule, MediaMode.parse(s.get(DIAL_MEDIA.forName(rule))));
        }
        MediaMode trunk = MediaMode.parse(s.get(TRUNK_MEDIA));
        List<InetSocketAddress> rtpengines = new ArrayList<>();
        for (String entry : s.get(RTPENGINE_NG)) {
            Matcher m = HOST_PORT.matcher(entry);
            m.matches(); // checked by the setting's parser
            String host = m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
            rtpengines.add(InetSocketAddress.createUnresolved(host, Integer.parseInt(m.group(2))));
        }
        Duration timeout = s.get(RTPENGINE_TIMEOUT);
        Duration check = s.get(RTPENGINE_CHECK);
        if (timeout.toMillis() < 10 || check.toMillis() < 10) {
            throw new ConfigException(RTPENGINE_TIMEOUT.key() + " and " + RTPENGINE_CHECK.key() + " must be at least 10ms");
        }
        MediaConfig config = new MediaConfig(accounts, trunk, rules, rtpengines, timeout, check);
        if (config.anyRelayed() && rtpengines.isEmpty()) {
            throw new ConfigException(RTPENGINE_NG.key() + " must name at least one rtpengine: a media setting ("
                    + config.relayedKeys() + ") asks for 'rtp' or 'auto'");
        }
        return config;
    }

    /** The mode of an outgoing call by {@code user} that dial-plan rule {@code rule} (if any) routed. */
    public MediaMode outgoing(String user, boolean trunkUser, Optional<String> rule) {
        return rule.map(rules::get).orElseGet(() -> incoming(user, trunkUser));
    }

    /** The mode of calls to {@code user}: their account's, or the trunk's for a user without one. */
    public MediaMode incoming(String user, boolean trunkUser) {
        return trunkUser ? trunk : accounts.getOrDefault(user, MediaMode.WEBRTC);
    }

    /** Whether any call may be relayed (so rtpengine is needed at all). */
    public boolean anyRelayed() {
        return trunk != MediaMode.WEBRTC || accounts.values().stream().anyMatch(m -> m != MediaMode.WEBRTC)
                || rules.values().stream().anyMatch(m -> m != MediaMode.WEBRTC);
    }

    private String relayedKeys() {
        List<String> keys = new ArrayList<>();
        accounts.forEach((user, mode) -> {
            if (mode != MediaMode.WEBRTC) {
                keys.add(ACCOUNT_MEDIA.forName(user).key());
            }
        });
        rules.forEach((rule, mode) -> {
            if (mode != MediaMode.WEBRTC) {
                keys.add(DIAL_MEDIA.forName(rule).key());
            }
        });
        if (trunk != MediaMode.WEBRTC) {
            keys.add(TRUNK_MEDIA.key());
        }
        return String.join(", ", keys);
    }

    private static String mode(String text) {
        return MediaMode.parse(text).label();
    }

    private static List<String> ngAddresses(String text) {
        List<String> list = new ArrayList<>();
        for (String part : text.split(",")) {
            String entry = part.trim();
            if (entry.isEmpty()) {
                continue;
            }
            Matcher m = HOST_PORT.matcher(entry);
            if (!m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 65535) {
                throw new IllegalArgumentException("expected host:port (e.g. 127.0.0.1:2223), got '" + entry + "'");
            }
            list.add(entry);
        }
        return List.copyOf(list);
    }
}
