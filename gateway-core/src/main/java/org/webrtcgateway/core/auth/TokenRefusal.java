package org.webrtcgateway.core.auth;

import java.util.Locale;

/** Why a login token was refused, as a closed set: a metric label (bounded), where the message is for people. */
public enum TokenRefusal {
    /** No token came with a login that needs one. */
    MISSING,
    /** Not a JWT in canonical compact form, a header that is no JSON object, a {@code crit} header, claims of the wrong type. */
    MALFORMED,
    /** {@code none}, or an algorithm that no configured key may verify (HS256 against an RSA key...). */
    ALGORITHM,
    /** A {@code kid} no key source knows. */
    UNKNOWN_KEY,
    SIGNATURE,
    EXPIRED,
    NOT_YET_VALID,
    /** No {@code exp}, while {@code auth.require-exp} holds. */
    NO_EXPIRY,
    /** {@code iss}, {@code aud}, {@code iat} or {@code sub} not as required. */
    CLAIMS;

    /** The label value: {@code unknown-key}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
