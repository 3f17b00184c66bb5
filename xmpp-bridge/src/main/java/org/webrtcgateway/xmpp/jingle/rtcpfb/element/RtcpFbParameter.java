package org.webrtcgateway.xmpp.jingle.rtcpfb.element;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;

import org.webrtcgateway.xmpp.jingle.rtp.element.OtherAttributes;

/**
 * XEP-0293's {@code <parameter name='..' value='..'/>} inside an {@link RtcpFb}: a further token of the SDP
 * {@code a=rtcp-fb} line. It is XEP-0293's own element (its namespace, not XEP-0167's), and unlike XEP-0167's
 * parameter its value is optional, since rtcp-fb parameters are often bare tokens.
 */
public final class RtcpFbParameter implements ExtensionElement {

    public static final String ELEMENT = "parameter";
    public static final String NAMESPACE = RtcpFb.NAMESPACE;

    public static final String NAME_ATTRIBUTE_NAME = "name";
    public static final String VALUE_ATTRIBUTE_NAME = "value";
    public static final Set<String> DEFINED_ATTRIBUTE_NAMES = Set.of(NAME_ATTRIBUTE_NAME, VALUE_ATTRIBUTE_NAME);

    private final String name;
    private final String value;
    private final OtherAttributes otherAttributes;
    private final List<ExtensionElement> otherChildElements;

    public RtcpFbParameter(String name, String value) {
        this(name, value, OtherAttributes.NONE, List.of());
    }

    /** @param value null when absent */
    public RtcpFbParameter(String name, String value, OtherAttributes otherAttributes,
                    List<? extends ExtensionElement> otherChildElements) {
        this.name = Objects.requireNonNull(name, "parameter name");
        this.value = value;
        this.otherAttributes = Objects.requireNonNull(otherAttributes, "otherAttributes");
        this.otherChildElements = List.copyOf(otherChildElements);
    }

    public String getName() {
        return name;
    }

    /** Null when absent. */
    public String getValue() {
        return value;
    }

    public OtherAttributes getOtherAttributes() {
        return otherAttributes;
    }

    public List<ExtensionElement> getOtherChildElements() {
        return otherChildElements;
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
        xml.attribute(NAME_ATTRIBUTE_NAME, name);
        xml.optAttribute(VALUE_ATTRIBUTE_NAME, value);
        otherAttributes.appendTo(xml);
        if (otherChildElements.isEmpty()) {
            return xml.closeEmptyElement();
        }
        xml.rightAngleBracket();
        xml.append(otherChildElements);
        return xml.closeElement(this);
    }

    @Override
    public String toString() {
        return value == null ? name : name + '=' + value;
    }
}
