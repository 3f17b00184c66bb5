package org.webrtcgateway.xmpp.jingle.iceudp.element;

import java.util.Objects;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.jivesoftware.smackx.jingle.element.JingleContentTransportInfo;

/**
 * {@code <remote-candidate component ip port/>} (XEP-0176 section 5.6): the initiator, once ICE has completed, names
 * the peer's candidate it selected (SDP's {@code a=remote-candidates}). It stands alone in its {@code <transport/>},
 * so it is the transport's Smack {@link JingleContentTransportInfo}, as Smack's S5B transport holds its
 * candidate-used. Immutable and valid.
 */
public final class IceUdpRemoteCandidate implements JingleContentTransportInfo, ExtensionElement {

    public static final String ELEMENT = "remote-candidate";
    public static final String NAMESPACE = IceUdpTransport.NAMESPACE;

    public static final String DESCRIPTION = "XEP-0176 <remote-candidate/>";

    private final int component;
    private final String ip;
    private final int port;

    /**
     * @param component xs:unsignedByte
     * @param ip        the address, not empty
     * @param port      xs:unsignedShort
     * @throws IllegalArgumentException if a value breaks the schema
     */
    public IceUdpRemoteCandidate(int component, String ip, int port) {
        this.component = XsdValues.checkUnsignedByte(DESCRIPTION, IceUdpCandidate.COMPONENT, component);
        if (ip == null || ip.isEmpty()) {
            throw XsdValues.missing(DESCRIPTION, IceUdpCandidate.IP);
        }
        this.ip = ip;
        this.port = XsdValues.checkUnsignedShort(DESCRIPTION, IceUdpCandidate.PORT, port);
    }

    public int getComponent() {
        return component;
    }

    public String getIp() {
        return ip;
    }

    public int getPort() {
        return port;
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
        xml.attribute(IceUdpCandidate.COMPONENT, component);
        xml.attribute(IceUdpCandidate.IP, ip);
        xml.attribute(IceUdpCandidate.PORT, port);
        xml.closeEmptyElement();
        return xml;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof IceUdpRemoteCandidate)) {
            return false;
        }
        IceUdpRemoteCandidate that = (IceUdpRemoteCandidate) other;
        return component == that.component && port == that.port && ip.equals(that.ip);
    }

    @Override
    public int hashCode() {
        return Objects.hash(component, ip, port);
    }

    @Override
    public String toString() {
        return "IceUdpRemoteCandidate[component=" + component + ", " + ip + ':' + port + ']';
    }
}
