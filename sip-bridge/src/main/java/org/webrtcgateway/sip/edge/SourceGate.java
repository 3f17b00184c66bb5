package org.webrtcgateway.sip.edge;

import java.net.InetAddress;

import org.webrtcgateway.core.net.AddressRanges;

/**
 * Decides, before any SIP work, whether a request from a source address goes on: the source's rate first (a flood
 * costs no more than a lookup and a subtraction), then whether it is trusted. Thread-safe: JAIN-SIP calls it from its
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

    public Verdict check(InetAddress source, String method) {
        boolean isTrusted = source != null && trusted.contains(source);
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
