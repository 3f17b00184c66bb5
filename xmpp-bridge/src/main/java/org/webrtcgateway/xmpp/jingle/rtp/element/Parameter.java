package org.webrtcgateway.xmpp.jingle.rtp.element;

import java.util.List;
import java.util.Objects;

import org.jivesoftware.smack.packet.ExtensionElement;

import org.webrtcgateway.xmpp.jingle.common.KeptExtras;
import org.webrtcgateway.xmpp.jingle.common.NameValueParameter;
import org.webrtcgateway.xmpp.jingle.common.OtherAttributes;

/**
 * XEP-0167's {@code <parameter name='..' value='..'/>} of a {@link PayloadType}: one format parameter of the codec,
 * what SDP carries in {@code a=fmtp} (e.g. Speex's {@code vbr=on}, H.264's {@code profile-level-id=42e01f}).
 * Unlike the other XEPs' parameters, both attributes are required.
 */
public final class Parameter extends NameValueParameter {

    public static final String NAMESPACE = RtpDescription.NAMESPACE;

    public Parameter(String name, String value) {
        this(name, value, OtherAttributes.NONE, List.of());
    }

    /**
     * @param otherAttributes attributes XEP-0167 does not define on a parameter
     * @param otherChildElements children, though XEP-0167 defines none: kept rather than dropped
     */
    public Parameter(String name, String value, OtherAttributes otherAttributes,
                    List<? extends ExtensionElement> otherChildElements) {
        // Both are required by the schema; an empty name is allowed by it (some send name='' for an fmtp without '=').
        super(name, Objects.requireNonNull(value, "parameter value"), KeptExtras.of(otherAttributes, otherChildElements));
    }

    public String getValue() {
        return valueOrNull();
    }

    @Override
    public String getNamespace() {
        return NAMESPACE;
    }
}
