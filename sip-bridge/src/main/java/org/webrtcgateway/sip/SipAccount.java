package org.webrtcgateway.sip;

/**
 * The SIP identity one gateway user calls and is called with. Every field was validated by
 * {@link SipConfig} (or comes from a valid gateway name), so it is safe in a header.
 *
 * @param user     the gateway user (null for the trunk template)
 * @param sipUser  the user part of the address of record, e.g. {@code 1001}
 * @param domain   the domain of the address of record, e.g. {@code pbx.example.org}
 * @param authUser digest user name (null: none configured)
 * @param password digest password (null: none configured)
 * @param proxy    registrar and outbound proxy, host[:port]
 * @param register whether the bridge REGISTERs the address of record
 */
public record SipAccount(String user, String sipUser, String domain, String authUser, String password, String proxy,
                         boolean register) {

    /** {@code sip:1001@pbx.example.org}. */
    public String aor() {
        return "sip:" + sipUser + "@" + domain;
    }

    /** The trunk account of one gateway user: their name as the user part (with '@' escaped, as RFC 3261 asks). */
    SipAccount forTrunkUser(String gatewayUser) {
        return new SipAccount(gatewayUser, gatewayUser.replace("@", "%40"), domain, authUser, password, proxy, false);
    }

    /** The trunk account the gateway itself uses for its OPTIONS probes: {@code sip:gateway@<domain>}. */
    SipAccount forProbe() {
        return forTrunkUser("gateway");
    }

    @Override
    public String toString() {
        return "SipAccount[" + aor() + " via " + proxy + "]";
    }
}
