package org.webrtcgateway.core.auth;

/**
 * Why a login token was refused, in the gateway's words: the message goes to the client as is, so it
 * never carries a library's text. No stack trace: a refusal is an answer, not a fault.
 */
final class TokenRefused extends Exception {

    private final TokenRefusal reason;

    TokenRefused(TokenRefusal reason, String why) {
        super(why, null, false, false);
        this.reason = reason;
    }

    TokenRefusal reason() {
        return reason;
    }
}
