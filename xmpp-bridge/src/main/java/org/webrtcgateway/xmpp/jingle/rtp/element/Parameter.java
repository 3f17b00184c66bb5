package org.webrtcgateway.xmpp.jingle.rtp.element;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;

/**
 * XEP-0167's {@code <parameter name='..' value='..'/>} of a {@link PayloadType}: one format parameter of the codec,
 * what SDP carries in {@code a=fmtp} (e.g. Speex's {@code vbr=on}, H.264's {@code profile-level-id=42e01f}).
 */
public final class Parameter implements ExtensionElement {

    public static final String ELEMENT = "parameter";
    public static final String NAMESPACE = RtpDescription.NAMESPACE;

    public static final String NAME_ATTRIBUTE_NAME = "name";
    public static final String VALUE_ATTRIBUTE_NAME = "value";
    public static final Set<String> DEFINED_ATTRIBUTE_NAMES = Set.of(NAME_ATTRIBUTE_NAME, VALUE_ATTRIBUTE_NAME);

    private final String name;
    private final String value;
    private final OtherAttributes otherAttributes;
    private final List<ExtensionElement> otherChildElements;

    public Parameter(String name, String value) {
        this(name, value, OtherAttributes.NONE, List.of());
    }

    /**
     * @param otherAttributes attributes XEP-0167 does not define on a parameter
     * @param otherChildElements children, though XEP-0167 defines none: kept rather than dropped
     */
    public Parameter(String name, String value, OtherAttributes otherAttributes,
                    List<? extends ExtensionElement> otherChildElements) {
        // Both are required by the schema; an empty name is allowed by it (some send name='' for an fmtp without '=').
        this.name = Objects.requireNonNull(name, "parameter name");
        this.value = Objects.requireNonNull(value, "parameter value");
        this.otherAttributes = Objects.requireNonNull(otherAttributes, "otherAttributes");
        this.otherChildElements = List.copyOf(otherChildElements);
    }

    public String getName() {
        return name;
    }

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
        xml.attribute(VALUE_ATTRIBUTE_NAME, value);
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
        return name + '=' + value;
    }
}
