/** The XEP-0339 elements, immutable. */
package org.webrtcgateway.xmpp.jingle.ssma.element;
