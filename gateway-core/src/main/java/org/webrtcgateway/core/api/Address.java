package org.webrtcgateway.core.api;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a message goes or comes from: a user of this gateway ({@link Local}, a plain name) or
 * an address another network owns ({@link External}: {@code sip:}, {@code sips:}, {@code tel:},
 * {@code xmpp:}, or a scheme a plug-in brings with its {@link AddressForm}), which the router hands to
 * the bridge registered for its scheme.
 *
 * <p>Parsing is strict on purpose: an address that gets past {@link #parse} may be written into a
 * SIP header or an XMPP stanza, so anything that could break out of one (whitespace, control
 * characters, angle brackets, quotes, URI headers) is refused here.
 */
public sealed interface Address {

    int MAX_LENGTH = 256;

    /** The form used on the wire, e.g. in {@code from}. */
    @Override
    String toString();

    /** A user logged in to this gateway (or cluster). */
    record Local(String name) implements Address {
        public Local {
            requireNonNull(name, "name");
            if (!Names.isValidName(name)) {
                throw new IllegalArgumentException("not a valid name: " + name);
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** An address owned by another network, kept in its canonical form; {@code scheme} is lower case, e.g. {@code sip}. */
    record External(String scheme, String uri) implements Address {
        public External {
            requireNonNull(scheme, "scheme");
            requireNonNull(uri, "uri");
        }

        @Override
        public String toString() {
            return uri;
        }
    }

    /** Parses an address, or returns empty with no exception when it is not one of the accepted forms. */
    static Optional<Address> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            return Names.isValidName(text) ? Optional.of(new Local(text)) : Optional.empty();
        }
        String scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
        String canonical = scheme + text.substring(colon);
        Pattern form = Forms.of(scheme);
        if (form == null || !form.matcher(canonical).matches()) {
            return Optional.empty();
        }
        if (scheme.equals("tel") && !canonical.startsWith("tel:+") && !canonical.contains(";phone-context=")) {
            return Optional.empty(); // RFC 3966: a local number needs the context it is local to
        }
        return Optional.of(new External(scheme, canonical));
    }

    /**
     * Whether {@link #parse} knows the form of {@code scheme} (lower case): {@code sip}, {@code sips},
     * {@code tel}, {@code xmpp}. A plug-in cannot give one of these another form ({@link AddressForm}).
     */
    static boolean isBuiltInScheme(String scheme) {
        return Forms.of(scheme) != null;
    }

    /** Like {@link #parse}, for addresses that are known to be valid (configuration, tests). */
    static Address of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not a valid address: " + text));
    }

    /** The accepted forms. Deliberately narrower than the RFCs: no URI headers, no quoting, no spaces. */
    final class Forms {
        private static final String SIP_USER = "[A-Za-z0-9\\-_.!~*'()&=+$,;/%]{1,128}";
        private static final String HOST = "(?:[A-Za-z0-9](?:[A-Za-z0-9\\-]{0,62})(?:\\.[A-Za-z0-9](?:[A-Za-z0-9\\-]{0,62}))*\\.?"
                + "|\\[[0-9A-Fa-f:.]{2,45}\\])";
        private static final String URI_PARAMS = "(?:;[A-Za-z0-9\\-_.!~*'()%]{1,32}(?:=[A-Za-z0-9\\-_.!~*'()%\\[\\]:]{1,64})?){0,8}";

        /** 1 to 65535: a port a SIP stack would refuse, or wrap, is no port. */
        private static final String PORT = "(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])";

        /** RFC 3261 sip:/sips: without the header part ({@code ?...}). */
        static final Pattern SIP = Pattern.compile(
                "sips?:(?:" + SIP_USER + "@)?" + HOST + "(?::" + PORT + ")?" + URI_PARAMS);

        /** RFC 3966: a global number ({@code +} and digits) or a local one with parameters. */
        static final Pattern TEL = Pattern.compile(
                "tel:(?:\\+[0-9\\-.()]*[0-9][0-9\\-.()]*|[0-9A-Fa-f*#\\-.()]*[0-9A-Fa-f*#][0-9A-Fa-f*#\\-.()]*)"
                        + "(?:;[A-Za-z0-9\\-]{1,32}(?:=[A-Za-z0-9\\-.+%]{1,64})?){0,8}");

        /**
         * What a JID's node or resource may not hold: whitespace and separators of any script, control and format
         * characters (C1 controls such as NEL, bidi overrides, zero-width ones), lone surrogates, private-use and
         * unassigned code points. Unicode's classes, not ASCII's {@code \s} and {@code \p{Cntrl}}: U+0085 and
         * U+2028 end a line too.
         */
        private static final String NOT_IN_JID = "\\p{C}\\p{Z}\\s";

        /** RFC 5122 xmpp:node@domain/resource, without authority ({@code //}) or query ({@code ?}). */
        static final Pattern XMPP = Pattern.compile(
                "xmpp:(?:[^" + NOT_IN_JID + "\"&'/:<>@?#]{1,256}@)?" + HOST + "(?:/[^" + NOT_IN_JID + "?#<>\"]{1,256})?");

        /** The form of a built-in scheme (lower case), or null for any other. */
        static Pattern of(String scheme) {
            return switch (scheme) {
                case "sip", "sips" -> SIP;
                case "tel" -> TEL;
                case "xmpp" -> XMPP;
                default -> null;
            };
        }

        private Forms() {
        }
    }
}
