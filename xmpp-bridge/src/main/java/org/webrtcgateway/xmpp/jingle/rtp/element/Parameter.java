package org.webrtcgateway.xmpp.jingle.rtp.element;

import java.util.List;

import org.jivesoftware.smack.packet.ExtensionElement;

import org.webrtcgateway.xmpp.jingle.common.KeptExtras;
import org.webrtcgateway.xmpp.jingle.common.NameValueParameter;
import org.webrtcgateway.xmpp.jingle.common.OtherAttributes;

/**
 * XEP-0167's {@code <parameter name='..' value='..'/>} of a {@link PayloadType}: one format parameter of the codec,
 * what SDP carries in {@code a=fmtp} (e.g. Speex's {@code vbr=on}, H.264's {@code profile-level-id=42e01f}).
 * The schema requires both attributes; a parameter without {@code value} is taken all the same, because StanzaJS
 * writes an fmtp without '=' (RED's {@code 111/111}) as {@code <parameter name='111/111'/>}, and refusing it would
 * refuse the whole call. It is written back as it came.
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
        // An empty name is allowed by the schema (some send name='' for an fmtp without '='); value may be null, see above.
        super(name, value, KeptExtras.of(otherAttributes, otherChildElements));
    }

    /** The value, or null for a parameter that came without one. */
    public String getValue() {
        return valueOrNull();
    }

    @Override
    public String getNamespace() {
        return NAMESPACE;
    }
}
