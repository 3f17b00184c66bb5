package org.webrtcgateway.xmpp.jingle.hdrext.element;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.xml.namespace.QName;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.jivesoftware.smackx.jingle.element.JingleContent.Senders;
import org.webrtcgateway.xmpp.jingle.common.KeptExtras;
import org.webrtcgateway.xmpp.jingle.common.OtherAttributes;

/**
 * {@code <rtp-hdrext id uri senders?>}: one RTP header extension offered or accepted for the media of a
 * {@code <description/>}, SDP's {@code a=extmap:<id>[/<direction>] <uri>}.
 *
 * <p>Beyond XEP-0294's schema, the attributes and child elements it does not define are kept (see
 * {@link #getOtherAttributes()}, {@link #getOtherChildren()}): the bridge echoes and forwards descriptions, and
 * dropping what a peer added would silently change them.
 */
public final class RtpHeaderExtension implements ExtensionElement {

    public static final String ELEMENT = "rtp-hdrext";
    public static final String NAMESPACE = "urn:xmpp:jingle:apps:rtp:rtp-hdrext:0";
    public static final QName QNAME = new QName(NAMESPACE, ELEMENT);

    public static final String ID_ATTRIBUTE = "id";
    public static final String URI_ATTRIBUTE = "uri";
    public static final String SENDERS_ATTRIBUTE = "senders";
    private static final Set<String> DEFINED_ATTRIBUTES = Set.of(ID_ATTRIBUTE, URI_ATTRIBUTE, SENDERS_ATTRIBUTE);

    /**
     * The ids a negotiated extension may use: RFC 8285's two-byte header form allows 1 to 255 (0 is padding), and
     * the one-byte form is the 1 to 14 part of it. XEP-0294 also lists 4096-4351, which RFC 8285 lets only an offer
     * use for the answerer to remap; the bridge never needs them, so they are refused like any other value.
     */
    public static final int MIN_ID = 1;
    public static final int MAX_ID = 255;

    private final int id;
    private final String uri;
    private final Senders senders;
    private final List<HeaderExtensionParameter> parameters;
    private final KeptExtras extras;

    /** An extension both parties may send, without parameters. */
    public RtpHeaderExtension(int id, String uri) {
        this(id, uri, Senders.both, List.of());
    }

    public RtpHeaderExtension(int id, String uri, Senders senders, List<HeaderExtensionParameter> parameters) {
        this(id, uri, senders, parameters, Map.of(), List.of());
    }

    /**
     * @param senders who may send the extension; {@link Senders#both} is the XEP's default, written by leaving the
     *     attribute out
     * @param otherAttributes unprefixed attributes the XEP does not define, in the order to write them
     * @param otherChildren child elements other than {@code <parameter/>}, written after the parameters
     * @throws IllegalArgumentException if {@code id} is outside {@value #MIN_ID}-{@value #MAX_ID}, {@code uri} is
     *     empty, or an other attribute is one the element writes itself or is prefixed
     */
    public RtpHeaderExtension(int id, String uri, Senders senders, List<HeaderExtensionParameter> parameters,
                              Map<String, String> otherAttributes, List<? extends ExtensionElement> otherChildren) {
        this.id = requireValidId(id);
        requireNonNull(uri, "uri");
        if (uri.isEmpty()) {
            throw new IllegalArgumentException("rtp-hdrext uri must not be empty");
        }
        this.uri = uri;
        this.senders = requireNonNull(senders, "senders");
        this.parameters = List.copyOf(parameters);
        this.extras = KeptExtras.of(OtherAttributes.unprefixed("rtp-hdrext", otherAttributes, DEFINED_ATTRIBUTES),
                otherChildren);
    }

    /**
     * Returns {@code id} if an extension may use it.
     *
     * @throws IllegalArgumentException naming the allowed range otherwise
     */
    public static int requireValidId(long id) {
        if (id < MIN_ID || id > MAX_ID) {
            throw new IllegalArgumentException(invalidIdMessage(Long.toString(id)));
        }
        return (int) id;
    }

    /** What is wrong with an id written as {@code given}; shared with the parser, which also sees non-numbers. */
    public static String invalidIdMessage(String given) {
        return "rtp-hdrext id must be an integer from " + MIN_ID + " to " + MAX_ID + " (RFC 8285), got '" + given
                + "'";
    }

    /** From {@value #MIN_ID} to {@value #MAX_ID}. */
    public int getId() {
        return id;
    }

    public String getUri() {
        return uri;
    }

    /** {@link Senders#both} when the attribute was left out. */
    public Senders getSenders() {
        return senders;
    }

    public List<HeaderExtensionParameter> getParameters() {
        return parameters;
    }

    /** The value of the first parameter called {@code name}; empty if there is none or it has no value. */
    public Optional<String> getParameterValue(String name) {
        return parameters.stream()
                .filter(parameter -> parameter.getName().equals(name))
                .findFirst()
                .flatMap(HeaderExtensionParameter::getValue);
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
        xml.attribute(ID_ATTRIBUTE, id);
        xml.attribute(URI_ATTRIBUTE, uri);
        xml.attribute(SENDERS_ATTRIBUTE, senders, Senders.both);
        return extras.writeRest(xml, this, parameters);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof RtpHeaderExtension)) {
            return false;
        }
        RtpHeaderExtension that = (RtpHeaderExtension) other;
        return id == that.id && uri.equals(that.uri) && senders == that.senders
                && parameters.equals(that.parameters) && extras.equals(that.extras);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, uri, senders, parameters, extras);
    }

    @Override
    public String toString() {
        return toXML().toString();
    }
}
