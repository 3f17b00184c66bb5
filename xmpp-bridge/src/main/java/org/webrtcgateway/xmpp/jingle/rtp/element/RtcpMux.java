package org.webrtcgateway.xmpp.jingle.rtp.element;

import java.util.List;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;

import org.webrtcgateway.xmpp.jingle.common.KeptExtras;
import org.webrtcgateway.xmpp.jingle.common.OtherAttributes;

/**
 * XEP-0167's empty {@code <rtcp-mux/>}: RTP and RTCP share one port (RFC 5761), SDP's {@code a=rtcp-mux}. Its
 * presence is the whole message, which WebRTC requires.
 */
public final class RtcpMux implements ExtensionElement {

    public static final String ELEMENT = "rtcp-mux";
    public static final String NAMESPACE = RtpDescription.NAMESPACE;

    public static final RtcpMux INSTANCE = new RtcpMux(OtherAttributes.NONE, List.of());

    private final KeptExtras extras;

    /** For an rtcp-mux that came with attributes or children XEP-0167 does not define; else use {@link #INSTANCE}. */
    public RtcpMux(OtherAttributes otherAttributes, List<? extends ExtensionElement> otherChildElements) {
        this.extras = KeptExtras.of(otherAttributes, otherChildElements);
    }

    public OtherAttributes getOtherAttributes() {
        return extras.getAttributes();
    }

    public List<ExtensionElement> getOtherChildElements() {
        return extras.getChildren();
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
    public XmlStringBuilder toXML(XmlEnvironment enclosingXmlEnvironment) {
        XmlStringBuilder xml = new XmlStringBuilder(this, enclosingXmlEnvironment);
        return extras.writeRest(xml, this, List.of());
    }

    @Override
    public String toString() {
        return ELEMENT;
    }
}
