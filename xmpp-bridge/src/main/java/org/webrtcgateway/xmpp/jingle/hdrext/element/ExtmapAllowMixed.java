package org.webrtcgateway.xmpp.jingle.hdrext.element;

import javax.xml.namespace.QName;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;

/**
 * {@code <extmap-allow-mixed/>}: the one-byte and two-byte RTP header extension forms may be mixed in a stream, SDP's
 * {@code a=extmap-allow-mixed} (RFC 8285). It has no attributes and no content, so one instance serves.
 */
public final class ExtmapAllowMixed implements ExtensionElement {

    public static final String ELEMENT = "extmap-allow-mixed";
    public static final String NAMESPACE = RtpHeaderExtension.NAMESPACE;
    public static final QName QNAME = new QName(NAMESPACE, ELEMENT);

    public static final ExtmapAllowMixed INSTANCE = new ExtmapAllowMixed();

    private ExtmapAllowMixed() {
    }

    @Override
    public String getElementName() {
        return ELEMENT;
    }

    @Override
    public String getNamespace() {
        return NAMESPACE;
    }

    @Override
    public XmlStringBuilder toXML(XmlEnvironment enclosingNamespace) {
        return new XmlStringBuilder(this, enclosingNamespace).closeEmptyElement();
    }

    @Override
    public String toString() {
        return toXML().toString();
    }
}
