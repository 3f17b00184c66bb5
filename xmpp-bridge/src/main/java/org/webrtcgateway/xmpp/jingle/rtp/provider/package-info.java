/** Smack providers of XEP-0167's elements. */
package org.webrtcgateway.xmpp.jingle.rtp.provider;
