/** The parsers of the XEP-0176 elements. */
package org.webrtcgateway.xmpp.jingle.iceudp.provider;
