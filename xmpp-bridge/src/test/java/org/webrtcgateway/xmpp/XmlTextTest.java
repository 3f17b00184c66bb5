package org.webrtcgateway.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.webrtcgateway.core.api.RawJson;

class XmlTextTest {

    @Test
    void whatXmlCarriesPassesAndTheRestIsNamed() {
        assertThat(XmlText.refusal("'data'", "tab\tnewline\ncr\r café 😀 \ud7ff \ue000 \ufffd")).isEmpty();
        assertThat(XmlText.refusal("'data'", "bell\u0007")).hasValue("'data' has a character XMPP cannot carry (U+0007 at 4)");
        assertThat(XmlText.refusal("'data'", "\ufffe")).isPresent();
        assertThat(XmlText.refusal("'data'", "\uffff")).isPresent();
        assertThat(XmlText.refusal("'data'", "lone \ud800 high")).isPresent();
        assertThat(XmlText.refusal("'data'", "lone \udc00 low")).isPresent();
    }

    @Test
    void chatDataIsCheckedAsTheBodyItBecomes() {
        assertThat(XmppChat.refusal(new RawJson("\"bell\\u0007\""))).isPresent();
        assertThat(XmppChat.refusal(new RawJson("\"\\ufffe\""))).isPresent();
        assertThat(XmppChat.refusal(new RawJson("{\"escaped\":\"\\u0007\"}"))).as("JSON text carries the escape, not the character").isEmpty();
    }
}
