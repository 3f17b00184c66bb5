/** The parser of the XEP-0320 element. */
package org.webrtcgateway.xmpp.jingle.dtls.provider;
