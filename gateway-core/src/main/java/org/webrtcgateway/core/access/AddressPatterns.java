package org.webrtcgateway.core.access;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.webrtcgateway.core.api.Address;

/**
 * An allow or a deny list of address patterns: globs where {@code *} stands for any run of characters
 * ({@code sip:*@pbx.example.com}, {@code tel:+1900*}, {@code *} for everything, {@code alice} for one browser user).
 *
 * <p>Patterns and addresses are compared in one normal form, so that a browser cannot step around a deny rule by
 * spelling a number differently: case does not count, {@code %XX} escapes are decoded ({@code sip:%2B1900...} is
 * {@code sip:+1900...}), and a {@code tel:} number loses its visual separators ({@code tel:+1-900-555} is
 * {@code tel:+1900555}).
 */
public record AddressPatterns(List<String> patterns, List<Pattern> compiled) {

    public static final AddressPatterns NONE = of(List.of());

    public AddressPatterns {
        patterns = List.copyOf(patterns);
        compiled = List.copyOf(compiled);
    }

    public static AddressPatterns of(List<String> globs) {
        return new AddressPatterns(globs, globs.stream().map(AddressPatterns::compile).toList());
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** The first pattern that {@code address} matches, or null. */
    public String firstMatch(Address address) {
        String normal = normalize(address.toString());
        for (int i = 0; i < compiled.size(); i++) {
            if (compiled.get(i).matcher(normal).matches()) {
                return patterns.get(i);
            }
        }
        return null;
    }

    private static Pattern compile(String glob) {
        List<String> parts = List.of(normalize(glob).split("\\*", -1));
        return Pattern.compile(String.join(".*", parts.stream().map(Pattern::quote).toList()), Pattern.DOTALL);
    }

    /** The form both sides are compared in; see the class comment. */
    static String normalize(String text) {
        String decoded = percentDecoded(text).toLowerCase(Locale.ROOT);
        if (decoded.startsWith("tel:")) {
            int params = decoded.indexOf(';');
            String number = params < 0 ? decoded.substring(4) : decoded.substring(4, params);
            return "tel:" + number.replaceAll("[\\-.()]", "") + (params < 0 ? "" : decoded.substring(params));
        }
        return decoded;
    }

    private static String percentDecoded(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()
                    && Character.digit(text.charAt(i + 1), 16) >= 0 && Character.digit(text.charAt(i + 2), 16) >= 0) {
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
