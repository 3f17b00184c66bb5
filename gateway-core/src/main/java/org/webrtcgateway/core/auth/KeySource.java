package org.webrtcgateway.core.auth;

import java.util.List;

/** Where token keys come from: the configured secret and PEM key, a JWKS file, a JWKS URL. */
interface KeySource {

    /** The keys known now. */
    List<VerificationKey> keys();

    /**
     * Called when a token names a {@code kid} that {@link #keys()} lacks: a source that can learn new
     * keys (a JWKS URL) may look again, within its own limits. True when it has new keys.
     */
    default boolean refreshForUnknownKid() {
        return false;
    }
}
