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
 * unescaped and escaped again (3 KB, twice per message), only a bridge that reads it pays for that.
 * Either form is made from the other on first use. Equal when the texts are equal.
 */
public final class JsonString {

    private static final JsonFactory JSON = new JsonFactory();

    /** The JSON string literal, quotes included; null until needed when made from text. */
    private volatile String json;
    /** The text; null until needed when made from JSON. */
    private volatile String text;

    private JsonString(String json, String text) {
        this.json = json;
        this.text = text;
    }

    public static JsonString ofText(String text) {
        return new JsonString(null, requireNonNull(text, "text"));
    }

    /** From a JSON string literal (quotes included) that a parser has already validated. */
    public static JsonString ofJson(String literal) {
        requireNonNull(literal, "literal");
        if (literal.length() < 2 || literal.charAt(0) != '"' || literal.charAt(literal.length() - 1) != '"') {
            throw new IllegalArgumentException("not a JSON string literal: " + literal);
        }
        return new JsonString(literal, null);
    }

    public String text() {
        String t = text;
        if (t == null) {
            t = unescape(json);
            text = t;
        }
        return t;
    }

    public String json() {
        String j = json;
        if (j == null) {
            j = '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
            json = j;
        }
        return j;
    }

    /** The text's length when known, else the literal's less its quotes: an upper bound, cheap. */
    public int length() {
        String t = text;
        return t != null ? t.length() : json.length() - 2;
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
