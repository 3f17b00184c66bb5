package org.webrtcgateway.xmpp.jingle.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The tests' XML comparison must ignore only how XML is written, never what it says. */
class CanonicalXmlTest {

    @Test
    void ignoresAttributeOrderPrefixesAndIndentation() {
        assertThat(CanonicalXml.of("<a xmlns='urn:x' p='1' q='2'>\n  <b/>\n</a>"))
                        .isEqualTo(CanonicalXml.of("<x:a xmlns:x='urn:x' q='2' p='1'><x:b/></x:a>"));
    }

    @Test
    void seesValuesNamespacesOrderAndText() {
        String original = CanonicalXml.of("<a xmlns='urn:x' p='1'><b/><c>t</c></a>");

        assertThat(CanonicalXml.of("<a xmlns='urn:x' p='2'><b/><c>t</c></a>")).isNotEqualTo(original);
        assertThat(CanonicalXml.of("<a xmlns='urn:y' p='1'><b/><c>t</c></a>")).isNotEqualTo(original);
        assertThat(CanonicalXml.of("<a xmlns='urn:x' p='1'><c>t</c><b/></a>")).isNotEqualTo(original);
        assertThat(CanonicalXml.of("<a xmlns='urn:x' p='1'><b/><c>u</c></a>")).isNotEqualTo(original);
        assertThat(CanonicalXml.of("<a xmlns='urn:x' p='1'><b/><c>t</c><d/></a>")).isNotEqualTo(original);
    }
}
