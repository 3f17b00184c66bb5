package org.webrtcgateway.xmpp.jingle.rtp.element;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;

import org.webrtcgateway.xmpp.jingle.common.KeptExtras;
import org.webrtcgateway.xmpp.jingle.common.OtherAttributes;

/**
 * XEP-0167's {@code <bandwidth type='AS'>128</bandwidth>}: a limit on the bandwidth of the session, SDP's
 * {@code b=<type>:<value>} line. The type is SDP's bwtype (AS, CT, TIAS...), the character data its value (for AS,
 * kilobits per second); both are strings in the schema, so kept as such.
 */
public final class Bandwidth implements ExtensionElement {

    public static final String ELEMENT = "bandwidth";
    public static final String NAMESPACE = RtpDescription.NAMESPACE;

    public static final String TYPE_ATTRIBUTE_NAME = "type";
    public static final Set<String> DEFINED_ATTRIBUTE_NAMES = Set.of(TYPE_ATTRIBUTE_NAME);

    /** SDP's "application specific maximum" (RFC 4566): kilobits per second. */
    public static final String TYPE_AS = "AS";
    /** Transport independent application specific maximum (RFC 3890): bits per second. */
    public static final String TYPE_TIAS = "TIAS";

    private final String type;
    private final String value;
    private final KeptExtras extras;

    public Bandwidth(String type, String value) {
        this(type, value, OtherAttributes.NONE, List.of());
    }

    public Bandwidth(String type, String value, OtherAttributes otherAttributes,
                    List<? extends ExtensionElement> otherChildElements) {
        this.type = Objects.requireNonNull(type, "bandwidth type");
        this.value = Objects.requireNonNull(value, "bandwidth value");
        this.extras = KeptExtras.of(otherAttributes, otherChildElements);
    }

    public String getType() {
        return type;
    }

    /** The character data, trimmed of the white space around it. */
    public String getValue() {
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
        xml.attribute(TYPE_ATTRIBUTE_NAME, type);
        return extras.writeRest(xml, this, value, List.of());
    }

    @Override
    public String toString() {
        return type + ':' + value;
    }
}
