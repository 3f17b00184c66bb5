package org.webrtcgateway.xmpp.jingle.common;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;

/**
 * {@code <parameter name='..' value='..'/>}, which XEP-0167 (payload-type), XEP-0293 (rtcp-fb), XEP-0294 (rtp-hdrext)
 * and XEP-0339 (source) each define in their own namespace with the same shape. The XEPs differ in whether
 * {@code value} is required and in what else they keep, so each keeps its own public type (with its own
 * {@code getValue()}) over this one implementation; a null value here means the attribute was left out.
 *
 * <p>Equal when of the same type with the same name, value and kept extras.
 */
public abstract class NameValueParameter implements ExtensionElement {

    public static final String ELEMENT = "parameter";
    public static final String NAME_ATTRIBUTE = "name";
    public static final String VALUE_ATTRIBUTE = "value";
    public static final Set<String> DEFINED_ATTRIBUTES = Set.of(NAME_ATTRIBUTE, VALUE_ATTRIBUTE);

    private final String name;
    private final String value;
    private final KeptExtras extras;

    /** @param value null to leave the attribute out; an empty value is kept as written */
    protected NameValueParameter(String name, String value, KeptExtras extras) {
        this.name = requireNonNull(name, "parameter name");
        this.value = value;
        this.extras = requireNonNull(extras, "extras");
    }

    public final String getName() {
        return name;
    }

    /** The value, null when the attribute was left out. */
    protected final String valueOrNull() {
        return value;
    }

    /** Attributes the XEP does not define on a parameter. */
    public final OtherAttributes getOtherAttributes() {
        return extras.getAttributes();
    }

    /** Children, though the XEPs define none: kept rather than dropped. */
    public final List<ExtensionElement> getOtherChildElements() {
        return extras.getChildren();
    }

    @Override
    public final String getElementName() {
        return ELEMENT;
    }

    @Override
    public final XmlStringBuilder toXML(XmlEnvironment enclosingXmlEnvironment) {
        XmlStringBuilder xml = new XmlStringBuilder(this, enclosingXmlEnvironment);
        xml.attribute(NAME_ATTRIBUTE, name);
        xml.optAttribute(VALUE_ATTRIBUTE, value);
        return extras.writeRest(xml, this, List.of());
    }

    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && ((NameValueParameter) other).name.equals(name)
                && Objects.equals(((NameValueParameter) other).value, value)
                && ((NameValueParameter) other).extras.equals(extras);
    }

    @Override
    public final int hashCode() {
        return Objects.hash(getClass(), name, value, extras);
    }

    /** {@code name=value}, or {@code name} alone when there is no value. */
    @Override
    public String toString() {
        return value == null ? name : name + '=' + value;
    }
}
