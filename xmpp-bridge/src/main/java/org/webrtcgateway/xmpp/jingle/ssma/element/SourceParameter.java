package org.webrtcgateway.xmpp.jingle.ssma.element;

import java.util.Optional;

import javax.xml.namespace.QName;

import org.webrtcgateway.xmpp.jingle.common.KeptExtras;
import org.webrtcgateway.xmpp.jingle.common.NameValueParameter;

/**
 * {@code <parameter name value?>} inside a {@code <source/>}: one source attribute, {@code a=ssrc:<ssrc>
 * <name>:<value>} in SDP, or {@code a=ssrc:<ssrc> <name>} for an attribute without value (the XEP then leaves
 * {@code value} out). Its parser skips what XEP-0339 does not define, so it keeps nothing else.
 */
public final class SourceParameter extends NameValueParameter {

    public static final String NAMESPACE = MediaSource.NAMESPACE;
    public static final QName QNAME = new QName(NAMESPACE, ELEMENT);

    /** RFC 5576's canonical name: the sources of one endpoint share it, which is how RTP pairs their streams. */
    public static final String CNAME = "cname";
    /** RFC 8830's media stream and track ids, {@code <stream id> <track id>}. */
    public static final String MSID = "msid";

    /** A parameter without value. */
    public SourceParameter(String name) {
        this(name, null);
    }

    /** @param value {@code null} to leave the attribute out; an empty value is kept as written */
    public SourceParameter(String name, String value) {
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
