package org.webrtcgateway.xmpp.jingle.iceudp.element;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.FullyQualifiedElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.jivesoftware.smackx.jingle.element.JingleContentTransport;
import org.jivesoftware.smackx.jingle.element.JingleContentTransportCandidate;

/**
 * {@code <transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag pwd>} (XEP-0176): the ICE credentials and
 * either candidates or one remote-candidate, as the schema's choice has it, plus the children other XEPs put here
 * (XEP-0320's DTLS {@code <fingerprint/>}, XEP-0343's {@code <sctpmap/>}, ...), kept as {@link ExtensionElement}s.
 *
 * <p>Immutable. The children are kept in the order they came or were added and written back in that order: XEP-0320
 * places the fingerprint before the candidates, XEP-0176 would have the candidates first, and a gateway that
 * reorders what it relays only makes traces harder to compare.
 */
public final class IceUdpTransport extends JingleContentTransport {

    public static final String NAMESPACE = "urn:xmpp:jingle:transports:ice-udp:1";

    public static final String DESCRIPTION = "XEP-0176 <transport/>";
    public static final String UFRAG = "ufrag";
    public static final String PWD = "pwd";

    private final String ufrag;
    private final String pwd;
    private final List<FullyQualifiedElement> childrenInOrder;
    private final List<IceUdpCandidate> iceCandidates;
    private final List<ExtensionElement> extensions;

    private IceUdpTransport(Builder builder, List<IceUdpCandidate> iceCandidates) {
        // Smack's base keeps the candidates (as JingleContentTransportCandidate) and the "info", here the
        // remote-candidate, for the code that only knows JingleContentTransport.
        super(new ArrayList<JingleContentTransportCandidate>(iceCandidates), builder.remoteCandidate);
        this.ufrag = builder.ufrag;
        this.pwd = builder.pwd;
        this.childrenInOrder = Collections.unmodifiableList(new ArrayList<>(builder.childrenInOrder));
        this.iceCandidates = Collections.unmodifiableList(iceCandidates);
        this.extensions = Collections.unmodifiableList(new ArrayList<>(builder.extensions));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The ICE username fragment (SDP's a=ice-ufrag), or {@code null}: XEP-0176 requires it only with candidates. */
    public String getUfrag() {
        return ufrag;
    }

    /** The ICE password (SDP's a=ice-pwd), or {@code null}. */
    public String getPwd() {
        return pwd;
    }

    /** The candidates, in order; the same as {@link #getCandidates()}, typed. */
    public List<IceUdpCandidate> getIceCandidates() {
        return iceCandidates;
    }

    /** The remote-candidate, or {@code null}; the same as {@link #getInfo()}, typed. */
    public IceUdpRemoteCandidate getRemoteCandidate() {
        return (IceUdpRemoteCandidate) getInfo();
    }

    /** The children XEP-0176 does not define, in order: a registered provider's type or a StandardExtensionElement. */
    public List<ExtensionElement> getExtensions() {
        return extensions;
    }

    /** The children of one type, e.g. {@code getExtensions(DtlsFingerprint.class)}. */
    public <E extends ExtensionElement> List<E> getExtensions(Class<E> type) {
        List<E> matching = new ArrayList<>();
        for (ExtensionElement extension : extensions) {
            if (type.isInstance(extension)) {
                matching.add(type.cast(extension));
            }
        }
        return Collections.unmodifiableList(matching);
    }

    /** Every child, in document order. */
    public List<FullyQualifiedElement> getChildrenInOrder() {
        return childrenInOrder;
    }

    @Override
    public String getNamespace() {
        return NAMESPACE;
    }

    @Override
    protected void addExtraAttributes(XmlStringBuilder xml) {
        xml.optAttribute(PWD, pwd);
        xml.optAttribute(UFRAG, ufrag);
    }

    /** Smack's base writes candidates, then info; this writes every child in its order. */
    @Override
    public XmlStringBuilder toXML(XmlEnvironment enclosingXmlEnvironment) {
        XmlStringBuilder xml = new XmlStringBuilder(this, enclosingXmlEnvironment);
        addExtraAttributes(xml);
        if (childrenInOrder.isEmpty()) {
            return xml.closeEmptyElement();
        }
        xml.rightAngleBracket();
        xml.append(childrenInOrder);
        xml.closeElement(this);
        return xml;
    }

    @Override
    public String toString() {
        return "IceUdpTransport[ufrag=" + ufrag + ", candidates=" + iceCandidates
                + (getInfo() != null ? ", remote-candidate=" + getInfo() : "")
                + (extensions.isEmpty() ? "" : ", extensions=" + extensions.size()) + ']';
    }

    /** Collects a transport. Children keep the order in which they are added. */
    public static final class Builder {
        private String ufrag;
        private String pwd;
        private final List<FullyQualifiedElement> childrenInOrder = new ArrayList<>();
        private final List<IceUdpCandidate> candidates = new ArrayList<>();
        private IceUdpRemoteCandidate remoteCandidate;
        private final List<ExtensionElement> extensions = new ArrayList<>();

        private Builder() {
        }

        public Builder setUfrag(String ufrag) {
            this.ufrag = ufrag;
            return this;
        }

        public Builder setPwd(String pwd) {
            this.pwd = pwd;
            return this;
        }

        public Builder addCandidate(IceUdpCandidate candidate) {
            if (candidate == null) {
                throw new IllegalArgumentException("candidate must not be null");
            }
            candidates.add(candidate);
            childrenInOrder.add(candidate);
            return this;
        }

        /** @throws IllegalArgumentException on a second one: the schema allows one */
        public Builder setRemoteCandidate(IceUdpRemoteCandidate remoteCandidate) {
            if (remoteCandidate == null) {
                throw new IllegalArgumentException("remoteCandidate must not be null");
            }
            if (this.remoteCandidate != null) {
                throw new IllegalArgumentException(DESCRIPTION + " may carry one <remote-candidate/>, not two");
            }
            this.remoteCandidate = remoteCandidate;
            childrenInOrder.add(remoteCandidate);
            return this;
        }

        /**
         * A child XEP-0176 does not define, such as XEP-0320's fingerprint.
         *
         * @throws IllegalArgumentException for a candidate or remote-candidate, which have their own methods
         */
        public Builder addExtension(ExtensionElement extension) {
            if (extension == null) {
                throw new IllegalArgumentException("extension must not be null");
            }
            if (extension instanceof IceUdpCandidate || extension instanceof IceUdpRemoteCandidate) {
                throw new IllegalArgumentException("Add " + extension.getElementName()
                        + " with addCandidate or setRemoteCandidate, not as an extension");
            }
            extensions.add(extension);
            childrenInOrder.add(extension);
            return this;
        }

        /**
         * @throws IllegalArgumentException if there are both candidates and a remote-candidate, which XEP-0176's
         *                                  schema offers as a choice
         */
        public IceUdpTransport build() {
            if (remoteCandidate != null && !candidates.isEmpty()) {
                throw new IllegalArgumentException(DESCRIPTION
                        + " carries either <candidate/>s or one <remote-candidate/>, not both");
            }
            return new IceUdpTransport(this, new ArrayList<>(candidates));
        }
    }
}
