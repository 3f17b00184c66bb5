package org.webrtcgateway.xmpp.sdp;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.StandardExtensionElement;

/**
 * The elements the translation writes for SDP that has no typed Jingle element in this module, as Smack's generic
 * {@link StandardExtensionElement} (which is also what the transport's parser makes of them, having no provider):
 *
 * <ul>
 * <li>XEP-0343 (0.3.1) {@code <sctpmap xmlns='urn:xmpp:jingle:transports:dtls-sctp:1' number='5000'
 * protocol='webrtc-datachannel'/>} in the transport, for the data channel's {@code a=sctp-port} (RFC 8841) or the
 * older {@code a=sctpmap}. Its 'streams' attribute is written only when the SDP had the older form's stream count:
 * RFC 8841's SDP has none.</li>
 * <li>{@code <end-of-candidates/>} in the transport, for {@code a=end-of-candidates} (RFC 8838 section 8.2). XEP-0176
 * has no such element, so it is in this project's own namespace; a peer that does not know it ignores it, as
 * XEP-0166 asks for unknown children.</li>
 * </ul>
 */
public final class KeptElements {

    public static final String SCTPMAP = "sctpmap";
    public static final String SCTPMAP_NAMESPACE = "urn:xmpp:jingle:transports:dtls-sctp:1";
    public static final String SCTPMAP_NUMBER = "number";
    public static final String SCTPMAP_PROTOCOL = "protocol";
    public static final String SCTPMAP_STREAMS = "streams";

    public static final String END_OF_CANDIDATES = "end-of-candidates";
    public static final String GATEWAY_NAMESPACE = "urn:xmpp:webrtc-gateway:sdp:0";

    private KeptElements() {
    }

    /** @param streams null when the SDP did not say */
    public static StandardExtensionElement sctpmap(int port, String protocol, String streams) {
        StandardExtensionElement.Builder sctpmap = StandardExtensionElement.builder(SCTPMAP, SCTPMAP_NAMESPACE)
                .addAttribute(SCTPMAP_NUMBER, Integer.toString(port))
                .addAttribute(SCTPMAP_PROTOCOL, protocol);
        if (streams != null) {
            sctpmap.addAttribute(SCTPMAP_STREAMS, streams);
        }
        return sctpmap.build();
    }

    public static StandardExtensionElement endOfCandidates() {
        return StandardExtensionElement.builder(END_OF_CANDIDATES, GATEWAY_NAMESPACE).build();
    }

    public static boolean isSctpmap(ExtensionElement element) {
        return SCTPMAP.equals(element.getElementName()) && SCTPMAP_NAMESPACE.equals(element.getNamespace());
    }

    public static boolean isEndOfCandidates(ExtensionElement element) {
        return END_OF_CANDIDATES.equals(element.getElementName()) && GATEWAY_NAMESPACE.equals(element.getNamespace());
    }

    /** An attribute of a generic element, null if absent or if the element is not generic. */
    public static String attribute(ExtensionElement element, String name) {
        return element instanceof StandardExtensionElement generic ? generic.getAttributeValue(name) : null;
    }
}
