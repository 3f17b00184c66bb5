package org.webrtcgateway.xmpp.jingle.rtcpfb.element;

import java.util.List;

import org.jivesoftware.smack.packet.ExtensionElement;

import org.webrtcgateway.xmpp.jingle.common.KeptExtras;
import org.webrtcgateway.xmpp.jingle.common.NameValueParameter;
import org.webrtcgateway.xmpp.jingle.common.OtherAttributes;

/**
 * XEP-0293's {@code <parameter name='..' value='..'/>} inside an {@link RtcpFb}: a further token of the SDP
 * {@code a=rtcp-fb} line. It is XEP-0293's own element (its namespace, not XEP-0167's), and unlike XEP-0167's
 * parameter its value is optional, since rtcp-fb parameters are often bare tokens.
 */
public final class RtcpFbParameter extends NameValueParameter {

    public static final String NAMESPACE = RtcpFb.NAMESPACE;

    public RtcpFbParameter(String name, String value) {
        this(name, value, OtherAttributes.NONE, List.of());
    }

    /** @param value null when absent */
    public RtcpFbParameter(String name, String value, OtherAttributes otherAttributes,
                    List<? extends ExtensionElement> otherChildElements) {
        super(name, value, KeptExtras.of(otherAttributes, otherChildElements));
    }

    /** Null when absent. */
    public String getValue() {
        return valueOrNull();
    }

    @Override
    public String getNamespace() {
        return NAMESPACE;
    }
}
