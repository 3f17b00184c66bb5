package org.webrtcgateway.sip.subscribe;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.core.config.Setting;
import org.webrtcgateway.core.config.Settings;
import org.webrtcgateway.sip.SipConfig;

/**
 * The {@code sip.*} keys of busy lamps and the voice-mail light, kept beside the package that reads them.
 *
 * @param maxPerUser     busy-lamp subscriptions one user may hold
 * @param expires        subscription lifetime asked for, seconds
 * @param mailboxes      per gateway user with an account: where its message-summary SUBSCRIBE goes (absent: its
 *                       address of record; {@link #NO_MAILBOX}: nowhere)
 */
public record SubscribeConfig(int maxPerUser, int expires, Map<String, String> mailboxes) {

    /** A mailbox setting that subscribes to nothing: the PBX sends unsolicited NOTIFYs (Asterisk's default) or none. */
    public static final String NO_MAILBOX = "none";

    public static final Setting<Integer> MAX_PER_USER = Setting.integer("sip.max-subscriptions-per-user", 50, 0, 10_000,
            "busy lamps (SIP subscriptions to sip:/tel: addresses) one user may follow at once; more is 'forbidden' (0 = none)");
    public static final Setting<Integer> EXPIRES = Setting.integer("sip.subscribe-expires", 600, 10, 86400,
            "lifetime asked for busy-lamp and message-waiting SUBSCRIBEs, in seconds; refreshed at 85 % of what is granted");
    public static final Setting<String> MAILBOX = Setting.string("sip.account.<user>.mailbox", null,
            "where the account's message-waiting SUBSCRIBE (RFC 3842) goes, e.g. sip:*97@pbx.example.org (default: its aor;"
                    + " 'none': subscribe to nothing, take the PBX's unsolicited NOTIFYs only)");

    public static final List<Setting<?>> SETTINGS = List.of(MAX_PER_USER, EXPIRES, MAILBOX);

    public SubscribeConfig {
        mailboxes = Map.copyOf(mailboxes);
    }

    public static SubscribeConfig from(Settings s) {
        Map<String, String> mailboxes = new HashMap<>();
        for (String user : s.names(MAILBOX)) {
            String key = MAILBOX.forName(user).key();
            if (s.get(SipConfig.ACCOUNT_AOR.forName(user)) == null) {
                throw new ConfigException(key + ": account '" + user + "' has no " + SipConfig.ACCOUNT_AOR.forName(user).key());
            }
            String value = s.get(MAILBOX.forName(user));
            if (value == null || value.isBlank()) {
                continue;
            }
            value = value.trim();
            if (!value.equals(NO_MAILBOX)) {
                Optional<Address> uri = Address.parse(value);
                if (uri.isEmpty() || !(uri.get() instanceof Address.External ext) || !ext.scheme().startsWith("sip")) {
                    throw new ConfigException(key + ": expected a SIP URI like sip:*97@pbx.example.org or 'none', got '" + value + "'");
                }
                value = ext.uri();
            }
            mailboxes.put(user, value);
        }
        return new SubscribeConfig(s.get(MAX_PER_USER), s.get(EXPIRES), mailboxes);
    }

    /** Where {@code user}'s message-summary SUBSCRIBE goes, given its address of record; empty: nowhere. */
    public Optional<String> mailboxOf(String user, String aor) {
        String configured = mailboxes.get(user);
        if (configured == null) {
            return Optional.of(aor);
        }
        return configured.equals(NO_MAILBOX) ? Optional.empty() : Optional.of(configured);
    }
}
