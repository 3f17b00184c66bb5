package org.webrtcgateway.xmpp.jingle.ssma.element;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.xml.namespace.QName;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.webrtcgateway.xmpp.jingle.common.KeptExtras;
import org.webrtcgateway.xmpp.jingle.common.OtherAttributes;

/**
 * {@code <source ssrc><parameter/>...</source>}: one RTP media source (synchronization source) and its attributes,
 * SDP's {@code a=ssrc} lines for that ssrc. Inside an {@link SsrcGroup} the same element names a member, usually
 * without parameters.
 *
 * <p>Beyond XEP-0339's schema, the attributes and child elements it does not define are kept (see
 * {@link #getOtherAttributes()}, {@link #getOtherChildren()}): Jitsi Meet, for one, sends {@code name} and
 * {@code videoType} attributes and an {@code <ssrc-info xmlns='http://jitsi.org/jitmeet'/>} child, and the bridge
 * must not lose them when it echoes or forwards a description.
 */
public final class MediaSource implements ExtensionElement {

    public static final String ELEMENT = "source";
    public static final String NAMESPACE = "urn:xmpp:jingle:apps:rtp:ssma:0";
    public static final QName QNAME = new QName(NAMESPACE, ELEMENT);

    public static final String SSRC_ATTRIBUTE = "ssrc";

    /** An ssrc is RTP's 32-bit unsigned synchronization source identifier (RFC 3550). */
    public static final long MIN_SSRC = 0;
    public static final long MAX_SSRC = 0xFFFF_FFFFL;

    private final long ssrc;
    private final List<SourceParameter> parameters;
    private final KeptExtras extras;

    /** A source as an {@link SsrcGroup} names it: the ssrc alone. */
    public MediaSource(long ssrc) {
        this(ssrc, List.of());
    }

    public MediaSource(long ssrc, List<SourceParameter> parameters) {
        this(ssrc, parameters, Map.of(), List.of());
    }

    /**
     * @param otherAttributes unprefixed attributes the XEP does not define, in the order to write them
     * @param otherChildren child elements other than {@code <parameter/>}, written after the parameters
     * @throws IllegalArgumentException if {@code ssrc} is not an unsigned 32-bit number, or an other attribute is
     *     {@code ssrc} itself or prefixed
     */
    public MediaSource(long ssrc, List<SourceParameter> parameters, Map<String, String> otherAttributes,
                       List<? extends ExtensionElement> otherChildren) {
        this.ssrc = requireValidSsrc(ssrc);
        this.parameters = List.copyOf(parameters);
        this.extras = KeptExtras.of(OtherAttributes.unprefixed("source", otherAttributes, Set.of(SSRC_ATTRIBUTE)),
                otherChildren);
    }

    /**
     * Returns {@code ssrc} if it is an unsigned 32-bit number.
     *
     * @throws IllegalArgumentException naming the allowed range otherwise
     */
    public static long requireValidSsrc(long ssrc) {
        if (ssrc < MIN_SSRC || ssrc > MAX_SSRC) {
            throw new IllegalArgumentException(invalidSsrcMessage(Long.toString(ssrc)));
        }
        return ssrc;
    }

    /** What is wrong with an ssrc written as {@code given}; shared with the parsers, which also see non-numbers. */
    public static String invalidSsrcMessage(String given) {
        return "ssrc must be an unsigned 32-bit integer, from " + MIN_SSRC + " to " + MAX_SSRC + ", got '" + given
                + "'";
    }

    /** From {@value #MIN_SSRC} to {@value #MAX_SSRC}: a {@code long}, as Java has no unsigned {@code int}. */
    public long getSsrc() {
        return ssrc;
    }

    public List<SourceParameter> getParameters() {
        return parameters;
    }

    /** The value of the first parameter called {@code name}; empty if there is none or it has no value. */
    public Optional<String> getParameterValue(String name) {
        return parameters.stream()
                .filter(parameter -> parameter.getName().equals(name))
                .findFirst()
                .flatMap(SourceParameter::getValue);
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
        xml.attribute(SSRC_ATTRIBUTE, ssrc);
        return extras.writeRest(xml, this, parameters);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof MediaSource)) {
            return false;
        }
        MediaSource that = (MediaSource) other;
        return ssrc == that.ssrc && parameters.equals(that.parameters) && extras.equals(that.extras);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ssrc, parameters, extras);
    }

    @Override
    public String toString() {
        return toXML().toString();
    }
}
