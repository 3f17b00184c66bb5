package org.webrtcgateway.core.protocol;

import static java.util.Objects.requireNonNull;

/**
 * The {@code id} a client put on a request, echoed on every reply to it. Kept as the JSON text
 * the client sent (a quoted string or a number) so it comes back exactly as it went out.
 */
public record RequestId(String json, boolean numeric) {

    public static final int MAX_LENGTH = 64;

    public RequestId {
        requireNonNull(json, "json");
    }

    public static RequestId ofString(String value) {
        return new RequestId(value, false);
    }

    public static RequestId ofNumber(String literal) {
        return new RequestId(literal, true);
    }

    @Override
    public String toString() {
        return json;
    }
}
