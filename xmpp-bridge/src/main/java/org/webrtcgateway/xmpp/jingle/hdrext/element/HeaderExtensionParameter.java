package org.webrtcgateway.xmpp.jingle.hdrext.element;

import static java.util.Objects.requireNonNull;

import java.util.Objects;
import java.util.Optional;

import javax.xml.namespace.QName;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;

/**
 * {@code <parameter name value?>} inside an {@code <rtp-hdrext/>}: an extension's extra attribute, {@code name=value}
 * in SDP, or a bare {@code name} for an attribute of any other form (the XEP then leaves {@code value} out).
 */
public final class HeaderExtensionParameter implements ExtensionElement {

    public static final String ELEMENT = "parameter";
    public static final String NAMESPACE = RtpHeaderExtension.NAMESPACE;
    public static final QName QNAME = new QName(NAMESPACE, ELEMENT);

    public static final String NAME_ATTRIBUTE = "name";
    public static final String VALUE_ATTRIBUTE = "value";

    private final String name;
    private final String value;

    /** A parameter without value. */
    public HeaderExtensionParameter(String name) {
        this(name, null);
    }

    /** @param value {@code null} to leave the attribute out; an empty value is kept as written */
    public HeaderExtensionParameter(String name, String value) {
        this.name = requireNonNull(name, "name");
        this.value = value;
    }

    public String getName() {
        return name;
    }

    /** Empty when the attribute was left out. */
    public Optional<String> getValue() {
        return Optional.ofNullable(value);
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
        return new XmlStringBuilder(this, enclosingNamespace)
                .attribute(NAME_ATTRIBUTE, name)
                .optAttribute(VALUE_ATTRIBUTE, value)
                .closeEmptyElement();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HeaderExtensionParameter
                && ((HeaderExtensionParameter) other).name.equals(name)
                && Objects.equals(((HeaderExtensionParameter) other).value, value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, value);
    }

    @Override
    public String toString() {
        return toXML().toString();
    }
}
