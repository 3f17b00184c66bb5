package org.webrtcgateway.sip.edge;

/** What the edge does with one SIP request, and the metric label of a refusal. */
public enum Verdict {
    /** The request goes on to the bridge. */
    ACCEPT(null, 0),
    /** 403 Forbidden: the source is not trusted. */
    FORBID(Reason.UNTRUSTED, 403),
    /** No answer at all: an untrusted source under {@code sip.untrusted-policy: silent}, or an ACK. */
    IGNORE_UNTRUSTED(Reason.UNTRUSTED, 0),
    /** 503 with Retry-After: a trusted source over its rate, which should back off rather than see calls fail. */
    THROTTLE(Reason.RATE_LIMITED, 503),
    /** No answer: an untrusted source over its rate gets no reply to flood back to a spoofed address. */
    DROP_FLOOD(Reason.RATE_LIMITED, 0);

    /** Why a request was refused: the label of {@code gateway_sip_requests_refused_total}. */
    public enum Reason {
        UNTRUSTED("untrusted"), RATE_LIMITED("rate-limited");

        public final String label;

        Reason(String label) {
            this.label = label;
        }
    }

    public final Reason reason;
    /** The response's status code, 0 for none. */
    public final int status;

    Verdict(Reason reason, int status) {
        this.reason = reason;
        this.status = status;
    }
}
