/**
 * XEP-0294, Jingle RTP Header Extensions Negotiation ({@value
 * org.webrtcgateway.xmpp.jingle.hdrext.element.RtpHeaderExtension#NAMESPACE}): the {@code <rtp-hdrext/>} and
 * {@code <extmap-allow-mixed/>} children of an RTP {@code <description/>}, SDP's {@code a=extmap} and
 * {@code a=extmap-allow-mixed}. Elements in {@code element}, their parsers in {@code provider}, registered by
 * {@link org.webrtcgateway.xmpp.jingle.hdrext.provider.RtpHeaderExtensionProviders#register()}.
 */
package org.webrtcgateway.xmpp.jingle.hdrext;
