package org.webrtcgateway.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Address}: PROTOCOL.md, Names and addresses. Whatever parses may end up inside a SIP header or an
 * XMPP stanza, so everything that could break out of one must be refused.
 */
class AddressTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"alice", "a", "A.b_c-d@e+f", "0123456789", "guest-k3v9x2mq"})
    void aPlainNameIsALocalAddress(String text) {
        Address address = Address.parse(text).orElseThrow();

        assertThat(address).isEqualTo(new Address.Local(text));
        assertThat(address.toString()).isEqualTo(text);
    }

    @Test
    void aNameOfSixtyFourCharactersIsAcceptedAndSixtyFiveIsNot() {
        assertThat(Address.parse("n".repeat(64))).isPresent();
        assertThat(Address.parse("n".repeat(65))).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "sip:1001@pbx.example.org",
            "sip:pbx.example.org",
            "sip:bob@example.org:5060",
            "sips:bob@example.org:5061",
            "sip:bob@192.168.1.10;transport=tcp",
            "sip:bob@example.org;transport=tls;lr",
            "sip:bob@[2001:db8::1]:5060",
            "sip:+441234567890@gw.example.org;user=phone",
            "sip:a%20b@example.org",
            "tel:+441234567890",
            "tel:+1-201-555-0123",
            "tel:7042;phone-context=example.com",
            "xmpp:bob@example.org",
            "xmpp:bob@example.org/phone",
            "xmpp:example.org",
            "xmpp:bob@example.org/Resource-1.2_x"})
    void addressesOfTheBridgedSchemesAreAccepted(String text) {
        Address address = Address.parse(text).orElseThrow(() -> new AssertionError("refused " + text));

        assertThat(address).isInstanceOf(Address.External.class);
        assertThat(address.toString()).isEqualTo(text);
        assertThat(((Address.External) address).scheme()).isEqualTo(text.substring(0, text.indexOf(':')));
    }

    @Test
    void theSchemeIsCaseInsensitiveAndCanonicallyLowerCase() {
        Address address = Address.of("SIP:bob@example.org");

        assertThat(address).isEqualTo(new Address.External("sip", "sip:bob@example.org"));
        assertThat(address.toString()).isEqualTo("sip:bob@example.org");
        assertThat(Address.of("Xmpp:bob@example.org")).isEqualTo(Address.of("xmpp:bob@example.org"));
    }

    static Stream<String> injectionAttempts() {
        return Stream.of(
                "sip:a@b?X-Injected=1",
                "sip:a@b;transport=udp?Subject=x",
                "sip:a b@c",
                "sip:a@b c",
                "sip:a@b\r\nVia: SIP/2.0/UDP evil",
                "sip:a@b\n",
                "sip:a@b\r",
                "sip:a\t@b",
                "sip:a\u0000@b",
                "sip:a@b;x=y\r\nContact: <sip:evil>",
                "sip:<a@b>",
                "<sip:a@b>",
                "sip:a@b>",
                "sip:a<@b",
                "sip:\"a\"@b",
                "sip:a@b;x=\"y\"",
                "\"Evil\" <sip:a@b>",
                "sip:a@-bad.example",
                "tel:+44 1234",
                "tel:+44\r\n1234",
                "tel:+44<1>",
                "xmpp:a@b\r\n",
                "xmpp:a@b/res\r\n<iq type='set'/>",
                "xmpp:a@b/<iq/>",
                "xmpp:a@b/\"q\"",
                "xmpp:a<b@c",
                "xmpp:a\"b@c",
                "xmpp:a'b@c",
                "xmpp:a&b@c",
                "xmpp:a@b?message;body=hi",
                "xmpp://a@b",
                "xmpp:a@b#frag",
                "xmpp:a b@c");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"sip:1002@pbx:99999", "sip:1002@pbx:65536", "sip:1002@pbx:0", "sip:1002@pbx:00080",
            "sips:1002@pbx:70000;transport=tls"})
    void aPortOutsideOneTo65535IsRefused(String text) {
        assertThat(Address.parse(text)).isEmpty();
        assertThat(Address.parse("sip:1002@pbx:65535")).isPresent();
        assertThat(Address.parse("sip:1002@pbx:1")).isPresent();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("injectionAttempts")
    void anythingThatCouldBreakOutOfAHeaderOrStanzaIsRefused(String text) {
        assertThat(Address.parse(text)).as("parse(%s)", text.replace("\r", "\\r").replace("\n", "\\n")).isEmpty();
    }

    /**
     * Found by AddressFuzzTest: a JID's node and resource were checked against ASCII's white space and controls only,
     * so a C1 control (U+0085 ends a line in some log viewers), a line separator or a bidi override got through.
     */
    @ParameterizedTest(name = "[{index}] U+{1}")
    @CsvSource({
        "'xmpp:bob@example.org/ph\u009Aone', 009A",
        "'xmpp:a\u0085b@example.org', 0085",
        "'xmpp:a\u2028b@example.org', 2028",
        "'xmpp:a\u2029b@example.org', 2029",
        "'xmpp:a\u00A0b@example.org', 00A0",
        "'xmpp:bob@example.org/\u202Eenohp', 202E",
        "'xmpp:a\u200Bb@example.org', 200B",
        "'xmpp:a\uD800b@example.org', D800",
        "'xmpp:bob@example.org/\uE000', E000"})
    void anXmppAddressWithAUnicodeControlSeparatorOrFormatCharacterIsRefused(String text, String codePoint) {
        String withEscapes = text.translateEscapes();

        assertThat(withEscapes).contains(Character.toString(Integer.parseInt(codePoint, 16)));
        assertThat(Address.parse(withEscapes)).isEmpty();
    }

    @Test
    void anXmppAddressInAnotherScriptIsStillAccepted() {
        assertThat(Address.parse("xmpp:jürgen@example.org/handy")).isPresent();
        assertThat(Address.parse("xmpp:\u0436\u0435\u043d\u044f@example.org".translateEscapes())).isPresent();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", ":", "sip:", "sip:@example.org", "tel:", "tel:xyz", "xmpp:", "xmpp:@example.org",
            "http://example.org", "mailto:a@b", "urn:x:y", "has space", "élodie", "a/b", "bob:"})
    void otherFormsAreRefused(String text) {
        assertThat(Address.parse(text)).isEmpty();
    }

    @Test
    void nullIsRefusedWithoutAnException() {
        assertThat(Address.parse(null)).isEmpty();
    }

    @Test
    void anAddressOf256CharactersIsAcceptedAnd257IsNot() {
        String at256 = "xmpp:" + "n".repeat(239) + "@example.org";
        String at257 = "xmpp:" + "n".repeat(240) + "@example.org";

        assertThat(at256).hasSize(256);
        assertThat(Address.parse(at256)).isPresent();
        assertThat(Address.parse(at257)).isEmpty();
    }

    @Test
    void veryLongInputIsRefusedQuickly() {
        assertThat(Address.parse("sip:" + "a".repeat(1_000_000) + "@example.org")).isEmpty();
        assertThat(Address.parse("x".repeat(1_000_000))).isEmpty();
    }

    @Test
    void ofThrowsForWhatParseRefuses() {
        assertThatThrownBy(() -> Address.of("sip:a@b?X=1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sip:a@b?X=1");
    }

    @Test
    void aLocalAddressRefusesAnInvalidName() {
        assertThatThrownBy(() -> new Address.Local("not valid")).isInstanceOf(IllegalArgumentException.class);
    }
}
