/**
 * <a href="https://xmpp.org/extensions/xep-0176.html">XEP-0176: Jingle ICE-UDP Transport Method</a> (1.1.1,
 * namespace {@code urn:xmpp:jingle:transports:ice-udp:1}) as Smack extension elements: the
 * {@link org.webrtcgateway.xmpp.jingle.iceudp.IceUdpTransport} (a Smack {@code JingleContentTransport}), its
 * {@link org.webrtcgateway.xmpp.jingle.iceudp.IceUdpCandidate}s or
 * {@link org.webrtcgateway.xmpp.jingle.iceudp.IceUdpRemoteCandidate}, and their providers, registered by
 * {@link org.webrtcgateway.xmpp.jingle.iceudp.JingleTransports#registerProviders()}.
 *
 * <p>Elements and providers share this package (Smack splits them into {@code element} and {@code provider}
 * packages) so that the schema checks, which both the builders and the providers apply, can stay package-private.
 */
package org.webrtcgateway.xmpp.jingle.iceudp;
