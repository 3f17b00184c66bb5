package org.webrtcgateway.xmpp.jingle;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.webrtcgateway.xmpp.jingle.XmlAssert.assertEquivalentXml;

import org.junit.jupiter.api.Test;

/** The round-trip tests are only as good as this comparison: it must ignore how XML is written, never what it says. */
class XmlAssertTest {

    private static final String TRANSPORT = "<transport xmlns='urn:a' pwd='p' ufrag='u'>"
            + "<candidate id='1'/><fingerprint xmlns='urn:b' hash='sha-256'> AB:CD </fingerprint></transport>";

    @Test
    void ignoresAttributeOrderQuotingIndentationPrefixesAndWhereNamespacesAreDeclared() {
        assertThatCode(() -> assertEquivalentXml(TRANSPORT, """
                <a:transport xmlns:a="urn:a" ufrag="u" pwd="p">
                  <a:candidate id="1"/>
                  <fingerprint xmlns="urn:b" hash="sha-256">AB:CD</fingerprint>
                </a:transport>
                """)).doesNotThrowAnyException();
    }

    @Test
    void seesEveryDifferenceInWhatTheXmlSays() {
        String reordered = "<transport xmlns='urn:a' pwd='p' ufrag='u'>"
                + "<fingerprint xmlns='urn:b' hash='sha-256'>AB:CD</fingerprint><candidate id='1'/></transport>";
        for (String different : new String[] {
                TRANSPORT.replace("ufrag='u'", "ufrag='x'"), // an attribute's value
                TRANSPORT.replace(" pwd='p'", ""), // a missing attribute
                TRANSPORT.replace("urn:b", "urn:c"), // a namespace
                TRANSPORT.replace("AB:CD", "AB:CE"), // text
                reordered, // the order of children
                TRANSPORT.replace("</transport>", "<candidate id='2'/></transport>"), // an extra child
        }) {
            assertThatThrownBy(() -> assertEquivalentXml(TRANSPORT, different)).as(different)
                    .isInstanceOf(AssertionError.class);
        }
    }
}
