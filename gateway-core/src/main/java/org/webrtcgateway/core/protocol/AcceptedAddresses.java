package org.webrtcgateway.core.protocol;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.AddressForm;

/**
 * What a client may write in {@code to}: the forms {@link Address#parse} knows, and those plug-ins
 * bring for the schemes they own ({@link AddressForm}). Immutable.
 */
final class AcceptedAddresses {

    private static final List<String> BUILT_IN = List.of("a name of 1 to 64 of A-Za-z0-9._-@+", "sip:user@host", "sips:...",
            "tel:+number", "xmpp:user@domain[/resource]");

    private final Map<String, AddressForm> plugged;
    private final String described;

    /** @throws IllegalStateException when two forms are for the same scheme: which one holds would be chance */
    AcceptedAddresses(Collection<AddressForm> pluggedForms) {
        Map<String, AddressForm> byScheme = new TreeMap<>();
        for (AddressForm form : pluggedForms) {
            if (byScheme.putIfAbsent(form.scheme(), form) != null) {
                throw new IllegalStateException("two address forms are bound for the scheme '" + form.scheme()
                        + ":'; a scheme belongs to one plug-in");
            }
        }
        this.plugged = Map.copyOf(byScheme);
        List<String> forms = new ArrayList<>(BUILT_IN);
        byScheme.keySet().forEach(scheme -> forms.add(scheme + ":..."));
        this.described = String.join(", ", forms.subList(0, forms.size() - 1)) + " or " + forms.get(forms.size() - 1);
    }

    /** {@code text} as an address, or empty when it is of no accepted form. */
    Optional<Address> parse(String text) {
        Optional<Address> builtIn = Address.parse(text);
        if (builtIn.isPresent() || plugged.isEmpty() || text == null) {
            return builtIn;
        }
        int colon = text.indexOf(':');
        AddressForm form = colon < 0 ? null : plugged.get(text.substring(0, colon).toLowerCase(Locale.ROOT));
        return form == null ? Optional.empty() : form.parse(text).map(Address.class::cast);
    }

    /** The accepted forms, for the message that refuses an address. */
    String described() {
        return described;
    }
}
