package org.webrtcgateway.sip.subscribe;

/** A NOTIFY body that does not parse as its event package says: answered 400, nothing delivered. */
public final class MalformedBody extends Exception {

    public MalformedBody(String message) {
        super(message, null, false, false); // an answer to bad input, not a bug: no stack trace
    }
}
