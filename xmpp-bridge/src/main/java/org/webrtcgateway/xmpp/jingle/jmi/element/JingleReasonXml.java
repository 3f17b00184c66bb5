package org.webrtcgateway.xmpp.jingle.jmi.element;

import org.jivesoftware.smack.packet.Element;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.jivesoftware.smackx.jingle.element.JingleReason;

/**
 * Writes a XEP-0166 {@code <reason/>} in place of Smack 4.4.8's {@link JingleReason#toXML}, whose alternative-session
 * variant appends its sid unescaped (a sid from the network could inject XML) and drops its text and detail element.
 */
final class JingleReasonXml {

    static final String ALTERNATIVE_SESSION = "alternative-session";

    private JingleReasonXml() {
    }

    /** The reason as an element to write: condition, then text, then the detail element, as XEP-0166's schema has. */
    static Element of(JingleReason reason) {
        return enclosing -> {
            XmlStringBuilder xml = new XmlStringBuilder(reason, enclosing);
            xml.rightAngleBracket();
            if (reason instanceof JingleReason.AlternativeSession) {
                xml.openElement(ALTERNATIVE_SESSION)
                        .element(JingleReason.AlternativeSession.SID,
                                ((JingleReason.AlternativeSession) reason).getAlternativeSessionId())
                        .closeElement(ALTERNATIVE_SESSION);
            } else {
                xml.emptyElement(reason.asEnum());
            }
            xml.optElement(JingleReason.TEXT_ELEMENT, reason.getText());
            xml.optAppend(reason.getElement());
            return xml.closeElement(reason);
        };
    }
}
