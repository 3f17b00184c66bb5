package org.webrtcgateway.xmpp.jingle.rtcpfb.element;

import java.util.List;
import java.util.Set;

import javax.xml.namespace.QName;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;

import org.webrtcgateway.xmpp.jingle.common.KeptExtras;
import org.webrtcgateway.xmpp.jingle.common.OtherAttributes;

/**
 * XEP-0293's {@code <rtcp-fb-trr-int value='100'/>}: the minimal interval, in milliseconds, between two regular
 * RTCP packets (RFC 4585's trr-int, SDP's {@code a=rtcp-fb:<pt> trr-int <value>}), for the payload-type it is in or,
 * inside the description, for all.
 */
public final class RtcpFbTrrInt implements ExtensionElement {

    public static final String ELEMENT = "rtcp-fb-trr-int";
    public static final String NAMESPACE = RtcpFb.NAMESPACE;
    public static final QName QNAME = new QName(NAMESPACE, ELEMENT);

    public static final String VALUE_ATTRIBUTE_NAME = "value";
    public static final Set<String> DEFINED_ATTRIBUTE_NAMES = Set.of(VALUE_ATTRIBUTE_NAME);

    private static final long MAX_UNSIGNED_INT = 0xffff_ffffL;

    private final long value;
    private final KeptExtras extras;

    public RtcpFbTrrInt(long value) {
        this(value, OtherAttributes.NONE, List.of());
    }

    /** @throws IllegalArgumentException if {@code value} is not an xs:unsignedInt */
    public RtcpFbTrrInt(long value, OtherAttributes otherAttributes, List<? extends ExtensionElement> otherChildElements) {
        if (value < 0 || value > MAX_UNSIGNED_INT) {
            throw new IllegalArgumentException("rtcp-fb-trr-int value out of range 0.." + MAX_UNSIGNED_INT + ": " + value);
        }
        this.value = value;
        this.extras = KeptExtras.of(otherAttributes, otherChildElements);
    }

    /** Milliseconds. */
    public long getValue() {
        return value;
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
        xml.attribute(VALUE_ATTRIBUTE_NAME, value);
        return extras.writeRest(xml, this, List.of());
    }

    @Override
    public String toString() {
        return "rtcp-fb-trr-int " + value;
    }
}
