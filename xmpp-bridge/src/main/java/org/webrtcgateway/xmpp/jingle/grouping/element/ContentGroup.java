package org.webrtcgateway.xmpp.jingle.grouping.element;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import javax.xml.namespace.QName;

import org.jivesoftware.smack.packet.Element;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.webrtcgateway.xmpp.jingle.common.KeptExtras;
import org.webrtcgateway.xmpp.jingle.common.OtherAttributes;

/**
 * {@code <group semantics><content name/>...</group>}: Jingle contents that belong together, SDP's
 * {@code a=group:<semantics> <mid>...}; each content name is the {@code name} of a Jingle {@code <content/>} and the
 * {@code a=mid} of its m-line.
 *
 * <p>XEP-0338 has no schema, so nothing forbids more: attributes and child elements it does not describe are kept
 * (see {@link #getOtherAttributes()}, {@link #getOtherChildren()}) for the bridge to echo or forward unchanged.
 */
public final class ContentGroup implements ExtensionElement {

    public static final String ELEMENT = "group";
    public static final String NAMESPACE = "urn:xmpp:jingle:apps:grouping:0";
    public static final QName QNAME = new QName(NAMESPACE, ELEMENT);

    public static final String SEMANTICS_ATTRIBUTE = "semantics";
    public static final String CONTENT_ELEMENT = "content";
    public static final QName CONTENT_QNAME = new QName(NAMESPACE, CONTENT_ELEMENT);
    public static final String CONTENT_NAME_ATTRIBUTE = "name";

    /** RFC 9143: the contents share one transport (WebRTC's usual case). */
    public static final String BUNDLE = "BUNDLE";
    /** RFC 5888: lip synchronization, the contents are played out in sync. */
    public static final String LIP_SYNCHRONIZATION = "LS";
    /** RFC 5888: flow identification, the contents are one flow over several transports. */
    public static final String FLOW_IDENTIFICATION = "FID";

    private final String semantics;
    private final List<String> contentNames;
    private final KeptExtras extras;

    public ContentGroup(String semantics, List<String> contentNames) {
        this(semantics, contentNames, Map.of(), List.of());
    }

    /**
     * @param semantics any token; RFC 5888 leaves the set open (see {@link #BUNDLE} and the other constants)
     * @param contentNames in order; may be empty, as {@code a=group:BUNDLE} is when every m-line was rejected
     * @param otherAttributes unprefixed attributes the XEP does not describe, in the order to write them
     * @param otherChildren child elements other than {@code <content/>}, written after the contents
     * @throws IllegalArgumentException if {@code semantics} or a content name is empty, or an other attribute is
     *     {@code semantics} itself or prefixed
     */
    public ContentGroup(String semantics, List<String> contentNames, Map<String, String> otherAttributes,
                        List<? extends ExtensionElement> otherChildren) {
        requireNonNull(semantics, "semantics");
        if (semantics.isEmpty()) {
            throw new IllegalArgumentException("group semantics must not be empty");
        }
        this.semantics = semantics;
        this.contentNames = List.copyOf(contentNames);
        if (this.contentNames.contains("")) {
            throw new IllegalArgumentException("group content names must not be empty: " + this.contentNames);
        }
        this.extras = KeptExtras.of(OtherAttributes.unprefixed("group", otherAttributes, Set.of(SEMANTICS_ATTRIBUTE)),
                otherChildren);
    }

    public String getSemantics() {
        return semantics;
    }

    /** The names of the grouped Jingle contents, in order. */
    public List<String> getContentNames() {
        return contentNames;
    }

    /** Unmodifiable, in arrival order. */
    public Map<String, String> getOtherAttributes() {
        return extras.getAttributes().asMap();
    }

    public List<ExtensionElement> getOtherChildren() {
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
    public XmlStringBuilder toXML(XmlEnvironment enclosingNamespace) {
        XmlStringBuilder xml = new XmlStringBuilder(this, enclosingNamespace);
        xml.attribute(SEMANTICS_ATTRIBUTE, semantics);
        // The <content name/> children, as elements for KeptExtras to write before the kept children.
        List<Element> contents = contentNames.stream().<Element>map(contentName -> enclosing -> new XmlStringBuilder()
                .halfOpenElement(CONTENT_ELEMENT).attribute(CONTENT_NAME_ATTRIBUTE, contentName).closeEmptyElement())
                .toList();
        return extras.writeRest(xml, this, contents);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof ContentGroup)) {
            return false;
        }
        ContentGroup that = (ContentGroup) other;
        return semantics.equals(that.semantics) && contentNames.equals(that.contentNames)
                && extras.equals(that.extras);
    }

    @Override
    public int hashCode() {
        return Objects.hash(semantics, contentNames, extras);
    }

    @Override
    public String toString() {
        return toXML().toString();
    }
}
