package org.webrtcgateway.core.api;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;

/**
 * A JSON value relayed without interpretation (the {@code data} of a {@code message}). The decoder
 * keeps the client's UTF-8 bytes as they were (validated as JSON), and the encoder writes them back
 * as they are, so relaying never builds a tree nor converts to characters and back. A bridge that
 * reads {@link #json()} gets the text. Equal when the JSON texts are equal.
 */
public final class RawJson {

    private volatile String json;
    private volatile byte[] utf8;

    public RawJson(String json) {
        this.json = requireNonNull(json, "json");
    }

    private RawJson(byte[] utf8) {
        this.utf8 = utf8;
    }

    /** From UTF-8 bytes a parser has validated as one JSON value; the array must not change after. */
    public static RawJson ofUtf8(byte[] utf8) {
        return new RawJson(requireNonNull(utf8, "utf8"));
    }

    public String json() {
        String j = json;
        if (j == null) {
            j = new String(utf8, StandardCharsets.UTF_8);
            json = j;
        }
        return j;
    }

    /** The UTF-8 bytes; do not modify them. */
    public byte[] utf8() {
        byte[] b = utf8;
        if (b == null) {
            b = json.getBytes(StandardCharsets.UTF_8);
            utf8 = b;
        }
        return b;
    }

    /** Size in bytes when the bytes are at hand, else in characters: a cheap measure for limits. */
    public int size() {
        byte[] b = utf8;
        return b != null ? b.length : json.length();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawJson that && json().equals(that.json());
    }

    @Override
    public int hashCode() {
        return json().hashCode();
    }

    @Override
    public String toString() {
        return json();
    }
}
