/** The parser of the XEP-0353 elements, and its registration with Smack's {@code ProviderManager}. */
package org.webrtcgateway.xmpp.jingle.jmi.provider;
