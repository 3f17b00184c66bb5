/** The XEP-0320 element, immutable. */
package org.webrtcgateway.xmpp.jingle.dtls.element;
