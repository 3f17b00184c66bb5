package org.webrtcgateway.sip.register;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.log.RepeatedCondition;
import org.webrtcgateway.sip.SipAccount;
import org.webrtcgateway.sip.SipConfig;

/**
 * Which gateway user has which SIP account: the configured ones, plus those that came with a login
 * token's claims for as long as their user is logged in. Changed on the bridge thread only; read
 * on any (event loops look up a caller's account, the stack looks up digest credentials), hence
 * the concurrent maps.
 */
public final class Accounts {

    private static final Logger log = LoggerFactory.getLogger(Accounts.class);

    private final SipConfig config;
    /** Accounts that came with a login token's claims, while their user is logged in. */
    private final Map<String, SipAccount> claimedAccounts = new ConcurrentHashMap<>();
    /** Gateway users by the user part of their address of record, for incoming requests. */
    private final Map<String, String> usersBySipUser = new ConcurrentHashMap<>();
    /** Accounts by address of record, for digest credentials: configured ones, then claimed ones. */
    private final Map<String, SipAccount> byAor = new ConcurrentHashMap<>();

    public Accounts(SipConfig config) {
        this.config = config;
        config.accounts().values().forEach(a -> {
            byAor.put(a.aor(), a);
            usersBySipUser.putIfAbsent(a.sipUser(), a.user());
        });
    }

    /** A user's account: from its login token's claims, else configured, else the trunk's. Any thread. */
    public Optional<SipAccount> accountOf(String user) {
        SipAccount claimed = claimedAccounts.get(user);
        return claimed != null ? Optional.of(claimed) : config.accountOf(user);
    }

    /** The account whose address of record sent a request, for digest challenges; the trunk's for its domain. Any thread. */
    public SipAccount credentialsFor(String aor) {
        SipAccount account = byAor.get(aor);
        if (account != null) {
            return account;
        }
        return config.trunk().filter(t -> aor.endsWith("@" + t.domain())).orElse(null);
    }

    /** Gateway users by the user part of their address of record: a live view, as claimed accounts come and go. */
    public Map<String, String> usersBySipUser() {
        return Collections.unmodifiableMap(usersBySipUser);
    }

    /**
     * The account a user's login-token claims carry, or empty when they carry none or one that is
     * refused (logged: the login still succeeds). Touches no table, so it is safe on the event loop.
     */
    public Optional<SipAccount> fromClaims(Address.Local user, Map<String, Object> claims) {
        try {
            return config.accountFromClaims(user.name(), claims);
        } catch (RuntimeException e) {
            // The message quotes the claim: no control characters into the log.
            log.warn("{}'s login token carries a SIP account that is refused: {}", user,
                    RepeatedCondition.oneLine(e.getMessage()));
            return Optional.empty();
        }
    }

    /** Gives a logged-in user the account from their token, ahead of a configured one. Bridge thread. */
    public void claim(String user, SipAccount account) {
        claimedAccounts.put(user, account);
        byAor.put(account.aor(), account);
        usersBySipUser.putIfAbsent(account.sipUser(), user);
    }

    /** Whether a user's account came with their login token. */
    public boolean hasClaimed(String user) {
        return claimedAccounts.containsKey(user);
    }

    /** Forgets the account a user's login token gave them (if any): their session is over. Bridge thread. */
    public void release(String user) {
        SipAccount claimed = claimedAccounts.remove(user);
        if (claimed != null) {
            // Only the entries still this claim's: another login may have claimed the same address of record since.
            byAor.remove(claimed.aor(), claimed);
            usersBySipUser.remove(claimed.sipUser(), user);
        }
    }
}
