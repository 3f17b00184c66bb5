package org.webrtcgateway.xmpp.jingle.rtcpfb.element;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import javax.xml.namespace.QName;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;

import org.webrtcgateway.xmpp.jingle.common.KeptExtras;
import org.webrtcgateway.xmpp.jingle.common.OtherAttributes;

/**
 * XEP-0293's {@code <rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='nack' subtype='pli'/>}: one RTCP
 * feedback message the sender can receive, SDP's {@code a=rtcp-fb} (RFC 4585). Inside a payload-type it is for that
 * codec; directly inside the description it is for every codec (SDP's {@code a=rtcp-fb:*}).
 * <p>
 * Its children (XEP-0293's {@link RtcpFbParameter}s, anything else kept generic) stay in document order.
 */
public final class RtcpFb implements ExtensionElement {

    public static final String ELEMENT = "rtcp-fb";
    public static final String NAMESPACE = "urn:xmpp:jingle:apps:rtp:rtcp-fb:0";
    public static final QName QNAME = new QName(NAMESPACE, ELEMENT);

    public static final String TYPE_ATTRIBUTE_NAME = "type";
    public static final String SUBTYPE_ATTRIBUTE_NAME = "subtype";
    public static final Set<String> DEFINED_ATTRIBUTE_NAMES = Set.of(TYPE_ATTRIBUTE_NAME, SUBTYPE_ATTRIBUTE_NAME);

    /** Generic NACK (RFC 4585); with subtype {@value #SUBTYPE_PLI}, picture loss indication. */
    public static final String TYPE_NACK = "nack";
    /** Codec control messages (RFC 5104); with subtype {@value #SUBTYPE_FIR}, full intra request. */
    public static final String TYPE_CCM = "ccm";
    /** Receiver-estimated maximum bitrate, as browsers name it. */
    public static final String TYPE_GOOG_REMB = "goog-remb";
    /** Transport-wide congestion control feedback, as browsers name it. */
    public static final String TYPE_TRANSPORT_CC = "transport-cc";
    public static final String SUBTYPE_PLI = "pli";
    public static final String SUBTYPE_FIR = "fir";

    private final String type;
    private final String subtype;
    private final OtherAttributes otherAttributes;
    private final List<ExtensionElement> childElements;

    private RtcpFb(Builder builder) {
        type = builder.type;
        subtype = builder.subtype;
        otherAttributes = builder.otherAttributes;
        childElements = List.copyOf(builder.childElements);
    }

    /** An rtcp-fb without parameters. @param subtype null for none */
    public static RtcpFb of(String type, String subtype) {
        return builder(type).subtype(subtype).build();
    }

    public static Builder builder(String type) {
        return new Builder(type);
    }

    public String getType() {
        return type;
    }

    /** Null when absent. */
    public String getSubtype() {
        return subtype;
    }

    public List<RtcpFbParameter> getParameters() {
        return childElements.stream().filter(RtcpFbParameter.class::isInstance).map(RtcpFbParameter.class::cast)
                        .collect(Collectors.toUnmodifiableList());
    }

    /** All children in document order. */
    public List<ExtensionElement> getChildElements() {
        return childElements;
    }

    /** The children that are not XEP-0293 parameters. */
    public List<ExtensionElement> getOtherChildElements() {
        return childElements.stream().filter(child -> !(child instanceof RtcpFbParameter))
                        .collect(Collectors.toUnmodifiableList());
    }

    public OtherAttributes getOtherAttributes() {
        return otherAttributes;
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
        xml.optAttribute(SUBTYPE_ATTRIBUTE_NAME, subtype);
        return KeptExtras.of(otherAttributes, childElements).writeRest(xml, this, List.of());
    }

    @Override
    public String toString() {
        return "rtcp-fb " + type + (subtype == null ? "" : " " + subtype);
    }

    public static final class Builder {
        private final String type;
        private String subtype;
        private OtherAttributes otherAttributes = OtherAttributes.NONE;
        private final List<ExtensionElement> childElements = new ArrayList<>();

        private Builder(String type) {
            this.type = Objects.requireNonNull(type, "type");
        }

        public Builder subtype(String subtype) {
            this.subtype = subtype;
            return this;
        }

        /** @param value null for a parameter without one */
        public Builder addParameter(String name, String value) {
            return addChildElement(new RtcpFbParameter(name, value));
        }

        /** Appends a child: an {@link RtcpFbParameter} or any other element, written in the order added. */
        public Builder addChildElement(ExtensionElement child) {
            childElements.add(Objects.requireNonNull(child, "child"));
            return this;
        }

        public Builder otherAttributes(OtherAttributes otherAttributes) {
            this.otherAttributes = Objects.requireNonNull(otherAttributes, "otherAttributes");
            return this;
        }

        public RtcpFb build() {
            return new RtcpFb(this);
        }
    }
}
