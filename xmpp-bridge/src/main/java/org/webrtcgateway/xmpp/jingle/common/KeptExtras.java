package org.webrtcgateway.xmpp.jingle.common;

import static java.util.Objects.requireNonNull;

import java.util.List;

import org.jivesoftware.smack.packet.Element;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.NamedElement;
import org.jivesoftware.smack.util.XmlStringBuilder;

/**
 * What an element keeps beyond what its XEP defines: the other attributes and the other children, in arrival order.
 * The bridge echoes and forwards Jingle descriptions, and dropping what a peer (or a later XEP version, or a vendor)
 * added would silently change them; this is the one place that keeps them, writes them back and compares them.
 *
 * <p>Compared as the XML the children write, since Smack's generic elements (StandardExtensionElement) have identity
 * equality; the hash code leaves the children out for the same reason.
 */
public final class KeptExtras {

    public static final KeptExtras NONE = new KeptExtras(OtherAttributes.NONE, List.of());

    private final OtherAttributes attributes;
    private final List<ExtensionElement> children;

    private KeptExtras(OtherAttributes attributes, List<ExtensionElement> children) {
        this.attributes = attributes;
        this.children = children;
    }

    public static KeptExtras of(OtherAttributes attributes, List<? extends ExtensionElement> children) {
        if (requireNonNull(attributes, "otherAttributes").isEmpty() && children.isEmpty()) {
            return NONE;
        }
        return new KeptExtras(attributes, List.copyOf(children));
    }

    public OtherAttributes getAttributes() {
        return attributes;
    }

    /** Unmodifiable, in arrival order. */
    public List<ExtensionElement> getChildren() {
        return children;
    }

    /**
     * Finishes writing {@code element} once its own attributes are in {@code xml}: the kept attributes, then, unless
     * all is empty, its own content ({@code text}, escaped, then {@code ownChildren}) before the kept children.
     *
     * @param text null or empty for none
     */
    public XmlStringBuilder writeRest(XmlStringBuilder xml, NamedElement element, String text,
                                      List<? extends Element> ownChildren) {
        attributes.appendTo(xml);
        boolean noText = text == null || text.isEmpty();
        if (noText && ownChildren.isEmpty() && children.isEmpty()) {
            return xml.closeEmptyElement();
        }
        xml.rightAngleBracket();
        if (!noText) {
            xml.escape(text);
        }
        xml.append(ownChildren);
        xml.append(children);
        return xml.closeElement(element);
    }

    /** {@link #writeRest(XmlStringBuilder, NamedElement, String, List)} for an element without text. */
    public XmlStringBuilder writeRest(XmlStringBuilder xml, NamedElement element, List<? extends Element> ownChildren) {
        return writeRest(xml, element, null, ownChildren);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeptExtras && ((KeptExtras) other).attributes.equals(attributes)
                && xmlOf(((KeptExtras) other).children).equals(xmlOf(children));
    }

    @Override
    public int hashCode() {
        return attributes.hashCode();
    }

    private static List<String> xmlOf(List<ExtensionElement> elements) {
        return elements.stream().map(element -> element.toXML().toString()).toList();
    }

    @Override
    public String toString() {
        return attributes + " " + xmlOf(children);
    }
}
