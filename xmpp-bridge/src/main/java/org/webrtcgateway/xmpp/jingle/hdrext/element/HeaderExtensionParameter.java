package org.webrtcgateway.xmpp.jingle.hdrext.element;

import java.util.Optional;

import javax.xml.namespace.QName;

import org.webrtcgateway.xmpp.jingle.common.KeptExtras;
import org.webrtcgateway.xmpp.jingle.common.NameValueParameter;

/**
 * {@code <parameter name value?>} inside an {@code <rtp-hdrext/>}: an extension's extra attribute, {@code name=value}
 * in SDP, or a bare {@code name} for an attribute of any other form (the XEP then leaves {@code value} out). Its
 * parser skips what XEP-0294 does not define, so it keeps nothing else.
 */
public final class HeaderExtensionParameter extends NameValueParameter {

    public static final String NAMESPACE = RtpHeaderExtension.NAMESPACE;
    public static final QName QNAME = new QName(NAMESPACE, ELEMENT);

    /** A parameter without value. */
    public HeaderExtensionParameter(String name) {
        this(name, null);
    }

    /** @param value {@code null} to leave the attribute out; an empty value is kept as written */
    public HeaderExtensionParameter(String name, String value) {
        super(name, value, KeptExtras.NONE);
    }

    /** Empty when the attribute was left out. */
    public Optional<String> getValue() {
        return Optional.ofNullable(valueOrNull());
    }

    @Override
    public String getNamespace() {
        return NAMESPACE;
    }

    @Override
    public String toString() {
        return toXML().toString();
    }
}
