/**
 * XEP-0339, Source-Specific Media Attributes in Jingle ({@value
 * org.webrtcgateway.xmpp.jingle.ssma.element.MediaSource#NAMESPACE}): the {@code <source/>} and
 * {@code <ssrc-group/>} children of an RTP {@code <description/>}, SDP's {@code a=ssrc} and {@code a=ssrc-group}
 * (RFC 5576). Elements in {@code element}, their parsers in {@code provider}, registered by
 * {@link org.webrtcgateway.xmpp.jingle.ssma.provider.SourceSpecificMediaProviders#register()}.
 */
package org.webrtcgateway.xmpp.jingle.ssma;
