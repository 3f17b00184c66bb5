package org.webrtcgateway.xmpp.jingle.iceudp;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.webrtcgateway.xmpp.jingle.iceudp.XmlEquivalence.assertEquivalent;

import org.junit.jupiter.api.Test;

/** The round-trip tests are only as good as this comparison: it must see what matters and only that. */
class XmlEquivalenceTest {

    private static final String TRANSPORT = "<transport xmlns='urn:a' pwd='p' ufrag='u'>"
            + "<candidate id='1'/><fingerprint xmlns='urn:b' hash='sha-256'> AB:CD </fingerprint></transport>";

    @Test
    void ignoresAttributeOrderQuotingIndentationAndWhereNamespacesAreDeclared() {
        assertThatCode(() -> assertEquivalent(TRANSPORT, """
                <a:transport xmlns:a="urn:a" ufrag="u" pwd="p">
                  <a:candidate id="1"/>
                  <fingerprint xmlns="urn:b" hash="sha-256">AB:CD</fingerprint>
                </a:transport>
                """)).doesNotThrowAnyException();
    }

    @Test
    void seesADifferentAttributeValue() {
        assertThatThrownBy(() -> assertEquivalent(TRANSPORT, TRANSPORT.replace("ufrag='u'", "ufrag='x'")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("ufrag");
    }

    @Test
    void seesAMissingAttribute() {
        assertThatThrownBy(() -> assertEquivalent(TRANSPORT, TRANSPORT.replace(" pwd='p'", "")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("pwd");
    }

    @Test
    void seesChildrenInAnotherOrder() {
        String reordered = "<transport xmlns='urn:a' pwd='p' ufrag='u'>"
                + "<fingerprint xmlns='urn:b' hash='sha-256'>AB:CD</fingerprint><candidate id='1'/></transport>";
        assertThatThrownBy(() -> assertEquivalent(TRANSPORT, reordered)).isInstanceOf(AssertionError.class);
    }

    @Test
    void seesAnotherNamespaceAndAnotherText() {
        assertThatThrownBy(() -> assertEquivalent(TRANSPORT, TRANSPORT.replace("urn:b", "urn:c")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("urn:c");
        assertThatThrownBy(() -> assertEquivalent(TRANSPORT, TRANSPORT.replace("AB:CD", "AB:CE")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("AB:CE");
    }
}
