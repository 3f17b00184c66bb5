/** The XEP-0176 elements, immutable, and the schema checks their builders and the providers share. */
package org.webrtcgateway.xmpp.jingle.iceudp.element;
