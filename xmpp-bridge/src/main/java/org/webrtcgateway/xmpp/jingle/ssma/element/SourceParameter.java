package org.webrtcgateway.xmpp.jingle.ssma.element;

import static java.util.Objects.requireNonNull;

import java.util.Objects;
import java.util.Optional;

import javax.xml.namespace.QName;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;

/**
 * {@code <parameter name value?>} inside a {@code <source/>}: one source attribute, {@code a=ssrc:<ssrc>
 * <name>:<value>} in SDP, or {@code a=ssrc:<ssrc> <name>} for an attribute without value (the XEP then leaves
 * {@code value} out).
 */
public final class SourceParameter implements ExtensionElement {

    public static final String ELEMENT = "parameter";
    public static final String NAMESPACE = MediaSource.NAMESPACE;
    public static final QName QNAME = new QName(NAMESPACE, ELEMENT);

    public static final String NAME_ATTRIBUTE = "name";
    public static final String VALUE_ATTRIBUTE = "value";

    /** RFC 5576's canonical name: the sources of one endpoint share it, which is how RTP pairs their streams. */
    public static final String CNAME = "cname";
    /** RFC 8830's media stream and track ids, {@code <stream id> <track id>}. */
    public static final String MSID = "msid";

    private final String name;
    private final String value;

    /** A parameter without value. */
    public SourceParameter(String name) {
        this(name, null);
    }

    /** @param value {@code null} to leave the attribute out; an empty value is kept as written */
    public SourceParameter(String name, String value) {
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
        return other instanceof SourceParameter
                && ((SourceParameter) other).name.equals(name)
                && Objects.equals(((SourceParameter) other).value, value);
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
