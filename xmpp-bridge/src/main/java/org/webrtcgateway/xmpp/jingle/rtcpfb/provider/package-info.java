/** Smack providers of XEP-0293's elements, registered in ProviderManager. */
package org.webrtcgateway.xmpp.jingle.rtcpfb.provider;
