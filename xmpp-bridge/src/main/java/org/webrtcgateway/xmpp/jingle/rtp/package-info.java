/**
 * XEP-0167, Jingle RTP Sessions ({@code urn:xmpp:jingle:apps:rtp:1}): the description of a Jingle content that
 * negotiates an RTP session. {@link org.webrtcgateway.xmpp.jingle.rtp.JingleRtp#registerProviders()} registers
 * the providers of this package and of XEP-0293's ({@code jingle.rtcpfb}); laid out as Smack lays out an XEP,
 * elements in {@code element}, their parsers in {@code provider}.
 */
package org.webrtcgateway.xmpp.jingle.rtp;
