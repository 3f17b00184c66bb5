package org.webrtcgateway.xmpp.jingle.ssma.element;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import javax.xml.namespace.QName;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.webrtcgateway.xmpp.jingle.common.KeptExtras;
import org.webrtcgateway.xmpp.jingle.common.OtherAttributes;

/**
 * {@code <ssrc-group semantics><source ssrc/>...</ssrc-group>}: sources that belong together, SDP's
 * {@code a=ssrc-group:<semantics> <ssrc>...}; e.g. {@code FID} pairs a video source with its retransmission (RTX)
 * source, {@code SIM} lists the layers of a simulcast.
 *
 * <p>Beyond XEP-0339's schema, the attributes and child elements it does not define are kept (see
 * {@link #getOtherAttributes()}, {@link #getOtherChildren()}), as for {@link MediaSource}.
 */
public final class SsrcGroup implements ExtensionElement {

    public static final String ELEMENT = "ssrc-group";
    public static final String NAMESPACE = MediaSource.NAMESPACE;
    public static final QName QNAME = new QName(NAMESPACE, ELEMENT);

    public static final String SEMANTICS_ATTRIBUTE = "semantics";

    /** RFC 5576 flow identification: the same media, e.g. a stream and its RFC 4588 retransmission stream. */
    public static final String FLOW_IDENTIFICATION = "FID";
    /** Simulcast layers, as WebRTC endpoints write them (not in XEP-0339's schema, which predates it). */
    public static final String SIMULCAST = "SIM";
    /** RFC 5576 forward error correction: a stream and its FEC stream. */
    public static final String FORWARD_ERROR_CORRECTION = "FEC";
    /** RFC 5956 forward error correction framework, the FlexFEC pairing WebRTC writes. */
    public static final String FEC_FRAMEWORK = "FEC-FR";

    private final String semantics;
    private final List<MediaSource> sources;
    private final KeptExtras extras;

    public SsrcGroup(String semantics, List<MediaSource> sources) {
        this(semantics, sources, Map.of(), List.of());
    }

    /**
     * @param semantics any token: XEP-0339's schema lists LS, FID, SRF, ANAT, FEC and DDP, but endpoints use more
     *     ({@link #SIMULCAST}, {@link #FEC_FRAMEWORK}), so none is refused
     * @param otherAttributes unprefixed attributes the XEP does not define, in the order to write them
     * @param otherChildren child elements other than {@code <source/>}, written after the sources
     * @throws IllegalArgumentException if {@code semantics} is empty, or an other attribute is {@code semantics}
     *     itself or prefixed
     */
    public SsrcGroup(String semantics, List<MediaSource> sources, Map<String, String> otherAttributes,
                     List<? extends ExtensionElement> otherChildren) {
        requireNonNull(semantics, "semantics");
        if (semantics.isEmpty()) {
            throw new IllegalArgumentException("ssrc-group semantics must not be empty");
        }
        this.semantics = semantics;
        this.sources = List.copyOf(sources);
        this.extras = KeptExtras.of(OtherAttributes.unprefixed("ssrc-group", otherAttributes, Set.of(SEMANTICS_ATTRIBUTE)),
                otherChildren);
    }

    /** A group of sources named by their ssrcs alone, as groups usually are. */
    public static SsrcGroup ofSsrcs(String semantics, long... ssrcs) {
        return new SsrcGroup(semantics, Arrays.stream(ssrcs).mapToObj(MediaSource::new).toList());
    }

    public String getSemantics() {
        return semantics;
    }

    /** The members, in order; the order matters (for {@code FID}, the primary source comes first). */
    public List<MediaSource> getSources() {
        return sources;
    }

    /** The members' ssrcs, in order. */
    public List<Long> getSsrcs() {
        return sources.stream().map(MediaSource::getSsrc).toList();
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
        return extras.writeRest(xml, this, sources);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof SsrcGroup)) {
            return false;
        }
        SsrcGroup that = (SsrcGroup) other;
        return semantics.equals(that.semantics) && sources.equals(that.sources) && extras.equals(that.extras);
    }

    @Override
    public int hashCode() {
        return Objects.hash(semantics, sources, extras);
    }

    @Override
    public String toString() {
        return toXML().toString();
    }
}
