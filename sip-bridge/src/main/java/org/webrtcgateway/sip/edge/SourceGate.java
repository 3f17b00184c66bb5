package org.webrtcgateway.sip.edge;

import java.net.InetAddress;

import org.webrtcgateway.core.net.AddressRanges;

/**
 * Decides, before any SIP work, whether a request from a source address goes on: the source's rate first (a flood
 * costs no more than a lookup and a subtraction), then whether it is trusted. The rate holds back what a source
 * starts, not what it finishes: a trusted source's requests in a dialog the stack knows (ACK, BYE, re-INVITE, INFO)
 * and its CANCELs of INVITEs under way go on without a token. Refusing those sheds no load: a refused BYE leaves its
 * call up and the peer retransmitting, a dropped ACK leaves the dialog unconfirmed. And behind a proxy every call's
 * requests share one source: counting INVITE, ACK and BYE held one proxy to a third of the rate in calls/s
 * (bench/sip-load.sh failed calls from ~330 a second at the default 1,000). Thread-safe: JAIN-SIP calls it from its
 * reading threads.
 */
public final class SourceGate {

    private final AddressRanges trusted;
    private final SourceRateLimit rate;
    private final boolean silent;

    /** @param silent {@code sip.untrusted-policy: silent}: untrusted sources hear nothing, not even 403 */
    public SourceGate(AddressRanges trusted, SourceRateLimit rate, boolean silent) {
        this.trusted = trusted;
        this.rate = rate;
        this.silent = silent;
    }

    /**
     * @param ofKnownDialog the request belongs to a dialog or transaction the stack already has (an in-dialog request
     *                      of a known dialog, or a CANCEL of an INVITE it is processing)
     */
    public Verdict check(InetAddress source, String method, boolean ofKnownDialog) {
        boolean isTrusted = source != null && trusted.contains(source);
        if (isTrusted && ofKnownDialog) {
            return Verdict.ACCEPT;
        }
        boolean answerable = !"ACK".equals(method); // an ACK never gets a response
        if (source != null && !rate.tryAcquire(source)) {
            return isTrusted && answerable ? Verdict.THROTTLE : Verdict.DROP_FLOOD;
        }
        if (isTrusted) {
            return Verdict.ACCEPT;
        }
        return silent || !answerable ? Verdict.IGNORE_UNTRUSTED : Verdict.FORBID;
    }
}
