/**
 * XEP-0293, Jingle RTP Feedback Negotiation ({@code urn:xmpp:jingle:apps:rtp:rtcp-fb:0}): the RTCP feedback a
 * party accepts, inside XEP-0167's description (for all codecs) or payload-type (for one). Its providers are
 * registered, with XEP-0167's, by {@code JingleRtp.registerProviders()}.
 */
package org.webrtcgateway.xmpp.jingle.rtcpfb;
