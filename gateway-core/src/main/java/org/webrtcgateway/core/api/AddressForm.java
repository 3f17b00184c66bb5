package org.webrtcgateway.core.api;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The form of the addresses of a scheme the core does not know, brought by the plug-in whose bridge
 * owns that scheme, so that a client may write such an address in {@code to}. The plug-in's module
 * adds it to the core's set, as it adds its bridge:
 * <pre>
 * Multibinder.newSetBinder(binder(), AddressForm.class).addBinding()
 *         .toInstance(new AddressForm("echo", Pattern.compile("[a-z0-9]{1,32}")));
 * </pre>
 *
 * <p>{@code form} must match the whole of what follows {@code scheme:}. An address may end up in a
 * SIP header or an XMPP stanza, so whatever the pattern allows, {@link #parse} refuses what could
 * break out of one: whitespace, control and format characters, angle brackets and quotes, an empty
 * address and one longer than {@link Address#MAX_LENGTH}. The built-in schemes keep their own strict
 * forms ({@link Address#parse}): none can be given another.
 */
public record AddressForm(String scheme, Pattern form) {

    /** RFC 3986's scheme syntax, in the lower case the core keeps schemes in (and shorter). */
    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.\\-]{0,31}");

    /**
     * @throws IllegalArgumentException when {@code scheme} is not a scheme in lower case, or is one
     *         of the built-in schemes ({@code sip}, {@code sips}, {@code tel}, {@code xmpp})
     */
    public AddressForm {
        requireNonNull(scheme, "scheme");
        requireNonNull(form, "form");
        if (!SCHEME.matcher(scheme).matches()) {
            throw new IllegalArgumentException("an address scheme is a letter and up to 31 of a-z 0-9 + . -, "
                    + "in lower case; not '" + scheme + "'");
        }
        if (Address.isBuiltInScheme(scheme)) {
            throw new IllegalArgumentException("the scheme '" + scheme + ":' is built into the gateway, "
                    + "with a strict form of its own: a plug-in cannot redefine it");
        }
    }

    /**
     * {@code text} as an address of this scheme in canonical form (the scheme in lower case, as
     * {@link Address#parse} writes it), or empty when it is not one.
     */
    public Optional<Address.External> parse(String text) {
        if (text == null || text.length() > Address.MAX_LENGTH) {
            return Optional.empty();
        }
        int colon = text.indexOf(':');
        if (colon < 0 || !text.substring(0, colon).toLowerCase(Locale.ROOT).equals(scheme)) {
            return Optional.empty();
        }
        String rest = text.substring(colon + 1);
        if (rest.isEmpty() || !isInert(rest) || !form.matcher(rest).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Address.External(scheme, scheme + ":" + rest));
    }

    /** Whether {@code text} holds nothing that could end or change what it is written into, whatever the pattern said. */
    private static boolean isInert(String text) {
        return text.codePoints().noneMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT // invisible: bidi overrides, zero-width joiners
                || Character.getType(c) == Character.SURROGATE // one without its pair
                || c == '<' || c == '>' || c == '"' || c == '\'');
    }
}
