package org.webrtcgateway.xmpp.jingle.iceudp.element;

import java.util.Objects;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.jivesoftware.smackx.jingle.element.JingleContentTransportCandidate;

/**
 * An ICE candidate, {@code <candidate/>} in an ICE-UDP {@code <transport/>} (XEP-0176 section 5.3; SDP's
 * {@code a=candidate}). Immutable; the {@link Builder} refuses what XEP-0176's schema refuses, so every instance is
 * valid.
 *
 * <p>It is a Smack {@link JingleContentTransportCandidate}, so that {@code JingleContentTransport#getCandidates()}
 * lists it, and an {@link ExtensionElement}, so that it has a provider of its own.
 */
public final class IceUdpCandidate extends JingleContentTransportCandidate implements ExtensionElement {

    public static final String NAMESPACE = IceUdpTransport.NAMESPACE;

    public static final String DESCRIPTION = "XEP-0176 <candidate/>";

    public static final String COMPONENT = "component";
    public static final String FOUNDATION = "foundation";
    public static final String GENERATION = "generation";
    public static final String ID = "id";
    public static final String IP = "ip";
    public static final String NETWORK = "network";
    public static final String PORT = "port";
    public static final String PRIORITY = "priority";
    public static final String PROTOCOL = "protocol";
    public static final String RELATED_ADDRESS = "rel-addr";
    public static final String RELATED_PORT = "rel-port";
    public static final String TYPE = "type";
    public static final String TCP_TYPE = "tcptype";

    /** The candidate type, RFC 8445 section 5.1.1; the schema allows exactly these. */
    public enum Type {
        HOST("host"),
        PRFLX("prflx"),
        RELAY("relay"),
        SRFLX("srflx");

        private final String xmlValue;

        Type(String xmlValue) {
            this.xmlValue = xmlValue;
        }

        public String getXmlValue() {
            return xmlValue;
        }

        /** @throws IllegalArgumentException if {@code xmlValue} is none of host, prflx, relay, srflx */
        public static Type fromXmlValue(String xmlValue) {
            for (Type type : values()) {
                if (type.xmlValue.equals(xmlValue)) {
                    return type;
                }
            }
            throw new IllegalArgumentException(DESCRIPTION + " attribute '" + TYPE
                    + "' must be one of host, prflx, relay, srflx, but is '" + xmlValue + "'");
        }
    }

    /**
     * The ICE-TCP candidate's connection role, RFC 6544 section 4.5 (SDP's {@code tcptype} extension). Not in
     * XEP-0176's schema, which defines only "udp" candidates; deployed Jingle clients send it for their TCP
     * candidates, and without it such a candidate cannot be turned back into SDP.
     */
    public enum TcpType {
        ACTIVE("active"),
        PASSIVE("passive"),
        SO("so");

        private final String xmlValue;

        TcpType(String xmlValue) {
            this.xmlValue = xmlValue;
        }

        public String getXmlValue() {
            return xmlValue;
        }

        /** @throws IllegalArgumentException if {@code xmlValue} is none of active, passive, so */
        public static TcpType fromXmlValue(String xmlValue) {
            for (TcpType tcpType : values()) {
                if (tcpType.xmlValue.equals(xmlValue)) {
                    return tcpType;
                }
            }
            throw new IllegalArgumentException(DESCRIPTION + " attribute '" + TCP_TYPE
                    + "' must be one of active, passive, so, but is '" + xmlValue + "'");
        }
    }

    private final int component;
    private final String foundation;
    private final int generation;
    private final String id;
    private final String ip;
    private final Integer network;
    private final int port;
    private final long priority;
    private final String protocol;
    private final String relatedAddress;
    private final Integer relatedPort;
    private final Type type;
    private final TcpType tcpType;

    private IceUdpCandidate(Builder builder) {
        this.component = builder.component;
        this.foundation = builder.foundation;
        this.generation = builder.generation;
        this.id = builder.id;
        this.ip = builder.ip;
        this.network = builder.network;
        this.port = builder.port;
        this.priority = builder.priority;
        this.protocol = builder.protocol;
        this.relatedAddress = builder.relatedAddress;
        this.relatedPort = builder.relatedPort;
        this.type = builder.type;
        this.tcpType = builder.tcpType;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The ICE component: 1 for RTP, 2 for RTCP (XEP-0176 section 4). */
    public int getComponent() {
        return component;
    }

    /** RFC 8445's foundation; an opaque string since XEP-0176 1.1. */
    public String getFoundation() {
        return foundation;
    }

    /** Starts at 0 and grows with each ICE restart (XEP-0176 section 5.8). */
    public int getGeneration() {
        return generation;
    }

    /** Jingle's identifier of this candidate; not part of SDP. */
    public String getId() {
        return id;
    }

    /** The address as sent: an IPv4 or IPv6 literal, or, from browsers hiding their addresses, an mDNS name. */
    public String getIp() {
        return ip;
    }

    /** The index of the network interface, or {@code null}: optional since XEP-0176 1.1. */
    public Integer getNetwork() {
        return network;
    }

    public int getPort() {
        return port;
    }

    /**
     * The priority. A {@code long} because the schema's positiveInteger is unbounded and XEP-0176's own examples go
     * beyond 2^32; RFC 8445 allows 1 to 2^31-1, so whoever turns this into SDP decides what to do with more.
     */
    public long getPriority() {
        return priority;
    }

    /** The transport protocol as sent: XEP-0176 defines only "udp". */
    public String getProtocol() {
        return protocol;
    }

    /** The related address (SDP's raddr) of a reflexive or relayed candidate, or {@code null}. */
    public String getRelatedAddress() {
        return relatedAddress;
    }

    /** The related port (SDP's rport), or {@code null}. */
    public Integer getRelatedPort() {
        return relatedPort;
    }

    public Type getType() {
        return type;
    }

    /** The ICE-TCP role, or {@code null} (always for UDP candidates). */
    public TcpType getTcpType() {
        return tcpType;
    }

    @Override
    public String getNamespace() {
        return NAMESPACE;
    }

    @Override
    public XmlStringBuilder toXML(XmlEnvironment enclosingXmlEnvironment) {
        XmlStringBuilder xml = new XmlStringBuilder(this, enclosingXmlEnvironment);
        xml.attribute(COMPONENT, component);
        xml.attribute(FOUNDATION, foundation);
        xml.attribute(GENERATION, generation);
        xml.attribute(ID, id);
        xml.attribute(IP, ip);
        xml.optAttribute(NETWORK, network);
        xml.attribute(PORT, port);
        xml.attribute(PRIORITY, priority);
        xml.attribute(PROTOCOL, protocol);
        xml.optAttribute(RELATED_ADDRESS, relatedAddress);
        xml.optAttribute(RELATED_PORT, relatedPort);
        xml.attribute(TYPE, type.getXmlValue());
        if (tcpType != null) {
            xml.attribute(TCP_TYPE, tcpType.getXmlValue());
        }
        xml.closeEmptyElement();
        return xml;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof IceUdpCandidate)) {
            return false;
        }
        IceUdpCandidate that = (IceUdpCandidate) other;
        return component == that.component
                && generation == that.generation
                && port == that.port
                && priority == that.priority
                && foundation.equals(that.foundation)
                && id.equals(that.id)
                && ip.equals(that.ip)
                && Objects.equals(network, that.network)
                && protocol.equals(that.protocol)
                && Objects.equals(relatedAddress, that.relatedAddress)
                && Objects.equals(relatedPort, that.relatedPort)
                && type == that.type
                && tcpType == that.tcpType;
    }

    @Override
    public int hashCode() {
        return Objects.hash(component, foundation, generation, id, ip, network, port, priority, protocol,
                relatedAddress, relatedPort, type, tcpType);
    }

    @Override
    public String toString() {
        return "IceUdpCandidate[id=" + id + ", " + type.getXmlValue() + ' ' + protocol + ' ' + ip + ':' + port
                + ", component=" + component + ", foundation=" + foundation + ", priority=" + priority
                + ", generation=" + generation
                + (network != null ? ", network=" + network : "")
                + (relatedAddress != null ? ", rel-addr=" + relatedAddress : "")
                + (relatedPort != null ? ", rel-port=" + relatedPort : "")
                + (tcpType != null ? ", tcptype=" + tcpType.getXmlValue() : "") + ']';
    }

    /**
     * Collects a candidate's attributes. Numbers are checked against the schema's types when set, the presence of the
     * required attributes when built; both refuse with an {@link IllegalArgumentException} naming the attribute.
     */
    public static final class Builder {
        // Boxed, so that build() can tell a required number that was never set from a zero.
        private Integer component;
        private String foundation;
        private Integer generation;
        private String id;
        private String ip;
        private Integer network;
        private Integer port;
        private Long priority;
        private String protocol;
        private String relatedAddress;
        private Integer relatedPort;
        private Type type;
        private TcpType tcpType;

        private Builder() {
        }

        /** xs:unsignedByte. */
        public Builder setComponent(int component) {
            this.component = XsdValues.checkUnsignedByte(DESCRIPTION, COMPONENT, component);
            return this;
        }

        public Builder setFoundation(String foundation) {
            this.foundation = foundation;
            return this;
        }

        /** xs:unsignedByte. */
        public Builder setGeneration(int generation) {
            this.generation = XsdValues.checkUnsignedByte(DESCRIPTION, GENERATION, generation);
            return this;
        }

        public Builder setId(String id) {
            this.id = id;
            return this;
        }

        public Builder setIp(String ip) {
            this.ip = ip;
            return this;
        }

        /** xs:unsignedByte, or {@code null} to leave it out. */
        public Builder setNetwork(Integer network) {
            this.network = network == null ? null : XsdValues.checkUnsignedByte(DESCRIPTION, NETWORK, network);
            return this;
        }

        /** xs:unsignedShort. */
        public Builder setPort(int port) {
            this.port = XsdValues.checkUnsignedShort(DESCRIPTION, PORT, port);
            return this;
        }

        /** xs:positiveInteger. */
        public Builder setPriority(long priority) {
            this.priority = XsdValues.checkPositiveInteger(DESCRIPTION, PRIORITY, priority);
            return this;
        }

        public Builder setProtocol(String protocol) {
            this.protocol = protocol;
            return this;
        }

        /** Optional. */
        public Builder setRelatedAddress(String relatedAddress) {
            this.relatedAddress = relatedAddress;
            return this;
        }

        /** xs:unsignedShort, or {@code null} to leave it out. */
        public Builder setRelatedPort(Integer relatedPort) {
            this.relatedPort = relatedPort == null ? null
                    : XsdValues.checkUnsignedShort(DESCRIPTION, RELATED_PORT, relatedPort);
            return this;
        }

        public Builder setType(Type type) {
            this.type = type;
            return this;
        }

        /** Optional; see {@link TcpType} for why it exists at all. */
        public Builder setTcpType(TcpType tcpType) {
            this.tcpType = tcpType;
            return this;
        }

        /** @throws IllegalArgumentException if a required attribute is missing or empty */
        public IceUdpCandidate build() {
            require(component, COMPONENT);
            requireText(foundation, FOUNDATION);
            require(generation, GENERATION);
            requireText(id, ID);
            requireText(ip, IP);
            require(port, PORT);
            require(priority, PRIORITY);
            requireText(protocol, PROTOCOL);
            require(type, TYPE);
            return new IceUdpCandidate(this);
        }

        private static void require(Object value, String attribute) {
            if (value == null) {
                throw XsdValues.missing(DESCRIPTION, attribute);
            }
        }

        private static void requireText(String value, String attribute) {
            if (value == null || value.isEmpty()) {
                throw XsdValues.missing(DESCRIPTION, attribute);
            }
        }
    }
}
