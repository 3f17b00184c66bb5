/** XEP-0293's elements, immutable. */
package org.webrtcgateway.xmpp.jingle.rtcpfb.element;
