/**
 * <a href="https://xmpp.org/extensions/xep-0176.html">XEP-0176: Jingle ICE-UDP Transport Method</a> (1.1.1,
 * namespace {@code urn:xmpp:jingle:transports:ice-udp:1}) as Smack extension elements: the
 * {@link org.webrtcgateway.xmpp.jingle.iceudp.element.IceUdpTransport} (a Smack {@code JingleContentTransport}), its
 * {@link org.webrtcgateway.xmpp.jingle.iceudp.element.IceUdpCandidate}s or
 * {@link org.webrtcgateway.xmpp.jingle.iceudp.element.IceUdpRemoteCandidate}. Elements in {@code element}, their
 * parsers in {@code provider}, registered (with XEP-0320's) by
 * {@link org.webrtcgateway.xmpp.jingle.iceudp.JingleTransports#registerProviders()}.
 */
package org.webrtcgateway.xmpp.jingle.iceudp;
