/** The XEP-0353 element, immutable, and XEP-0334's store hint that its messages carry. */
package org.webrtcgateway.xmpp.jingle.jmi.element;
