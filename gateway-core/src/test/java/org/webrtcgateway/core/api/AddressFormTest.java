package org.webrtcgateway.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link AddressForm}: a plug-in's scheme takes the form the plug-in gives it, but never anything that
 * could break out of a SIP header or an XMPP stanza, and never a built-in scheme's place.
 */
class AddressFormTest {

    private static final AddressForm ECHO = new AddressForm("echo", Pattern.compile("[a-z0-9]{1,32}"));
    /** A plug-in's pattern that allows anything, to show the core refuses what it must by itself. */
    private static final AddressForm ANYTHING = new AddressForm("any", Pattern.compile("(?s).*"));

    @Test
    void anAddressOfTheFormIsAnExternalAddressOfTheScheme() {
        assertThat(ECHO.parse("echo:anything")).hasValue(new Address.External("echo", "echo:anything"));
    }

    @Test
    void theSchemeIsWrittenInLowerCaseAsTheBuiltInOnesAre() {
        assertThat(ECHO.parse("ECHO:abc")).hasValue(new Address.External("echo", "echo:abc"));
        assertThat(ECHO.parse("Echo:abc").orElseThrow().toString()).isEqualTo("echo:abc");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"echo:", "echo:UPPER", "echo:a/b", "echo:abcdefghijklmnopqrstuvwxyz0123456", "echoes:abc", "ech:abc",
            "abc", ":abc", "sip:abc@example.org"})
    void anythingElseIsRefused(String text) {
        assertThat(ECHO.parse(text)).isEmpty();
    }

    @Test
    void nullIsRefusedWithoutAnException() {
        assertThat(ECHO.parse(null)).isEmpty();
    }

    @ParameterizedTest(name = "[{index}]") // the texts hold NUL and a lone surrogate: not for a report's XML
    @ValueSource(strings = {"any:a b", "any:a\tb", "any:a\r\nX-Injected: 1", "any:a\u0000b", "any:a\u007fb", "any:a\u00a0b",
            "any:a\u2028b", "any:a\u202eb", "any:a\u200bb", "any:a\ud800b", "any:<a>", "any:a>b", "any:\"a\"", "any:a'b", "any:"})
    void whatCouldBreakOutOfAHeaderOrStanzaIsRefusedWhateverThePatternSays(String text) {
        assertThat(ANYTHING.parse(text)).as("parse(%s)", text.replace("\r", "\\r").replace("\n", "\\n")).isEmpty();
    }

    @Test
    void anAddressLongerThanTheLimitIsRefusedWhateverThePatternSays() {
        String at256 = "any:" + "a".repeat(Address.MAX_LENGTH - 4);

        assertThat(ANYTHING.parse(at256)).isPresent();
        assertThat(ANYTHING.parse(at256 + "a")).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"sip", "sips", "tel", "xmpp"})
    void aBuiltInSchemeCannotBeRedefined(String scheme) {
        assertThatThrownBy(() -> new AddressForm(scheme, Pattern.compile(".*")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + scheme + ":'").hasMessageContaining("built into the gateway");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "Echo", "1echo", "ec ho", "echo:", "e_cho", "é"})
    void aSchemeMustBeAUriSchemeInLowerCase(String scheme) {
        assertThatThrownBy(() -> new AddressForm(scheme, Pattern.compile(".*"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBuiltInParsingIsNotWidenedByAnyForm() {
        assertThat(Address.parse("echo:anything")).isEmpty();
        assertThat(Address.parse("any:thing")).isEmpty();
    }
}
