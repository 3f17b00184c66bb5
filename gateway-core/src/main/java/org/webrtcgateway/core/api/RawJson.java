package org.webrtcgateway.core.api;

import static java.util.Objects.requireNonNull;

/**
 * A JSON value relayed without interpretation (the {@code data} of a {@code message}).
 * The text was validated as JSON by the decoder and is written back verbatim, so relaying
 * never builds a tree.
 */
public record RawJson(String json) {
    public RawJson {
        requireNonNull(json, "json");
    }

    @Override
    public String toString() {
        return json;
    }
}
