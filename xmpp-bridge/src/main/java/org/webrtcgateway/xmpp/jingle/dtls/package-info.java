/**
 * <a href="https://xmpp.org/extensions/xep-0320.html">XEP-0320: Use of DTLS-SRTP in Jingle Sessions</a>: the
 * {@code <fingerprint/>} element (namespace {@code urn:xmpp:jingle:apps:dtls:0}) that carries SDP's
 * {@code a=fingerprint} and {@code a=setup} inside a Jingle ICE-UDP {@code <transport/>}. Element in
 * {@code element}, its parser in {@code provider}.
 *
 * <p>Its provider is registered with Smack's {@code ProviderManager} (by
 * {@link org.webrtcgateway.xmpp.jingle.iceudp.JingleTransports#registerProviders()}), so that the ICE-UDP transport
 * provider, which parses its foreign children through {@code PacketParserUtils.parseExtensionElement}, yields
 * {@link org.webrtcgateway.xmpp.jingle.dtls.element.DtlsFingerprint} rather than a
 * {@code StandardExtensionElement}.
 */
package org.webrtcgateway.xmpp.jingle.dtls;
