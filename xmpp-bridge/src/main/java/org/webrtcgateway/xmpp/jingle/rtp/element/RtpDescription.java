package org.webrtcgateway.xmpp.jingle.rtp.element;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import javax.xml.namespace.QName;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;

import org.jivesoftware.smackx.jingle.element.JingleContentDescription;

import org.webrtcgateway.xmpp.jingle.common.KeptExtras;
import org.webrtcgateway.xmpp.jingle.common.OtherAttributes;

/**
 * XEP-0167's {@code <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'/>}: the RTP session a Jingle
 * content negotiates, an SDP media section's codecs and RTP options.
 * <p>
 * Its children stay in one list, in the order they came in, whatever their namespace: XEP-0167's own
 * ({@link PayloadType}, {@link Bandwidth}, {@link RtcpMux}; its {@code <encryption/>} is kept generic), and the
 * elements other XEPs add to the description (XEP-0293 rtcp-fb, XEP-0294 rtp-hdrext, XEP-0339 source and
 * ssrc-group...), parsed by the provider ProviderManager has for them or else kept as Smack's
 * StandardExtensionElement. The typed getters are views of that list. So a description the bridge forwards or
 * answers from loses nothing it does not understand, and the sibling packages' elements need no hook here.
 * <p>
 * Extends Smack's {@link JingleContentDescription} so that Smack's JingleProvider hands it over as the content's
 * description once its provider is registered (see {@code JingleRtp.registerProviders()}).
 */
public final class RtpDescription extends JingleContentDescription {

    public static final String NAMESPACE = "urn:xmpp:jingle:apps:rtp:1";
    public static final QName QNAME = new QName(NAMESPACE, ELEMENT);

    public static final String MEDIA_ATTRIBUTE_NAME = "media";
    public static final String SSRC_ATTRIBUTE_NAME = "ssrc";
    public static final Set<String> DEFINED_ATTRIBUTE_NAMES = Set.of(MEDIA_ATTRIBUTE_NAME, SSRC_ATTRIBUTE_NAME);

    public static final String MEDIA_AUDIO = "audio";
    public static final String MEDIA_VIDEO = "video";

    private final String media;
    private final String ssrc;
    private final OtherAttributes otherAttributes;
    private final List<ExtensionElement> childElements;

    private RtpDescription(String media, String ssrc, OtherAttributes otherAttributes,
                    List<ExtensionElement> childElements) {
        super(childElements);
        this.media = media;
        this.ssrc = ssrc;
        this.otherAttributes = otherAttributes;
        this.childElements = childElements;
    }

    /** @param media the media type, SDP's m= line media ("audio", "video"; the schema allows any string) */
    public static Builder builder(String media) {
        return new Builder(media);
    }

    public String getMedia() {
        return media;
    }

    /** The 'ssrc' attribute, null when absent. XEP-0339's source elements have superseded it. */
    public String getSsrc() {
        return ssrc;
    }

    public List<PayloadType> getPayloadTypes() {
        return getChildElements(PayloadType.class);
    }

    /** The payload type with this id, null if there is none. */
    public PayloadType getPayloadType(int id) {
        for (PayloadType payloadType : getPayloadTypes()) {
            if (payloadType.getId() == id) {
                return payloadType;
            }
        }
        return null;
    }

    /** The bandwidth limit, null when there is none. */
    public Bandwidth getBandwidth() {
        List<Bandwidth> bandwidths = getChildElements(Bandwidth.class);
        return bandwidths.isEmpty() ? null : bandwidths.get(0);
    }

    /** Whether RTP and RTCP share one port: the description has {@code <rtcp-mux/>}. */
    public boolean isRtcpMux() {
        return childElements.stream().anyMatch(RtcpMux.class::isInstance);
    }

    /** All children in document order, XEP-0167's and other XEPs'. */
    public List<ExtensionElement> getChildElements() {
        return childElements;
    }

    /** The children of one type, in document order: e.g. XEP-0293's RtcpFb, XEP-0294's header extensions. */
    public <E extends ExtensionElement> List<E> getChildElements(Class<E> type) {
        return childElements.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toUnmodifiableList());
    }

    /**
     * The children this package does not model: other XEPs' elements (typed if ProviderManager had a provider for
     * them) and XEP-0167's {@code <encryption/>} as a StandardExtensionElement.
     */
    public List<ExtensionElement> getOtherChildElements() {
        return childElements.stream().filter(child -> !isModelledHere(child)).collect(Collectors.toUnmodifiableList());
    }

    private static boolean isModelledHere(ExtensionElement child) {
        return child instanceof PayloadType || child instanceof Bandwidth || child instanceof RtcpMux;
    }

    public OtherAttributes getOtherAttributes() {
        return otherAttributes;
    }

    @Override
    public String getNamespace() {
        return NAMESPACE;
    }

    @Override
    public XmlStringBuilder toXML(XmlEnvironment enclosingXmlEnvironment) {
        // Not the superclass's toXML: it always writes xmlns and gives its children no XML environment, so each
        // payload-type would repeat xmlns='urn:xmpp:jingle:apps:rtp:1'.
        XmlStringBuilder xml = new XmlStringBuilder(this, enclosingXmlEnvironment);
        xml.attribute(MEDIA_ATTRIBUTE_NAME, media);
        xml.optAttribute(SSRC_ATTRIBUTE_NAME, ssrc);
        return KeptExtras.of(otherAttributes, childElements).writeRest(xml, this, List.of());
    }

    @Override
    public String toString() {
        return "RtpDescription[" + media + ' ' + childElements.stream().map(Object::toString).collect(Collectors.joining(", ")) + ']';
    }

    public static final class Builder {
        private final String media;
        private String ssrc;
        private OtherAttributes otherAttributes = OtherAttributes.NONE;
        private final List<ExtensionElement> childElements = new ArrayList<>();

        private Builder(String media) {
            this.media = Objects.requireNonNull(media, "media");
        }

        public Builder ssrc(String ssrc) {
            this.ssrc = ssrc;
            return this;
        }

        public Builder addPayloadType(PayloadType payloadType) {
            return addChildElement(payloadType);
        }

        public Builder bandwidth(Bandwidth bandwidth) {
            return addChildElement(bandwidth);
        }

        public Builder rtcpMux() {
            return addChildElement(RtcpMux.INSTANCE);
        }

        /**
         * Appends a child, of XEP-0167 or of another XEP. Children are written in the order they were added; the
         * schema's is payload-types, encryption, bandwidth, rtcp-mux, then other namespaces' elements.
         */
        public Builder addChildElement(ExtensionElement child) {
            childElements.add(Objects.requireNonNull(child, "child"));
            return this;
        }

        public Builder otherAttributes(OtherAttributes otherAttributes) {
            this.otherAttributes = Objects.requireNonNull(otherAttributes, "otherAttributes");
            return this;
        }

        /** @throws IllegalStateException if there is more than one bandwidth or rtcp-mux: the schema allows one each */
        public RtpDescription build() {
            requireAtMostOne(Bandwidth.class, Bandwidth.ELEMENT);
            requireAtMostOne(RtcpMux.class, RtcpMux.ELEMENT);
            return new RtpDescription(media, ssrc, otherAttributes, List.copyOf(childElements));
        }

        private void requireAtMostOne(Class<? extends ExtensionElement> type, String elementName) {
            if (childElements.stream().filter(type::isInstance).count() > 1) {
                throw new IllegalStateException("A description has at most one <" + elementName + "/>");
            }
        }
    }
}
