/** The XEP-0294 elements, immutable. */
package org.webrtcgateway.xmpp.jingle.hdrext.element;
