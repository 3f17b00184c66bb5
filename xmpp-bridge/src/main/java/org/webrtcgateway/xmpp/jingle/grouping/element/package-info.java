/** The XEP-0338 element, immutable. */
package org.webrtcgateway.xmpp.jingle.grouping.element;
