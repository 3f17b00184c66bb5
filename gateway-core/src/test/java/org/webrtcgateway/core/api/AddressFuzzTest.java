package org.webrtcgateway.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * {@link Address#parse} on any text (coverage-guided: ADR 0018). The seeds in {@code AddressFuzzTestInputs/} are the
 * forms PROTOCOL.md names and the injections AddressTest refuses; whatever Jazzer finds that broke a property is kept
 * there too.
 */
class AddressFuzzTest {

    /**
     * Parsing never throws; what parses is canonical (only the scheme changes case, and rendering it parses to an
     * equal address), and inert: nothing in it can end or change the SIP header, the XMPP stanza or the log line it is
     * written into.
     */
    @FuzzTest
    @Timeout(10)
    void whatParsesIsCanonicalAndInert(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);

        Optional<Address> parsed = Address.parse(text);

        if (parsed.isEmpty()) {
            return;
        }
        Address address = parsed.get();
        String rendered = address.toString();
        assertThat(Address.parse(rendered)).as("the rendering of %s parses back", address).contains(address);
        assertThat(rendered).hasSizeLessThanOrEqualTo(Address.MAX_LENGTH);
        if (address instanceof Address.Local local) {
            assertThat(local.name()).isEqualTo(text);
            assertThat(Names.isValidName(rendered)).isTrue();
        } else {
            Address.External external = (Address.External) address;
            int colon = text.indexOf(':');
            assertThat(external.scheme()).isEqualTo(text.substring(0, colon).toLowerCase(Locale.ROOT));
            assertThat(rendered).isEqualTo(external.scheme() + text.substring(colon));
            assertThat(rendered).as("no URI headers").doesNotContain("?");
        }
        rendered.codePoints().forEach(c -> assertThat(InertText.isInert(c))
                .as("U+%04X in %s", c, InertText.printable(rendered)).isTrue());
    }
}
