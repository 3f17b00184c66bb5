package org.webrtcgateway.websocket.tls;

/**
 * Certificate or key files that cannot be served, with what is wrong in an operator's words; the
 * certificate in use, if any, stays in use.
 */
public final class UnusableCertificate extends Exception {

    private static final long serialVersionUID = 1L;

    public UnusableCertificate(String reason) {
        super(reason);
    }
}
