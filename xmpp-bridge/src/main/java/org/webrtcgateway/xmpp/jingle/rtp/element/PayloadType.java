package org.webrtcgateway.xmpp.jingle.rtp.element;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;

import org.webrtcgateway.xmpp.jingle.common.KeptExtras;
import org.webrtcgateway.xmpp.jingle.common.OtherAttributes;

/**
 * XEP-0167's {@code <payload-type/>}: one codec the sender offers or accepts, SDP's {@code a=rtpmap} (id, name,
 * clockrate, channels) with its {@code a=fmtp} as {@link Parameter} children and its {@code a=ptime}/{@code maxptime}.
 * <p>
 * Other XEPs put their elements in it too (XEP-0293's per-codec {@code <rtcp-fb/>}): all children are kept in the
 * order they came in, whatever their namespace, so that writing the payload-type back says what the peer said.
 */
public final class PayloadType implements ExtensionElement {

    public static final String ELEMENT = "payload-type";
    public static final String NAMESPACE = RtpDescription.NAMESPACE;

    public static final String ID_ATTRIBUTE_NAME = "id";
    public static final String NAME_ATTRIBUTE_NAME = "name";
    public static final String CLOCKRATE_ATTRIBUTE_NAME = "clockrate";
    public static final String CHANNELS_ATTRIBUTE_NAME = "channels";
    public static final String MAXPTIME_ATTRIBUTE_NAME = "maxptime";
    public static final String PTIME_ATTRIBUTE_NAME = "ptime";
    public static final Set<String> DEFINED_ATTRIBUTE_NAMES = Set.of(ID_ATTRIBUTE_NAME, NAME_ATTRIBUTE_NAME,
                    CLOCKRATE_ATTRIBUTE_NAME, CHANNELS_ATTRIBUTE_NAME, MAXPTIME_ATTRIBUTE_NAME, PTIME_ATTRIBUTE_NAME);

    /** The schema's default for an absent 'channels'. */
    public static final int DEFAULT_CHANNELS = 1;

    static final int MAX_UNSIGNED_BYTE = 0xff;
    static final long MAX_UNSIGNED_INT = 0xffff_ffffL;

    private final int id;
    private final String name;
    private final Long clockrate;
    private final Integer channels;
    private final Long maxptime;
    private final Long ptime;
    private final OtherAttributes otherAttributes;
    private final List<ExtensionElement> childElements;

    private PayloadType(Builder builder) {
        id = checkRange(builder.id, MAX_UNSIGNED_BYTE, ID_ATTRIBUTE_NAME);
        name = builder.name;
        clockrate = checkOptionalRange(builder.clockrate, MAX_UNSIGNED_INT, CLOCKRATE_ATTRIBUTE_NAME);
        channels = builder.channels == null ? null : checkRange(builder.channels, MAX_UNSIGNED_BYTE, CHANNELS_ATTRIBUTE_NAME);
        maxptime = checkOptionalRange(builder.maxptime, MAX_UNSIGNED_INT, MAXPTIME_ATTRIBUTE_NAME);
        ptime = checkOptionalRange(builder.ptime, MAX_UNSIGNED_INT, PTIME_ATTRIBUTE_NAME);
        otherAttributes = builder.otherAttributes;
        childElements = List.copyOf(builder.childElements);
    }

    private static int checkRange(int value, int max, String attributeName) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException("payload-type " + attributeName + " out of range 0.." + max + ": " + value);
        }
        return value;
    }

    private static Long checkOptionalRange(Long value, long max, String attributeName) {
        if (value != null && (value < 0 || value > max)) {
            throw new IllegalArgumentException("payload-type " + attributeName + " out of range 0.." + max + ": " + value);
        }
        return value;
    }

    public static Builder builder(int id) {
        return new Builder(id);
    }

    /** The RTP payload type number: static (0-95, e.g. 0 for PCMU) or dynamic (96-127). */
    public int getId() {
        return id;
    }

    /** The encoding name, e.g. "opus"; null when absent, which XEP-0167 allows only for static payload types. */
    public String getName() {
        return name;
    }

    /** Samples per second, null when absent. */
    public Long getClockrate() {
        return clockrate;
    }

    /** The 'channels' attribute as written, null when absent: see {@link #getEffectiveChannels()}. */
    public Integer getChannels() {
        return channels;
    }

    /** The number of channels, 1 when the attribute is absent (the schema's default). */
    public int getEffectiveChannels() {
        return channels == null ? DEFAULT_CHANNELS : channels;
    }

    /** Milliseconds, null when absent. */
    public Long getMaxptime() {
        return maxptime;
    }

    /** Milliseconds, null when absent. */
    public Long getPtime() {
        return ptime;
    }

    public List<Parameter> getParameters() {
        return getChildElements(Parameter.class);
    }

    /** The value of the first parameter called {@code parameterName}, null if there is none. */
    public String getParameterValue(String parameterName) {
        for (Parameter parameter : getParameters()) {
            if (parameter.getName().equals(parameterName)) {
                return parameter.getValue();
            }
        }
        return null;
    }

    /** All children, in document order: the parameters and the elements of other XEPs. */
    public List<ExtensionElement> getChildElements() {
        return childElements;
    }

    /** The children of one type, e.g. XEP-0293's RtcpFb, in document order. */
    public <E extends ExtensionElement> List<E> getChildElements(Class<E> type) {
        return childElements.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toUnmodifiableList());
    }

    /** The children that are not parameters: those of other XEPs, parsed or kept generic. */
    public List<ExtensionElement> getOtherChildElements() {
        return childElements.stream().filter(child -> !(child instanceof Parameter))
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
        xml.attribute(ID_ATTRIBUTE_NAME, id);
        xml.optAttribute(NAME_ATTRIBUTE_NAME, name);
        xml.optAttribute(CLOCKRATE_ATTRIBUTE_NAME, clockrate);
        xml.optAttribute(CHANNELS_ATTRIBUTE_NAME, channels);
        xml.optAttribute(MAXPTIME_ATTRIBUTE_NAME, maxptime);
        xml.optAttribute(PTIME_ATTRIBUTE_NAME, ptime);
        return KeptExtras.of(otherAttributes, childElements).writeRest(xml, this, List.of());
    }

    @Override
    public String toString() {
        return id + " " + name + '/' + clockrate + (channels == null ? "" : "/" + channels);
    }

    public static final class Builder {
        private final int id;
        private String name;
        private Long clockrate;
        private Integer channels;
        private Long maxptime;
        private Long ptime;
        private OtherAttributes otherAttributes = OtherAttributes.NONE;
        private final List<ExtensionElement> childElements = new ArrayList<>();

        private Builder(int id) {
            this.id = id;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder clockrate(Long clockrate) {
            this.clockrate = clockrate;
            return this;
        }

        public Builder clockrate(long clockrate) {
            return clockrate(Long.valueOf(clockrate));
        }

        public Builder channels(Integer channels) {
            this.channels = channels;
            return this;
        }

        public Builder maxptime(Long maxptime) {
            this.maxptime = maxptime;
            return this;
        }

        public Builder ptime(Long ptime) {
            this.ptime = ptime;
            return this;
        }

        public Builder addParameter(String parameterName, String value) {
            return addChildElement(new Parameter(parameterName, value));
        }

        /** Appends a child: a {@link Parameter} or an element of another XEP (e.g. XEP-0293's rtcp-fb). */
        public Builder addChildElement(ExtensionElement child) {
            childElements.add(Objects.requireNonNull(child, "child"));
            return this;
        }

        public Builder otherAttributes(OtherAttributes otherAttributes) {
            this.otherAttributes = Objects.requireNonNull(otherAttributes, "otherAttributes");
            return this;
        }

        /** @throws IllegalArgumentException if a number is out of the range its schema type allows */
        public PayloadType build() {
            return new PayloadType(this);
        }
    }
}
