package org.webrtcgateway.core.api;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * A string that may travel in its JSON form: an SDP relayed from one browser to another is never
 * unescaped and escaped again (3 KB, twice per message); only a bridge that reads {@link #text()}
 * pays for that. Either form is made from the other on first use. Equal when the texts are equal.
 */
public final class JsonString {

    private static final JsonFactory JSON = new JsonFactory();

    /** The JSON string literal, quotes included; null until needed when made from text. */
    private volatile RawJson literal;
    /** The text; null until needed when made from JSON. */
    private volatile String text;

    private JsonString(RawJson literal, String text) {
        this.literal = literal;
        this.text = text;
    }

    public static JsonString ofText(String text) {
        return new JsonString(null, requireNonNull(text, "text"));
    }

    /** From a JSON string literal (quotes included) that a parser has already validated. */
    public static JsonString ofJson(RawJson literal) {
        byte[] bytes = requireNonNull(literal, "literal").utf8();
        if (bytes.length < 2 || bytes[0] != '"' || bytes[bytes.length - 1] != '"') {
            throw new IllegalArgumentException("not a JSON string literal: " + literal);
        }
        return new JsonString(literal, null);
    }

    public static JsonString ofJson(String literal) {
        return ofJson(new RawJson(literal));
    }

    public String text() {
        String t = text;
        if (t == null) {
            t = unescape(literal.json());
            text = t;
        }
        return t;
    }

    /** The JSON string literal, quotes included. */
    public RawJson json() {
        RawJson l = literal;
        if (l == null) {
            l = new RawJson('"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"');
            literal = l;
        }
        return l;
    }

    /** The text's length when known, else the literal's size less its quotes: an upper bound, cheap. */
    public int length() {
        String t = text;
        return t != null ? t.length() : literal.size() - 2;
    }

    private static String unescape(String literal) {
        try (JsonParser parser = JSON.createParser(literal)) {
            if (parser.nextToken() != JsonToken.VALUE_STRING) {
                throw new IllegalStateException("not a JSON string literal: " + literal);
            }
            return parser.getText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonString that && text().equals(that.text());
    }

    @Override
    public int hashCode() {
        return text().hashCode();
    }

    @Override
    public String toString() {
        return text();
    }
}
